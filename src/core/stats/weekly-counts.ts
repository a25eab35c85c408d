import { ConcurrencyError } from '../errors.js';
import type { BilanRecord } from '../bilan/bilan-record.js';
import { CREATE_ONLY_ETAG, isETagConflict, type KeyValueStore } from '../bilan/key-value-store.js';
import { retryOnConflict, type Pause } from '../bilan/retry-on-conflict.js';

/** Anonymous events counted for HR: no user id, no content, only how many bilans started and ended each week. */
export type CountedEvent = 'started' | 'completed';
export type WeekCounts = Readonly<Record<CountedEvent, number>>;

/** Below this, a count is shown as "fewer than": in a small team a count of 1 or 2 could point to a person. */
export const MIN_REPORTED_COUNT = 5;

/** The ISO 8601 week of a date, e.g. "2026-W48". */
export function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** What a turn changed that HR may count: engagement given, last phase completed. */
export function eventsBetween(before: BilanRecord | undefined, after: BilanRecord): CountedEvent[] {
  const events: CountedEvent[] = [];
  if (!before?.consent.engagedAt && after.consent.engagedAt) events.push('started');
  if (before?.phases.conclusion?.status !== 'completed' && after.phases.conclusion?.status === 'completed') events.push('completed');
  return events;
}

/** Attempts of one increment; with shards, a conflict is rare and the next attempt usually wins. */
const MAX_TRIES = 8;

/**
 * Each week is counted in SHARDS keys, `stats/weeks/<week>` and `stats/weeks/<week>/<1..SHARDS-1>`, and an
 * increment goes to one picked at random: with every instance's engagements landing in one key, busy hours made
 * increments queue behind each other's conflicts (measured: turns waiting 30 s with two instances and 50 users).
 */
const SHARDS = 16;

/** Weekly counters in shared storage, incremented with eTag checks so concurrent turns never lose a count. */
export class WeeklyCounts {
  constructor(
    private readonly store: KeyValueStore,
    private readonly pause?: Pause,
    private readonly random: () => number = Math.random,
  ) {}

  add(event: CountedEvent, at: Date): Promise<void> {
    const key = shardKeys(isoWeek(at))[Math.floor(this.random() * SHARDS)] as string;
    return retryOnConflict(async () => {
      const current = (await this.store.read([key]))[key] as (Partial<WeekCounts> & { eTag?: string }) | undefined;
      const next = { started: current?.started ?? 0, completed: current?.completed ?? 0 };
      next[event] += 1;
      try {
        await this.store.write({ [key]: { ...next, eTag: current?.eTag ?? CREATE_ONLY_ETAG } });
      } catch (error: unknown) {
        throw isETagConflict(error) ? new ConcurrencyError(`Could not count ${event} for ${key}`, { cause: error }) : error;
      }
    }, this.pause, MAX_TRIES);
  }

  async of(week: string): Promise<WeekCounts> {
    const keys = shardKeys(week);
    const stored = await this.store.read(keys);
    const total = { started: 0, completed: 0 };
    for (const key of keys) {
      const shard = stored[key] as Partial<WeekCounts> | undefined;
      total.started += shard?.started ?? 0;
      total.completed += shard?.completed ?? 0;
    }
    return total;
  }
}

function shardKeys(week: string): string[] {
  return Array.from({ length: SHARDS }, (_, n) => (n === 0 ? `stats/weeks/${week}` : `stats/weeks/${week}/${n}`));
}
