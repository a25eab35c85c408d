import type { ConversationReference } from 'botbuilder';
import type { BilanRepository, LoadedBilan } from '../../core/bilan/bilan-repository.js';
import type { Clock } from '../../core/clock.js';
import type { Locale } from '../../core/locale.js';
import type { Logger } from '../../core/logger.js';
import type { ErasureProof } from '../../core/rights/erasure.js';
import { activeExtension, canExtend, closureOf, destructionDue, destructionWarningDue, type RetentionPolicy } from '../../core/rights/retention-policy.js';
import { every } from '../periodic-task.js';
import type { ConversationDirectory } from '../reminders/conversation-directory.js';
import type { PersonalData } from './personal-data.js';

export interface RetentionSweeperOptions {
  readonly directory: ConversationDirectory;
  readonly repository: BilanRepository;
  readonly data: PersonalData;
  /** Channel cards whose withdrawal is recorded but not done (Teams refused or delayed it): tried again first. */
  readonly withdrawals?: { retryPending(): Promise<number> };
  readonly policy: RetentionPolicy;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Tells the user, in their chat, that their bilan was destroyed (the certificate); best effort. */
  readonly notify?: (reference: Partial<ConversationReference>, locale: Locale | undefined, proof: ErasureProof) => Promise<void>;
  /** Tells the user, in their chat, when their bilan will be destroyed and what they can do before. */
  readonly warn?: (reference: Partial<ConversationReference>, locale: Locale | undefined, warning: DestructionWarning) => Promise<void>;
}

/** What the warning before destruction says: the date, and whether the user may still ask to keep the bilan a year. */
export interface DestructionWarning {
  readonly dueAt: Date;
  readonly canKeepLonger: boolean;
}

/** What one sweep did: bilans destroyed because their retention ended, users warned before it, interrupted erasures finished. */
export interface SweepResult {
  readonly destroyed: number;
  readonly warned: number;
  readonly resumed: number;
}

/**
 * Destroys closed bilans once their retention period is over, through the same path as « supprimer mes données »,
 * warns each user in their chat a few days before, and finishes erasures left unfinished (a channel card Teams did
 * not delete, a crash midway). Users are enumerated from the conversation index (ids only) and their records read
 * one at a time.
 */
export class RetentionSweeper {
  constructor(private readonly options: RetentionSweeperOptions) {}

  async runOnce(): Promise<SweepResult> {
    await this.options.withdrawals?.retryPending();
    const resumed = await this.options.data.resumePending();
    const done = { destroyed: 0, warned: 0, nothing: 0 };
    for (const userId of await this.options.directory.userIds()) {
      // One unreadable record must not keep the others beyond their retention period.
      const outcome = await this.sweepOne(userId).catch((error: unknown) => {
        this.options.logger.warn({ errorName: error instanceof Error ? error.name : 'unknown' }, 'retention: a bilan could not be checked');
        return 'nothing' as const;
      });
      done[outcome]++;
    }
    const { destroyed, warned } = done;
    if (destroyed > 0 || warned > 0 || resumed > 0) this.options.logger.info({ destroyed, warned, resumed }, 'retention sweep');
    return { destroyed, warned, resumed };
  }

  private async sweepOne(userId: string): Promise<'destroyed' | 'warned' | 'nothing'> {
    const loaded = await this.options.repository.load(userId);
    const record = loaded?.record;
    const now = this.options.clock.now();
    if (!loaded || !record) return 'nothing';
    if (!destructionDue(record, now, this.options.policy)) return this.warnIfDue(userId, loaded, now);
    const reference = await this.options.directory.find(userId);
    const proof = await this.options.data.erase(userId, 'retention', closureOf(record, now, this.options.policy)?.reason);
    if (reference && this.options.notify) {
      await this.options.notify(reference, record.locale, proof).catch((error: unknown) => {
        this.options.logger.warn({ errorName: error instanceof Error ? error.name : 'unknown' }, 'retention: certificate not sent');
      });
    }
    return 'destroyed';
  }

  /**
   * Records the warning (eTag-checked, so that one instance sends it), then sends it. Sending is best effort: when
   * it fails, the record forgets the warning and the next sweep tries again.
   */
  private async warnIfDue(userId: string, { record, eTag }: LoadedBilan, now: Date): Promise<'warned' | 'nothing'> {
    const dueAt = destructionWarningDue(record, now, this.options.policy);
    const reference = dueAt && this.options.warn ? await this.options.directory.find(userId) : undefined;
    if (!dueAt || !reference || !this.options.warn) return 'nothing';
    // Saved as is: a sweep is not the user's activity, so updatedAt (from which abandonment counts) stays.
    const warned = { ...record, destructionWarning: { dueAt: dueAt.toISOString(), sentAt: now.toISOString() } };
    await this.options.repository.save(warned, eTag);
    try {
      await this.options.warn(reference, record.locale, { dueAt, canKeepLonger: canExtend(record) && !activeExtension(record) });
      return 'warned';
    } catch (error: unknown) {
      this.options.logger.warn({ errorName: error instanceof Error ? error.name : 'unknown' }, 'retention: warning not sent');
      const current = await this.options.repository.load(userId);
      if (current?.record.destructionWarning?.dueAt === warned.destructionWarning.dueAt) {
        const { destructionWarning: _unsent, ...rest } = current.record;
        await this.options.repository.save(rest, current.eTag);
      }
      return 'nothing';
    }
  }

  /** Sweeps now, then every `intervalMs`. */
  start(intervalMs: number): void {
    this.stop = every(intervalMs, () => this.runOnce(), { logger: this.options.logger, message: 'retention sweep failed', runNow: true });
  }

  stop: () => void = () => undefined;
}
