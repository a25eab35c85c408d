import type { ConversationReference } from 'botbuilder';
import type { BilanRepository } from '../../core/bilan/bilan-repository.js';
import type { Clock } from '../../core/clock.js';
import type { Locale } from '../../core/locale.js';
import type { Logger } from '../../core/logger.js';
import type { ErasureProof } from '../../core/rights/erasure.js';
import { closureOf, destructionDue, type RetentionPolicy } from '../../core/rights/retention-policy.js';
import { every } from '../periodic-task.js';
import type { ConversationDirectory } from '../reminders/conversation-directory.js';
import type { PersonalData } from './personal-data.js';

export interface RetentionSweeperOptions {
  readonly directory: ConversationDirectory;
  readonly repository: BilanRepository;
  readonly data: PersonalData;
  readonly policy: RetentionPolicy;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Tells the user, in their chat, that their bilan was destroyed (the certificate); best effort. */
  readonly notify?: (reference: Partial<ConversationReference>, locale: Locale | undefined, proof: ErasureProof) => Promise<void>;
}

/** What one sweep did: bilans destroyed because their retention ended, interrupted erasures finished. */
export interface SweepResult {
  readonly destroyed: number;
  readonly resumed: number;
}

/**
 * Destroys closed bilans once their retention period is over, through the same path as « supprimer mes données »,
 * and finishes erasures left unfinished (a channel card Teams did not delete, a crash midway). Users are
 * enumerated from the conversation index (ids only) and their records read one at a time.
 */
export class RetentionSweeper {
  constructor(private readonly options: RetentionSweeperOptions) {}

  async runOnce(): Promise<SweepResult> {
    const resumed = await this.options.data.resumePending();
    let destroyed = 0;
    for (const userId of await this.options.directory.userIds()) {
      // One unreadable record must not keep the others beyond their retention period.
      const erased = await this.sweepOne(userId).catch((error: unknown) => {
        this.options.logger.warn({ errorName: error instanceof Error ? error.name : 'unknown' }, 'retention: a bilan could not be checked');
        return false;
      });
      if (erased) destroyed++;
    }
    if (destroyed > 0 || resumed > 0) this.options.logger.info({ destroyed, resumed }, 'retention sweep');
    return { destroyed, resumed };
  }

  private async sweepOne(userId: string): Promise<boolean> {
    const record = (await this.options.repository.load(userId))?.record;
    const now = this.options.clock.now();
    if (!record || !destructionDue(record, now, this.options.policy)) return false;
    const reference = await this.options.directory.find(userId);
    const proof = await this.options.data.erase(userId, 'retention', closureOf(record, now, this.options.policy)?.reason);
    if (reference && this.options.notify) {
      await this.options.notify(reference, record.locale, proof).catch((error: unknown) => {
        this.options.logger.warn({ errorName: error instanceof Error ? error.name : 'unknown' }, 'retention: certificate not sent');
      });
    }
    return true;
  }

  /** Sweeps now, then every `intervalMs`. */
  start(intervalMs: number): void {
    this.stop = every(intervalMs, () => this.runOnce(), { logger: this.options.logger, message: 'retention sweep failed', runNow: true });
  }

  stop: () => void = () => undefined;
}
