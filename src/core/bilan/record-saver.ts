import type { Clock } from '../clock.js';
import type { BilanRecord } from './bilan-record.js';
import type { BilanRepository, LoadedBilan } from './bilan-repository.js';
import { RecentLoads } from './recent-loads.js';
import { retryOnConflict, type Pause } from './retry-on-conflict.js';
import { UnstoredPeople } from './unstored-people.js';

export interface RecordSaverOptions {
  readonly repository: BilanRepository;
  readonly clock: Clock;
  /** Wait between two attempts of a save that conflicted (tests make it instant). */
  readonly pause?: Pause;
}

/**
 * How the bilan use cases read and save a user's record. Every save carries the eTag it was read with (or is a
 * create-only write for a new user), so a concurrent turn is never overwritten; a conflicting change is started over
 * from what is stored now. Nothing is stored about someone before they read the information: what they chose
 * meanwhile is remembered in memory only (UnstoredPeople).
 */
export class RecordSaver {
  readonly unstored = new UnstoredPeople();
  private readonly recent = new RecentLoads();

  constructor(private readonly options: RecordSaverOptions) {}

  load(userId: string): Promise<LoadedBilan | undefined> {
    return this.options.repository.load(userId);
  }

  /** The record a turn works on: the one read when the turn opened (see {@link keepForTurn}) if fresh, else read now. */
  async loadForTurn(userId: string): Promise<LoadedBilan | undefined> {
    return this.recent.take(userId) ?? (await this.options.repository.load(userId));
  }

  /** What a turn read when it opened, handed over once to the same turn (RecentLoads). */
  keepForTurn(userId: string, loaded: LoadedBilan | undefined): void {
    this.recent.keep(userId, loaded);
  }

  /** Runs `attempt` (read, then save eTag-checked) again while its save conflicts. */
  retrying<T>(attempt: () => Promise<T>): Promise<T> {
    return retryOnConflict(attempt, this.options.pause);
  }

  /**
   * Saves `edit` of the user's record, retrying a conflicting save. Someone with no record keeps none: a preference
   * given before reading the information (or after erasure) is not stored.
   */
  change(userId: string, edit: (record: BilanRecord) => BilanRecord): Promise<void> {
    return this.retrying(async () => {
      const loaded = await this.options.repository.load(userId);
      if (loaded) await this.save(edit(loaded.record), loaded.eTag);
    });
  }

  /**
   * Saves, except a first record that holds nothing the user agreed to give: before they confirm they read the
   * information (or refuse the bilan after reading it), where they stand in the flow is not stored. Returns whether it saved.
   */
  async save(record: BilanRecord, eTag: string | undefined): Promise<boolean> {
    this.recent.take(record.userId); // what this turn read is no longer what is stored
    if (eTag === undefined && !record.consent.informationAcknowledgedAt && !record.consent.refusedAt) return false;
    const chosen = eTag === undefined ? this.unstored.localeOf(record.userId) : undefined;
    await this.options.repository.save({ ...record, locale: record.locale ?? chosen, updatedAt: this.now() }, eTag);
    this.unstored.forget(record.userId);
    return true;
  }

  now(): string {
    return this.options.clock.now().toISOString();
  }
}
