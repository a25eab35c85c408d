import { randomUUID } from 'node:crypto';
import { CardFactory, Channels, MessageFactory, type Activity, type CloudAdapter, type ConversationParameters, type ConversationReference } from 'botbuilder';
import { CREATE_ONLY_ETAG, type KeyValueStore } from '../../core/bilan/key-value-store.js';
import type { ChannelTarget } from './channel-registry.js';
import { inConversation } from '../in-conversation.js';
import { ChannelPostError, stoppable, withRetries, type RetryInfo, type RetryPolicy } from './channel-post-failures.js';
import { OutboxStore, outboxKey, revisionOf, toPosted, toPostedFields, type OutboxRecord } from './channel-outbox.js';

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

/**
 * Posts Adaptive Cards as new threads in Teams channels, proactively, through `adapter.createConversationAsync`
 * (works with an empty app id, unlike TeamsInfo.sendMessageToTeamsChannel); updates and deletes them.
 *
 * Idempotent per `idempotencyKey`: an outbox record `posts/<key>` goes `pending → sent` (or `failed`) with
 * eTag-checked writes. A call that finds `sent` returns the stored result without posting; a call that finds
 * another caller's `pending` waits for it. Concurrent calls in one process are serialised per key. Across
 * processes, every step is an eTag-checked write, the first creation of the record included (a create-only
 * write, CREATE_ONLY_ETAG: with Blob storage an `If-None-Match: *` upload), so of two instances posting the same
 * key at the same instant only one posts. A post whose process died between the Connector call and the `sent`
 * write is posted again after `pendingTimeoutMs`: the Connector offers no idempotency key.
 *
 * A withdrawal (ChannelWithdrawals) may arrive while the post is in flight: the post then finds `withdrawing` instead
 * of its `pending`, deletes its card at once and fails with `withdrawn`; a key withdrawn before it was posted is
 * never posted (`withdrawn` too).
 *
 * Retries 412, 429 and 5xx (and network errors) with exponential backoff and full jitter, honouring
 * Retry-After; never retries 403, 404 or other 4xx (ChannelPostError). Note the SDK's own HTTP pipeline
 * already retries 429 and most 5xx up to 3 times before this class sees the error.
 */
export class ChannelPoster {
  readonly #adapter: ProactiveAdapter;
  readonly #outbox: OutboxStore;
  readonly #appId: string;
  readonly #retries: RetryPolicy;
  readonly #pendingTimeoutMs: number;
  readonly #pollIntervalMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => Date;
  readonly #stopping = new AbortController();

