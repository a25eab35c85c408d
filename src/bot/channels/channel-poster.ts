import { randomUUID } from 'node:crypto';
import {
  CardFactory,
  Channels,
  MessageFactory,
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
} from 'botbuilder';
import { CREATE_ONLY_ETAG, isETagConflict, type KeyValueStore } from '../../core/bilan/key-value-store.js';
import type { ChannelTarget } from './channel-registry.js';
import { inConversation } from '../in-conversation.js';

/** A card the bot posted as a new thread in a channel: enough to delete it or reply in its thread later. */
export interface PostedMessage {
  /** The root activity id of the thread (what `deleteActivity` needs). */
  readonly activityId: string;
  /** The thread's conversation id: `<channelId>;messageid=<activityId>`. */
  readonly conversationId: string;
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly channelId: string;
  readonly botId?: string;
  /** Set when the post was deleted since (a repeated `post` with the same key returns it without posting). */
  readonly deleted?: boolean;
}

/** What the poster needs from the adapter (a CloudAdapter, with or without an app id). */
export type ProactiveAdapter = Pick<CloudAdapter, 'createConversationAsync' | 'continueConversationAsync'>;

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
  | 'in-progress';

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

export interface RetryInfo {
  readonly operation: 'post' | 'delete';
  readonly attempt: number;
  readonly status: number | undefined;
  readonly delayMs: number;
}

export interface ChannelPosterOptions {
  /** The bot's app id; '' when running without credentials (local, Playground, tests). */
  readonly appId: string;
  /** Attempts per Connector call, the first included. Default 5. */
  readonly maxAttempts?: number;
  /** First backoff step; doubled each attempt, with full jitter. Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Upper bound of one wait, Retry-After included. Default 30 s. */
  readonly maxDelayMs?: number;
  /** How long another caller's `pending` post is waited for before it is considered abandoned. Default 2 min. */
  readonly pendingTimeoutMs?: number;
  /** Poll interval while waiting for another caller's pending post. Default 250 ms. */
  readonly pollIntervalMs?: number;
  /** Injected for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  readonly random?: () => number;
  /** Called before each retry wait (for logs; never carries card content). */
  readonly onRetry?: (info: RetryInfo) => void;
}

type OutboxRecord =
  | { state: 'pending'; owner: string; startedAt: string }
  | { state: 'failed'; owner: string; failedAt: string; status?: number }
  | ({ state: 'sent'; owner: string; sentAt: string } & PostedFields)
  | ({ state: 'deleted'; owner: string; sentAt: string; deletedAt: string } & PostedFields);

interface PostedFields {
  activityId: string;
  conversationId: string;
  serviceUrl: string;
  tenantId: string;
  channelId: string;
  botId?: string;
}

type StoredOutboxRecord = OutboxRecord & { eTag?: string };

/** The outbox key of an idempotency key. */
export function outboxKey(idempotencyKey: string): string {
  return `posts/${idempotencyKey}`;
}

/** In-process serialisation per store and key: concurrent calls in one process never both post. */
const keyLocks = new WeakMap<KeyValueStore, Map<string, Promise<unknown>>>();

/**
 * Posts Adaptive Cards as new threads in Teams channels, proactively, through
 * `adapter.createConversationAsync` (works with an empty app id, unlike TeamsInfo.sendMessageToTeamsChannel).
 *
 * Idempotent per `idempotencyKey`: an outbox record `posts/<key>` goes `pending → sent` (or `failed`) with
 * eTag-checked writes. A call that finds `sent` returns the stored result without posting; a call that finds
 * another caller's `pending` waits for it. Concurrent calls in one process are serialised per key. Across
 * processes, every step is an eTag-checked write, the first creation of the record included (a create-only
 * write, CREATE_ONLY_ETAG: with Blob storage an `If-None-Match: *` upload), so of two instances posting the same
 * key at the same instant only one posts. A post whose process died between the Connector call and the `sent`
 * write is posted again after `pendingTimeoutMs`: the Connector offers no idempotency key.
 *
 * Retries 412, 429 and 5xx (and network errors) with exponential backoff and full jitter, honouring
 * Retry-After; never retries 403, 404 or other 4xx (ChannelPostError). Note the SDK's own HTTP pipeline
 * already retries 429 and most 5xx up to 3 times before this class sees the error.
 */
