import { createHash } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import { CREATE_ONLY_ETAG, isETagConflict, type KeyValueStore } from '../../core/bilan/key-value-store.js';

/** The one index of earlier versions: still listed, and users are still removed from it; nobody is added. */
const LEGACY_INDEX_KEY = 'refs/index';
/** The index is split so that adding a user rewrites a short list, and instances adding users rarely collide. */
const INDEX_SHARDS = 64;
const shardKey = (shard: number) => `refs/index-${shard.toString(16).padStart(2, '0')}`;
const SHARD_KEYS = Array.from({ length: INDEX_SHARDS }, (_, shard) => shardKey(shard));
const refKey = (userId: string) => `refs/users/${userId}`;
/** Conflicts come from other turns adding a user at the same moment: each retry is likely to win. */
const MAX_INDEX_ATTEMPTS = 10;
/** Users whose stored reference this process knows (the most recently seen), so an ordinary turn writes nothing. */
const KNOWN_USERS = 10_000;

function shardKeyOf(userId: string): string {
  return shardKey((createHash('sha256').update(userId).digest()[0] ?? 0) % INDEX_SHARDS);
}

/**
 * Where each user's 1:1 chat is, so the bot can write first (reminders). Stored as plain JSON; written only when
 * it changes, so an ordinary turn costs no storage write. The users are listed in an index of INDEX_SHARDS parts.
 */
export class ConversationDirectory {
  private readonly known = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly store: KeyValueStore) {}

  remember(userId: string, withActivity: Partial<ConversationReference>): Promise<void> {
    // The id of the activity being answered changes every turn and a reminder starts a new message anyway:
    // kept, it would make every turn rewrite the reference (and read the shared index).
    const { activityId: _activityId, ...reference } = withActivity;
    const serialized = JSON.stringify(reference);
    if (this.known.get(userId) === serialized) return Promise.resolve();
    const next = this.queue.then(() => this.write(userId, reference, serialized));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Every user the bot has a 1:1 chat with, from the index alone (no reference is read). */
  async userIds(): Promise<string[]> {
    const keys = [LEGACY_INDEX_KEY, ...SHARD_KEYS];
    const stored = await this.store.read(keys);
    return [...new Set(keys.flatMap((key) => userIdsIn(stored[key])))];
  }

  /** The reference of the user's 1:1 chat, if the bot knows it. */
  async find(userId: string): Promise<Partial<ConversationReference> | undefined> {
    const stored = (await this.store.read([refKey(userId)]))[refKey(userId)] as { reference?: Partial<ConversationReference> } | undefined;
    return stored?.reference;
  }

  async forget(userId: string): Promise<void> {
    this.known.delete(userId);
    await this.store.delete([refKey(userId)]);
    const withoutUser = (ids: string[]) => (ids.includes(userId) ? ids.filter((id) => id !== userId) : undefined);
    await this.updateIndex(shardKeyOf(userId), withoutUser);
    await this.updateIndex(LEGACY_INDEX_KEY, withoutUser);
  }

  private async write(userId: string, reference: Partial<ConversationReference>, serialized: string): Promise<void> {
    await this.store.write({ [refKey(userId)]: { reference, eTag: '*' } });
    await this.updateIndex(shardKeyOf(userId), (ids) => (ids.includes(userId) ? undefined : [...ids, userId]));
    this.known.delete(userId);
    this.known.set(userId, serialized);
    if (this.known.size > KNOWN_USERS) this.known.delete(this.known.keys().next().value as string);
  }

  /**
   * Read-modify-write of one part of the shared index, eTag-checked (create-only when absent) and started over on a
   * conflict: every instance adds its users to the same index, and none may drop another's.
   * `change` returns the new list, or undefined when there is nothing to change.
   */
  private async updateIndex(key: string, change: (userIds: string[]) => string[] | undefined): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const stored = (await this.store.read([key]))[key];
      const userIds = change(userIdsIn(stored));
      if (!userIds) return;
      try {
        await this.store.write({ [key]: { userIds, eTag: (stored as { eTag?: string } | undefined)?.eTag ?? CREATE_ONLY_ETAG } });
        return;
      } catch (error: unknown) {
        if (!isETagConflict(error) || attempt >= MAX_INDEX_ATTEMPTS) throw error;
      }
    }
  }
}

function userIdsIn(stored: unknown): string[] {
  const userIds = (stored as { userIds?: unknown } | undefined)?.userIds;
  return Array.isArray(userIds) ? userIds.filter((id): id is string => typeof id === 'string') : [];
}
