import type { ConversationReference } from 'botbuilder';
import { CREATE_ONLY_ETAG, isETagConflict, type KeyValueStore } from '../../core/bilan/key-value-store.js';

const INDEX_KEY = 'refs/index';
const refKey = (userId: string) => `refs/users/${userId}`;
/** Conflicts come from other turns adding a user at the same moment: each retry is likely to win. */
const MAX_INDEX_ATTEMPTS = 10;

/**
 * Where each user's 1:1 chat is, so the bot can write first (reminders). Stored as plain JSON; written only when
 * it changes, so an ordinary turn costs no storage write.
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

  async all(): Promise<{ userId: string; reference: Partial<ConversationReference> }[]> {
    const ids = await this.ids();
    const refs = await this.store.read(ids.map(refKey));
    return ids.flatMap((userId) => {
      const stored = refs[refKey(userId)] as { reference?: Partial<ConversationReference> } | undefined;
      return stored?.reference ? [{ userId, reference: stored.reference }] : [];
    });
  }

  /** Every user the bot has a 1:1 chat with, from the index alone (no reference is read). */
  userIds(): Promise<string[]> {
    return this.ids();
  }

  /** The reference of the user's 1:1 chat, if the bot knows it. */
  async find(userId: string): Promise<Partial<ConversationReference> | undefined> {
    const stored = (await this.store.read([refKey(userId)]))[refKey(userId)] as { reference?: Partial<ConversationReference> } | undefined;
    return stored?.reference;
  }

  async forget(userId: string): Promise<void> {
    this.known.delete(userId);
    await this.store.delete([refKey(userId)]);
    await this.updateIndex((ids) => (ids.includes(userId) ? ids.filter((id) => id !== userId) : undefined));
  }

  private async write(userId: string, reference: Partial<ConversationReference>, serialized: string): Promise<void> {
    await this.store.write({ [refKey(userId)]: { reference, eTag: '*' } });
    await this.updateIndex((ids) => (ids.includes(userId) ? undefined : [...ids, userId]));
    this.known.set(userId, serialized);
  }

  /**
   * Read-modify-write of the shared index, eTag-checked (create-only when absent) and started over on a
   * conflict: every instance adds its users to the same index, and none may drop another's.
   * `change` returns the new list, or undefined when there is nothing to change.
   */
  private async updateIndex(change: (userIds: string[]) => string[] | undefined): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const index = await this.readIndex();
      const userIds = change(index.userIds);
      if (!userIds) return;
      try {
        await this.store.write({ [INDEX_KEY]: { userIds, eTag: index.eTag ?? CREATE_ONLY_ETAG } });
        return;
      } catch (error: unknown) {
        if (!isETagConflict(error) || attempt >= MAX_INDEX_ATTEMPTS) throw error;
      }
    }
  }

  private async ids(): Promise<string[]> {
    return (await this.readIndex()).userIds;
  }

  private async readIndex(): Promise<{ userIds: string[]; eTag: string | undefined }> {
    const stored = (await this.store.read([INDEX_KEY]))[INDEX_KEY] as { userIds?: unknown; eTag?: string } | undefined;
    const userIds = Array.isArray(stored?.userIds) ? stored.userIds.filter((id): id is string => typeof id === 'string') : [];
    return { userIds, eTag: stored?.eTag };
  }
}
