import { createHash } from 'node:crypto';
import { CREATE_ONLY_ETAG, isETagConflict, type KeyValueStore } from '../../core/bilan/key-value-store.js';
import type { PostedMessage } from './channel-poster.js';

/**
 * The channel-post outbox: one record per idempotency key (`posts/<key>`), a state machine (docs/sharing-and-consent.md):
 *
 *   (none) → pending → sent → withdrawing → deleted
 *              ↓  ↑           ↑
 *            failed           │   (a withdrawal while the card is being posted: pending → withdrawing, and the
 *   (none), failed, pending ──┘    post that completes then deletes its card at once)
 *   (none), failed → cancelled    (withdrawn before anything was posted: nothing may be posted under the key)
 *
 * `pending` is the post in flight (posting), `sent` the card in the channel (posted), `withdrawing` a withdrawal
 * recorded whose card deletion is not done yet (retried by the sweeper), `deleted` and `cancelled` are final.
 * A `sent` card may be updated in place (`revision`: a digest of the card in the channel, never its content); an
 * update never changes where the card is, so a withdrawal still finds it and deletes it.
 */
export type OutboxRecord =
  | { state: 'pending'; owner: string; startedAt: string }
  | { state: 'failed'; owner: string; failedAt: string; status?: number }
  | ({ state: 'sent'; owner: string; sentAt: string; revision?: string; updatedAt?: string } & PostedFields)
  | { state: 'withdrawing'; requestedAt: string; posted?: PostedFields & { sentAt: string } }
  | ({ state: 'deleted'; owner: string; sentAt: string; deletedAt: string } & PostedFields)
  | { state: 'cancelled'; cancelledAt: string };

export interface PostedFields {
  activityId: string;
  conversationId: string;
  serviceUrl: string;
  tenantId: string;
  channelId: string;
  botId?: string;
}

export type StoredOutboxRecord = OutboxRecord & { eTag?: string };

const STATES: readonly string[] = ['pending', 'failed', 'sent', 'withdrawing', 'deleted', 'cancelled'];

/** The keys whose withdrawal is recorded but not finished, for the sweeper (never a user id: keys hold share ids). */
const WITHDRAWING_LIST = 'outbox/withdrawing';
/** The keys whose card must show a newer version, and Teams has not taken it yet (the sweeper retries). */
const UPDATING_LIST = 'outbox/updating';
const LIST_ATTEMPTS = 8;

/** The outbox key of an idempotency key. */
export function outboxKey(idempotencyKey: string): string {
  return `posts/${idempotencyKey}`;
}

/** A digest of a card, to tell whether the card in the channel shows it already (the outbox keeps no content). */
export function revisionOf(card: object): string {
  return createHash('sha256').update(JSON.stringify(card)).digest('base64url');
}

/** The fields of a posted message that the outbox keeps. */
export function toPostedFields(posted: PostedMessage): PostedFields {
  return {
    activityId: posted.activityId,
    conversationId: posted.conversationId,
    serviceUrl: posted.serviceUrl,
    tenantId: posted.tenantId,
    channelId: posted.channelId,
    ...(posted.botId ? { botId: posted.botId } : {}),
  };
}

/** The posted message a `sent` or `deleted` record describes. */
export function toPosted(record: PostedFields & { state: string }): PostedMessage {
  return { ...toPostedFields(record), ...(record.state === 'deleted' ? { deleted: true } : {}) };
}

/** Whether a stored item is an outbox record. */
export function isOutboxRecord(value: unknown): value is StoredOutboxRecord {
  if (typeof value !== 'object' || value === null) return false;
  const state = (value as { state?: unknown }).state;
  return typeof state === 'string' && STATES.includes(state);
}

/** In-process serialisation per store and key: concurrent calls in one process never both post or delete. */
const keyLocks = new WeakMap<KeyValueStore, Map<string, Promise<unknown>>>();

/** The outbox records in a store: eTag-checked transitions, the list of unfinished withdrawals, per-key locks. */
export class OutboxStore {
  constructor(private readonly store: KeyValueStore) {}

  async read(key: string): Promise<StoredOutboxRecord | undefined> {
    const item = (await this.store.read([key]))[key];
    return isOutboxRecord(item) ? item : undefined;
  }

  /** An eTag-checked write; false on conflict (other storage failures propagate). */
  async tryWrite(key: string, record: OutboxRecord, eTag: string | undefined): Promise<boolean> {
    try {
      await this.store.write({ [key]: { ...record, eTag: eTag ?? '*' } });
      return true;
    } catch (error: unknown) {
      if (isETagConflict(error)) return false;
      if (error instanceof Error && error.name === 'ConcurrencyError') return false;
      throw error;
    }
  }

  async overwrite(key: string, record: OutboxRecord): Promise<void> {
    await this.store.write({ [key]: { ...record, eTag: '*' } });
  }

  async remove(key: string): Promise<void> {
    await this.store.delete([key]);
    await this.unlistWithdrawal(key);
    await this.unlistUpdate(key);
  }

  /** The keys whose withdrawal is not finished. */
  async withdrawals(): Promise<string[]> {
    return (await this.readList(WITHDRAWING_LIST)).keys;
  }

  listWithdrawal(key: string): Promise<void> {
    return this.updateList(WITHDRAWING_LIST, (keys) => (keys.includes(key) ? keys : [...keys, key]));
  }

  unlistWithdrawal(key: string): Promise<void> {
    return this.updateList(WITHDRAWING_LIST, (keys) => keys.filter((k) => k !== key));
  }

  /** The keys whose card update is not done. */
  async updates(): Promise<string[]> {
    return (await this.readList(UPDATING_LIST)).keys;
  }

  listUpdate(key: string): Promise<void> {
    return this.updateList(UPDATING_LIST, (keys) => (keys.includes(key) ? keys : [...keys, key]));
  }

  unlistUpdate(key: string): Promise<void> {
    return this.updateList(UPDATING_LIST, (keys) => keys.filter((k) => k !== key));
  }

  /** Runs `run` after every earlier call for `key` in this process. */
  async withKeyLock<T>(key: string, run: () => Promise<T>): Promise<T> {
    let locks = keyLocks.get(this.store);
    if (!locks) keyLocks.set(this.store, (locks = new Map<string, Promise<unknown>>()));
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

  private async readList(list: string): Promise<{ keys: string[]; eTag: string | undefined }> {
    const item = (await this.store.read([list]))[list] as { keys?: unknown; eTag?: unknown } | undefined;
    const keys = Array.isArray(item?.keys) ? item.keys.filter((k): k is string => typeof k === 'string') : [];
    return { keys, eTag: typeof item?.eTag === 'string' ? item.eTag : undefined };
  }

  /** Read-modify-write of the list with its eTag; `change` is idempotent, so an unchanged list means done. */
  private async updateList(list: string, change: (keys: string[]) => string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.readList(list);
      const next = change(current.keys);
      if (next.length === current.keys.length && next.every((k, i) => k === current.keys[i])) return;
      const written = await this.tryWriteList(list, next, current.eTag);
      if (written) return;
      if (attempt >= LIST_ATTEMPTS) throw new Error(`${list} kept changing while being updated`);
    }
  }

  private async tryWriteList(list: string, keys: string[], eTag: string | undefined): Promise<boolean> {
    try {
      await this.store.write({ [list]: { keys, eTag: eTag ?? CREATE_ONLY_ETAG } });
      return true;
    } catch (error: unknown) {
      if (isETagConflict(error)) return false;
      throw error;
    }
  }
}