  constructor(adapter: ProactiveAdapter, store: KeyValueStore, options: ChannelPosterOptions) {
    this.#adapter = adapter;
    this.#outbox = new OutboxStore(store);
    this.#appId = options.appId;
    this.#pendingTimeoutMs = options.pendingTimeoutMs ?? 120_000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
    this.#sleep = stoppable(options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref())), this.#stopping.signal);
    this.#now = options.now ?? (() => new Date());
    this.#retries = {
      maxAttempts: Math.max(1, options.maxAttempts ?? 5),
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      sleep: this.#sleep,
      now: this.#now,
      random: options.random ?? Math.random,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    };
  }

  /** The outbox records this poster writes (for ChannelWithdrawals). */
  get outbox(): OutboxStore {
    return this.#outbox;
  }

  /** Stops waiting between retries: a call waiting for its next attempt fails with `stopped` (shutdown). */
  stop(): void {
    this.#stopping.abort();
  }

  /** Posts `card` as a new thread in the target channel, once per `idempotencyKey`. */
  post(target: ChannelTarget, card: object, idempotencyKey: string): Promise<PostedMessage> {
    if (!idempotencyKey) throw new TypeError('an idempotency key is required');
    return this.#outbox.withKeyLock(outboxKey(idempotencyKey), () => this.#postOnce(target, card, outboxKey(idempotencyKey)));
  }

  /** The outcome recorded for a key: the posted message (possibly deleted since), or undefined if none was sent. */
  async find(idempotencyKey: string): Promise<PostedMessage | undefined> {
    const record = await this.#outbox.read(outboxKey(idempotencyKey));
    if (record?.state === 'withdrawing') return record.posted && toPosted({ ...record.posted, state: 'sent' });
    return record && (record.state === 'sent' || record.state === 'deleted') ? toPosted(record) : undefined;
  }

  /**
   * Deletes a posted card (the bot deletes its own activity), a 404 counting as deleted; marks the outbox record
   * `deleted` when `idempotencyKey` is given, so a replayed post stays deleted.
   */
  async delete(posted: PostedMessage, idempotencyKey?: string): Promise<void> {
    try {
      await withRetries(this.#retries, 'delete', () => inConversation(this.#adapter, this.#appId, referenceOf(posted), (context) => context.deleteActivity(posted.activityId)));
    } catch (error: unknown) {
      if (!(error instanceof ChannelPostError && error.failure === 'not-found')) throw error;
    }
    if (idempotencyKey !== undefined) await this.#markDeleted(outboxKey(idempotencyKey), posted);
  }

  /** Replaces a posted card's content, in place (the bot edits its own activity); fails like a post (404: `not-found`). */
  async replace(posted: PostedMessage, card: object): Promise<void> {
    const activity = { ...cardMessage(card), id: posted.activityId };
    await withRetries(this.#retries, 'update', () => inConversation(this.#adapter, this.#appId, referenceOf(posted), (context) => context.updateActivity(activity)));
  }

  /** Deletes what was posted under `idempotencyKey`, if anything; true if there was something to delete. */
  async deleteByKey(idempotencyKey: string): Promise<boolean> {
    const record = await this.#outbox.read(outboxKey(idempotencyKey));
    if (!record || record.state !== 'sent') return false;
    await this.delete(toPosted(record), idempotencyKey);
    return true;
  }

  /** Forgets everything recorded for `idempotencyKey` (erasure): call `deleteByKey` first, or the post stays up. */
  async forget(idempotencyKey: string): Promise<void> {
    await this.#outbox.remove(outboxKey(idempotencyKey));
  }

  async #postOnce(target: ChannelTarget, card: object, key: string): Promise<PostedMessage> {
    const owner = randomUUID();
    const claimedETag = await this.#claim(key, owner);
    if (typeof claimedETag !== 'string') return claimedETag;

    let posted: PostedMessage;
    try {
      posted = await withRetries(this.#retries, 'post', () => this.#createThread(target, card));
    } catch (error: unknown) {
      const status = error instanceof ChannelPostError ? error.status : undefined;
      await this.#outbox.tryWrite(key, { state: 'failed', owner, failedAt: this.#now().toISOString(), ...(status ? { status } : {}) }, claimedETag);
      throw error;
    }

    const sentAt = this.#now().toISOString();
    const sent: OutboxRecord = { state: 'sent', owner, sentAt, revision: revisionOf(card), ...toPostedFields(posted) };
    if (await this.#outbox.tryWrite(key, sent, claimedETag)) return posted;
    const current = await this.#outbox.read(key);
    if (!current || current.state === 'withdrawing' || current.state === 'cancelled') return this.#takeDownAtOnce(key, posted, sentAt);
    // Someone took our pending over (we were slower than pendingTimeoutMs): keep the first post that was recorded.
    if (current.state === 'sent' || current.state === 'deleted') {
      await this.delete(posted).catch(() => undefined); // best effort: remove our duplicate
      return toPosted(current);
    }
    await this.#outbox.overwrite(key, sent);
    return posted;
  }

  /**
   * The card landed after its withdrawal was recorded: the record learns where it is (so the sweeper can retry),
   * then it is deleted at once. Always fails with `withdrawn`: nothing was shared.
   */
  async #takeDownAtOnce(key: string, posted: PostedMessage, sentAt: string): Promise<never> {
    const withdrawing: OutboxRecord = { state: 'withdrawing', requestedAt: sentAt, posted: { ...toPostedFields(posted), sentAt } };
    await this.#outbox.overwrite(key, withdrawing);
    await this.#outbox.listWithdrawal(key);
    try {
      await this.delete(posted);
      await this.#outbox.overwrite(key, { state: 'deleted', owner: 'withdrawal', sentAt, deletedAt: this.#now().toISOString(), ...toPostedFields(posted) });
      await this.#outbox.unlistWithdrawal(key);
    } catch {
      // Left `withdrawing`, with where the card is: ChannelWithdrawals retries until it is gone.
    }
    throw new ChannelPostError('withdrawn', undefined, `the post for "${key}" was withdrawn while it was being posted`);
  }

  /**
   * Takes the key: returns the eTag of our `pending` record, or the already posted message.
   * Waits for another caller's fresh `pending`; takes over an abandoned one, or a `failed` one.
   */
  async #claim(key: string, owner: string): Promise<string | PostedMessage> {
    const waitStarted = this.#now().getTime();
    for (;;) {
      const current = await this.#outbox.read(key);
      if (current?.state === 'sent' || current?.state === 'deleted') return toPosted(current);
      if (current?.state === 'withdrawing' || current?.state === 'cancelled') {
        throw new ChannelPostError('withdrawn', undefined, `the post for "${key}" was withdrawn`);
      }
      const pending: OutboxRecord = { state: 'pending', owner, startedAt: this.#now().toISOString() };

      if (!current) {
        // Create-only: if another caller created the record first, read again and follow its state.
        if (await this.#outbox.tryWrite(key, pending, CREATE_ONLY_ETAG)) {
          const after = await this.#outbox.read(key);
          if (after?.state === 'pending' && after.owner === owner && after.eTag) return after.eTag;
        }
        continue;
      }

      const abandoned =
        current.state === 'failed' ||
        this.#now().getTime() - Date.parse(current.startedAt) > this.#pendingTimeoutMs;
      if (abandoned) {
        if (await this.#outbox.tryWrite(key, pending, current.eTag)) {
          const after = await this.#outbox.read(key);
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
    const activity = cardMessage(card);
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

  async #markDeleted(key: string, posted: PostedMessage): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.#outbox.read(key);
      const base = current && (current.state === 'sent' || current.state === 'deleted') ? current : undefined;
      const record: OutboxRecord = {
        state: 'deleted',
        owner: base?.owner ?? 'unknown',
        sentAt: base?.sentAt ?? this.#now().toISOString(),
        deletedAt: this.#now().toISOString(),
        ...toPostedFields(base ? toPosted(base) : posted),
      };
      if (await this.#outbox.tryWrite(key, record, current?.eTag ?? CREATE_ONLY_ETAG)) return;
    }
    await this.#outbox.overwrite(key, { state: 'deleted', owner: 'unknown', sentAt: this.#now().toISOString(), deletedAt: this.#now().toISOString(), ...toPostedFields(posted) });
  }
}

function cardMessage(card: object): Activity {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card)) as Activity;
}

function referenceOf(posted: PostedMessage): Partial<ConversationReference> {
  return {
    channelId: Channels.Msteams,
    serviceUrl: posted.serviceUrl,
    conversation: { id: posted.conversationId, isGroup: true, conversationType: 'channel', tenantId: posted.tenantId, name: '' },
    ...(posted.botId ? { bot: { id: posted.botId, name: '' } } : {}),
  };
}
