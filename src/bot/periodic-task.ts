import type { Logger } from '../core/logger.js';

/**
 * Runs `task` every `intervalMs` without keeping the process alive; a failure is logged (error name only) and the
 * next run tries again. Returns the function that stops it.
 */
export function every(intervalMs: number, task: () => Promise<unknown>, failure: { logger: Logger; message: string; runNow?: boolean }): () => void {
  const run = () => {
    task().catch((error: unknown) => failure.logger.warn({ errorName: error instanceof Error ? error.name : 'unknown' }, failure.message));
  };
  if (failure.runNow) run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
