import type { LoadedBilan } from './bilan-repository.js';

const MAX_AGE_MS = 2000;
const MAX_ENTRIES = 1000;

/**
 * A record read at the start of a turn (for the user's language), handed over once to the same turn's answer so
 * that the turn reads its record once. Taken at most once and only while fresh; anything older is read again.
 * A stale hand-over cannot lose an answer: the save is eTag-checked and a conflict replays the turn from storage.
 */
export class RecentLoads {
  private readonly entries = new Map<string, { readonly loaded: LoadedBilan; readonly at: number }>();

  /** What this turn read for the user (nothing: no record, which also forgets an older hand-over). */
  keep(userId: string, loaded: LoadedBilan | undefined): void {
    this.entries.delete(userId);
    if (!loaded) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(userId, { loaded, at: performance.now() });
  }

  /** The record kept for this user, if fresh; forgotten either way. */
  take(userId: string): LoadedBilan | undefined {
    const entry = this.entries.get(userId);
    this.entries.delete(userId);
    return entry && performance.now() - entry.at <= MAX_AGE_MS ? entry.loaded : undefined;
  }
}
