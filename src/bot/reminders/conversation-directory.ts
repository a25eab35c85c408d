import type { ConversationReference } from 'botbuilder';
import type { KeyValueStore } from '../../core/bilan/key-value-store.js';

const INDEX_KEY = 'refs/index';
const refKey = (userId: string) => `refs/users/${userId}`;

/**
 * Where each user's 1:1 chat is, so the bot can write first (reminders). Stored as plain JSON; written only when
 * it changes, so an ordinary turn costs no storage write.
 */
export class ConversationDirectory {
  private readonly known = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly store: KeyValueStore) {}

  remember(userId: string, reference: Partial<ConversationReference>): Promise<void> {
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
    const index = await this.readIndex();
    await this.store.write({ [INDEX_KEY]: { userIds: index.userIds.filter((id) => id !== userId), eTag: index.eTag ?? '*' } });
  }

  private async write(userId: string, reference: Partial<ConversationReference>, serialized: string): Promise<void> {
    await this.store.write({ [refKey(userId)]: { reference, eTag: '*' } });
    const index = await this.readIndex();
    if (!index.userIds.includes(userId)) await this.store.write({ [INDEX_KEY]: { userIds: [...index.userIds, userId], eTag: index.eTag ?? '*' } });
    this.known.set(userId, serialized);
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
