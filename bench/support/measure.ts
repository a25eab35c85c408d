/** Timing helpers shared by the benchmarks. */

export interface Latencies {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function summarize(samples: readonly number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean };
}

export async function timedAsync<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

export const round3 = (n: number): number => Math.round(n * 1000) / 1000;
export const ratio = (a: number, b: number): number => round3(b === 0 ? 0 : a / b);
export const median = (values: readonly number[]): number => percentile([...values].sort((a, b) => a - b), 50);

/** Runs `tasks` with at most `concurrency` in flight; resolves with the wall time in ms. */
export async function runConcurrently(tasks: readonly (() => Promise<unknown>)[], concurrency: number): Promise<number> {
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      if (task) await task();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - start;
}
