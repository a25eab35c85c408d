import { ConcurrencyError } from '../errors.js';

/** Attempts of one read-modify-save, the first included, before the turn gives up with ConcurrencyError. */
export const MAX_SAVE_ATTEMPTS = 6;

/** Longest wait between two attempts. */
const MAX_PAUSE_MS = 1000;

export type Pause = (ms: number) => Promise<void>;

const realPause: Pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` (which must read what it changes, then save it eTag-checked) again while it fails with a
 * ConcurrencyError: another turn, in this process or another instance, saved in between, so the attempt
 * starts over from what is stored now. Waits a short random time between attempts, growing with each, so
 * that two instances which keep colliding drift apart. Other errors, and the last conflict, are thrown.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, pause: Pause = realPause, maxAttempts = MAX_SAVE_ATTEMPTS, random: () => number = Math.random): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error: unknown) {
      if (!(error instanceof ConcurrencyError) || n >= maxAttempts) throw error;
      await pause(Math.round(random() * Math.min(MAX_PAUSE_MS, 10 * 2 ** n)));
    }
  }
}