export class ChannelPoster {
  readonly #adapter: ProactiveAdapter;
  readonly #store: KeyValueStore;
  readonly #appId: string;
  readonly #maxAttempts: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #pendingTimeoutMs: number;
  readonly #pollIntervalMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => Date;
  readonly #random: () => number;
  readonly #onRetry: ((info: RetryInfo) => void) | undefined;

  constructor(adapter: ProactiveAdapter, store: KeyValueStore, options: ChannelPosterOptions) {
    this.#adapter = adapter;
    this.#store = store;
    this.#appId = options.appId;
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.#baseDelayMs = options.baseDelayMs ?? 500;
    this.#maxDelayMs = options.maxDelayMs ?? 30_000;
    this.#pendingTimeoutMs = options.pendingTimeoutMs ?? 120_000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? (() => new Date());
    this.#random = options.random ?? Math.random;
    this.#onRetry = options.onRetry;
  }

  /** Posts `card` as a new thread in the target channel, once per `idempotencyKey`. */
  post(target: ChannelTarget, card: object, idempotencyKey: string): Promise<PostedMessage> {
    if (!idempotencyKey) throw new TypeError('an idempotency key is required');
    return this.#withKeyLock(outboxKey(idempotencyKey), () => this.#postOnce(target, card, outboxKey(idempotencyKey)));
  }

  /** The outcome recorded for a key: the posted message (possibly deleted since), or undefined if none was sent. */
  async find(idempotencyKey: string): Promise<PostedMessage | undefined> {
    const record = await this.#read(outboxKey(idempotencyKey));
    return record && (record.state === 'sent' || record.state === 'deleted') ? toPosted(record) : undefined;
  }

  /**
   * Deletes a posted card (the bot deletes its own activity). A 404 counts as already deleted.
   * Marks the outbox record `deleted` when `idempotencyKey` is given, so a replayed post stays deleted.
   */
  async delete(posted: PostedMessage, idempotencyKey?: string): Promise<void> {
    const reference: Partial<ConversationReference> = {
      channelId: Channels.Msteams,
      serviceUrl: posted.serviceUrl,
      conversation: { id: posted.conversationId, isGroup: true, conversationType: 'channel', tenantId: posted.tenantId, name: '' },
      ...(posted.botId ? { bot: { id: posted.botId, name: '' } } : {}),
    };
    try {
      await this.#withRetries('delete', () => this.#deleteActivity(reference, posted.activityId));
    } catch (error: unknown) {
      if (!(error instanceof ChannelPostError && error.failure === 'not-found')) throw error;
    }
    if (idempotencyKey !== undefined) await this.#markDeleted(outboxKey(idempotencyKey), posted);
  }

  /** One DELETE through the adapter; a failed delete is never taken for a success. */
  async #deleteActivity(reference: Partial<ConversationReference>, activityId: string): Promise<void> {
    await inConversation(this.#adapter, this.#appId, reference, (context) => context.deleteActivity(activityId));
  }

  /** Deletes what was posted under `idempotencyKey`, if anything; true if there was something to delete. */
  async deleteByKey(idempotencyKey: string): Promise<boolean> {
    const record = await this.#read(outboxKey(idempotencyKey));
    if (!record || record.state !== 'sent') return false;
    await this.delete(toPosted(record), idempotencyKey);
    return true;
  }

  /** Forgets everything recorded for `idempotencyKey` (erasure): call `deleteByKey` first, or the post stays up. */
  async forget(idempotencyKey: string): Promise<void> {
    await this.#store.delete([outboxKey(idempotencyKey)]);
  }

