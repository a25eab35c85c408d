/** How a post or delete in a Teams channel can fail, how a Connector error is read to tell, and the retries. */

export type ChannelPostFailure =
  /** 403: the bot is not (or no longer) installed in the team, or is blocked. Not retried. */
  | 'forbidden'
  /** 404: the channel or the activity does not exist. Not retried. */
  | 'not-found'
  /** Any other 4xx (400, 401, 413…) or 501: the request itself is wrong or unsupported. Not retried. */
  | 'rejected'
  /** 412, 429, 5xx or a network error on every attempt. */
  | 'retries-exhausted'
  /** Another caller holds the post for this key and did not finish in time. */
  | 'in-progress'
  /** The post was withdrawn (before or while it was posted): nothing stays in the channel under this key. */
  | 'withdrawn'
  /** The process is shutting down: the retry was not waited for (the sweeper takes over). */
  | 'stopped';

/** A post or delete in a channel failed; `status` is the Connector's HTTP status when there was one. */
export class ChannelPostError extends Error {
  constructor(
    readonly failure: ChannelPostFailure,
    readonly status: number | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ChannelPostError';
  }
}

const NETWORK_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET']);

/** Whether a failed Connector call is worth retrying, or how it failed for good. */
function classify(status: number | undefined, error: unknown): ChannelPostFailure | 'retry' {
  if (status === undefined) {
    const code = (error as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return 'retry';
    // Not an HTTP failure (a bug, a missing serviceUrl…): retrying would not help.
    return 'rejected';
  }
  // 501 Not Implemented (e.g. deleteActivity in the Agents Playground) will not change on retry.
  if (status === 501) return 'rejected';
  if (status === 412 || status === 429 || status >= 500) return 'retry';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  return 'rejected';
}

/** The HTTP status of a Connector error (RestError from @azure/core-rest-pipeline: `statusCode`, `response.status`). */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const candidate of [e.statusCode, e.response?.status, e.status]) {
    if (typeof candidate === 'number' && candidate >= 100) return candidate;
  }
  return undefined;
}

/** Retry-After (seconds or an HTTP date) from the error's response headers, in ms. */
function retryAfterMsOf(error: unknown, now: Date): number | undefined {
  const headers = (error as { response?: { headers?: unknown } } | undefined)?.response?.headers;
  let raw: unknown;
  if (headers && typeof (headers as { get?: unknown }).get === 'function') {
    raw = (headers as { get(name: string): unknown }).get('retry-after');
  } else if (headers && typeof headers === 'object') {
    const record = headers as Record<string, unknown>;
    raw = record['retry-after'] ?? record['Retry-After'];
  }
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

/** The Connector calls the outbox makes: a new thread, its deletion, its update in place. */
export type Operation = 'post' | 'delete' | 'update';

export interface RetryInfo {
  readonly operation: Operation;
  readonly attempt: number;
  readonly status: number | undefined;
  readonly delayMs: number;
}

/** How failed Connector calls are retried (ChannelPosterOptions sets it). */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
  readonly random: () => number;
  readonly onRetry?: (info: RetryInfo) => void;
}

/**
 * Runs `call`, retrying 412, 429, 5xx and network errors with exponential backoff and full jitter (Retry-After,
 * when given, is the floor); any other failure, or the last attempt's, becomes a ChannelPostError.
 */
export async function withRetries<T>(policy: RetryPolicy, operation: Operation, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error: unknown) {
      const status = statusOf(error);
      const failure = classify(status, error);
      if (failure !== 'retry') {
        throw new ChannelPostError(failure, status, `${operation} in channel failed with status ${status ?? 'none'}`, { cause: error });
      }
      if (attempt >= policy.maxAttempts) {
        throw new ChannelPostError('retries-exhausted', status, `${operation} in channel failed ${attempt} times (last status ${status ?? 'none'})`, { cause: error });
      }
      const delayMs = delayBefore(policy, attempt, retryAfterMsOf(error, policy.now()));
      policy.onRetry?.({ operation, attempt, status, delayMs });
      await policy.sleep(delayMs);
    }
  }
}

function delayBefore(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(policy.random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.min(policy.maxDelayMs, Math.max(retryAfterMs, jittered));
}

/** `sleep`, but failing at once with `stopped` when `signal` aborts (before or during the wait). */
export function stoppable(sleep: (ms: number) => Promise<void>, signal: AbortSignal): (ms: number) => Promise<void> {
  const stopped = () => new ChannelPostError('stopped', undefined, 'the bot is shutting down');
  return (ms) => {
    if (signal.aborted) return Promise.reject(stopped());
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(stopped());
      signal.addEventListener('abort', onAbort, { once: true });
      sleep(ms).then(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      );
    });
  };
}
