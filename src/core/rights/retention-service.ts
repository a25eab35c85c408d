import type { BilanRepository } from '../bilan/bilan-repository.js';
import type { Clock } from '../clock.js';
import { activeExtension, agreeToExtension, canExtend, destructionDate, revokeExtension, type RetentionPolicy } from './retention-policy.js';

export type ExtendOutcome = 'kept' | 'alreadyKept' | 'notEngaged';
export type RevokeExtensionOutcome = 'revoked' | 'nothingKept';

/** The one-year extension, only on the user's explicit request: recorded with its date, revocable at any time. */
export class RetentionService {
  constructor(
    private readonly repository: BilanRepository,
    private readonly clock: Clock,
    readonly policy: RetentionPolicy,
  ) {}

  async extend(userId: string): Promise<ExtendOutcome> {
    const loaded = await this.repository.load(userId);
    if (!loaded || !canExtend(loaded.record)) return 'notEngaged';
    if (activeExtension(loaded.record)) return 'alreadyKept';
    await this.repository.save(agreeToExtension(loaded.record, this.clock.now().toISOString()), loaded.eTag);
    return 'kept';
  }

  async revoke(userId: string): Promise<RevokeExtensionOutcome> {
    const loaded = await this.repository.load(userId);
    if (!loaded || !activeExtension(loaded.record)) return 'nothingKept';
    await this.repository.save(revokeExtension(loaded.record, this.clock.now().toISOString()), loaded.eTag);
    return 'revoked';
  }

  /** When the user's bilan is due to be destroyed, if it is closed. */
  async destructionDate(userId: string): Promise<Date | undefined> {
    const record = (await this.repository.load(userId))?.record;
    return record && destructionDate(record, this.clock.now(), this.policy);
  }
}