  async #postOnce(target: ChannelTarget, card: object, key: string): Promise<PostedMessage> {
    const owner = randomUUID();
    const claimedETag = await this.#claim(key, owner);
    if (typeof claimedETag !== 'string') return claimedETag;

    let posted: PostedMessage;
    try {
      posted = await this.#withRetries('post', () => this.#createThread(target, card));
    } catch (error: unknown) {
      const status = error instanceof ChannelPostError ? error.status : undefined;
      await this.#tryWrite(key, { state: 'failed', owner, failedAt: this.#now().toISOString(), ...(status ? { status } : {}) }, claimedETag);
      throw error;
    }

    const sent: OutboxRecord = { state: 'sent', owner, sentAt: this.#now().toISOString(), ...toPostedFields(posted) };
    if (await this.#tryWrite(key, sent, claimedETag)) return posted;
    // Someone took our pending over (we were slower than pendingTimeoutMs): keep the first post that was recorded.
    const current = await this.#read(key);
    if (current && (current.state === 'sent' || current.state === 'deleted')) {
      await this.delete(posted).catch(() => undefined); // best effort: remove our duplicate
      return toPosted(current);
    }
    await this.#store.write({ [key]: { ...sent, eTag: '*' } });
    return posted;
  }

  /**
   * Takes the key: returns the eTag of our `pending` record, or the already posted message.
   * Waits for another caller's fresh `pending`; takes over an abandoned one, or a `failed` one.
   */
  async #claim(key: string, owner: string): Promise<string | PostedMessage> {
    const waitStarted = this.#now().getTime();
    for (;;) {
      const current = await this.#read(key);
      if (current?.state === 'sent' || current?.state === 'deleted') return toPosted(current);
      const pending: OutboxRecord = { state: 'pending', owner, startedAt: this.#now().toISOString() };

      if (!current) {
        // Create-only: if another caller created the record first, read again and follow its state.
        if (await this.#tryWrite(key, pending, CREATE_ONLY_ETAG)) {
          const after = await this.#read(key);
          if (after?.state === 'pending' && after.owner === owner && after.eTag) return after.eTag;
        }
        continue;
      }

      const abandoned =
        current.state === 'failed' ||
        this.#now().getTime() - Date.parse(current.startedAt) > this.#pendingTimeoutMs;
      if (abandoned) {
        if (await this.#tryWrite(key, pending, current.eTag)) {
          const after = await this.#read(key);
          if (after?.state === 'pending' && after.owner === owner && after.eTag) return after.eTag;
        }
        continue; // lost the race: read again
      }

      if (this.#now().getTime() - waitStarted > this.#pendingTimeoutMs) {
        throw new ChannelPostError('in-progress', undefined, `another post for "${key}" is still pending`);
      }
      await this.#sleep(this.#pollIntervalMs);
    }
  }

  async #createThread(target: ChannelTarget, card: object): Promise<PostedMessage> {
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card)) as Activity;
    const parameters = {
      isGroup: true,
      channelData: { channel: { id: target.channelId }, tenant: { id: target.tenantId } },
      tenantId: target.tenantId,
      activity,
      ...(target.botId ? { bot: { id: target.botId, name: '' } } : {}),
    } as ConversationParameters;
    let conversationId: string | undefined;
    await this.#adapter.createConversationAsync(this.#appId, Channels.Msteams, target.serviceUrl, '', parameters, (context) => {
      conversationId = context.activity.conversation.id;
      return Promise.resolve();
    });
    if (!conversationId) throw new ChannelPostError('rejected', undefined, 'the Connector returned no conversation id');
    return {
      // Teams answers `{ id: "<channel>;messageid=<activityId>", activityId }`; the SDK only passes the id on.
      activityId: /;messageid=([^;]+)/.exec(conversationId)?.[1] ?? conversationId,
      conversationId,
      serviceUrl: target.serviceUrl,
      tenantId: target.tenantId,
      channelId: target.channelId,
      ...(target.botId ? { botId: target.botId } : {}),
    };
  }

  async #withRetries<T>(operation: 'post' | 'delete', call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error: unknown) {
        const status = statusOf(error);
        const failure = classify(status, error);
        if (failure !== 'retry') {
          throw new ChannelPostError(failure, status, `${operation} in channel failed with status ${status ?? 'none'}`, { cause: error });
        }
        if (attempt >= this.#maxAttempts) {
          throw new ChannelPostError('retries-exhausted', status, `${operation} in channel failed ${attempt} times (last status ${status ?? 'none'})`, { cause: error });
        }
        const delayMs = this.#delayBefore(attempt, retryAfterMsOf(error, this.#now()));
        this.#onRetry?.({ operation, attempt, status, delayMs });
        await this.#sleep(delayMs);
      }
    }
  }

  /** Full jitter over an exponential ceiling; Retry-After, when given, is the floor. */
  #delayBefore(attempt: number, retryAfterMs: number | undefined): number {
    const ceiling = Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** (attempt - 1));
    const jittered = Math.round(this.#random() * ceiling);
    return retryAfterMs === undefined ? jittered : Math.min(this.#maxDelayMs, Math.max(retryAfterMs, jittered));
  }

  async #markDeleted(key: string, posted: PostedMessage): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.#read(key);
      const base = current && (current.state === 'sent' || current.state === 'deleted') ? current : undefined;
      const record: OutboxRecord = {
        state: 'deleted',
        owner: base?.owner ?? 'unknown',
        sentAt: base?.sentAt ?? this.#now().toISOString(),
        deletedAt: this.#now().toISOString(),
        ...toPostedFields(base ? toPosted(base) : posted),
      };
      if (await this.#tryWrite(key, record, current?.eTag ?? CREATE_ONLY_ETAG)) return;
    }
    await this.#store.write({ [key]: { state: 'deleted', owner: 'unknown', sentAt: this.#now().toISOString(), deletedAt: this.#now().toISOString(), ...toPostedFields(posted), eTag: '*' } });
  }

  async #read(key: string): Promise<StoredOutboxRecord | undefined> {
    const item = (await this.#store.read([key]))[key];
    return isOutboxRecord(item) ? item : undefined;
  }

  /** An eTag-checked write; false on conflict (other storage failures propagate). */
  async #tryWrite(key: string, record: OutboxRecord, eTag: string | undefined): Promise<boolean> {
    try {
      await this.#store.write({ [key]: { ...record, eTag: eTag ?? '*' } });
      return true;
    } catch (error: unknown) {
      if (isETagConflict(error)) return false;
      if (error instanceof Error && error.name === 'ConcurrencyError') return false;
      throw error;
    }
  }

  async #withKeyLock<T>(key: string, run: () => Promise<T>): Promise<T> {
    let locks = keyLocks.get(this.#store);
    if (!locks) keyLocks.set(this.#store, (locks = new Map<string, Promise<unknown>>()));
    const previous = locks.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(run);
    const tail = current.catch(() => undefined);
    locks.set(key, tail);
    try {
      return await current;
    } finally {
      if (locks.get(key) === tail) locks.delete(key);
    }
  }
}

function toPostedFields(posted: PostedMessage): PostedFields {
  return {
    activityId: posted.activityId,
    conversationId: posted.conversationId,
    serviceUrl: posted.serviceUrl,
    tenantId: posted.tenantId,
    channelId: posted.channelId,
    ...(posted.botId ? { botId: posted.botId } : {}),
  };
}

function toPosted(record: PostedFields & { state: string }): PostedMessage {
  return { ...toPostedFields(record), ...(record.state === 'deleted' ? { deleted: true } : {}) };
}

function isOutboxRecord(value: unknown): value is StoredOutboxRecord {
  if (typeof value !== 'object' || value === null) return false;
  const state = (value as { state?: unknown }).state;
  return state === 'pending' || state === 'failed' || state === 'sent' || state === 'deleted';
}

const NETWORK_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET']);

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
