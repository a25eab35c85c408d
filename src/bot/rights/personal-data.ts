import type { ConversationReference } from 'botbuilder';
import type { BilanRecord } from '../../core/bilan/bilan-record.js';
import type { BilanRepository } from '../../core/bilan/bilan-repository.js';
import type { KeyValueStore } from '../../core/bilan/key-value-store.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import { categoriesFound, type ErasureProof, type ErasureReason } from '../../core/rights/erasure.js';
import type { ClosureReason } from '../../core/rights/retention-policy.js';
import type { PostedMessage } from '../channels/channel-poster.js';
import type { ConversationDirectory } from '../reminders/conversation-directory.js';
import { erasureSubject, type ErasureLog, type PendingErasure } from './erasure-log.js';

/** The channel cards posted about a user, by share id (the counsellor publisher). */
export interface SharePosts {
  find(shareId: string): Promise<PostedMessage | undefined>;
  /**
   * Deletes the card if it is up (or being posted) and forgets it was posted; `pending` when Teams has not deleted
   * it within a few seconds: the deletion goes on in the background and is retried by the sweeper.
   */
  erase(shareId: string): Promise<'withdrawn' | 'pending'>;
}

export interface PersonalDataOptions {
  readonly store: KeyValueStore;
  readonly repository: BilanRepository;
  readonly directory: ConversationDirectory;
  readonly posts: SharePosts;
  readonly log: ErasureLog;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly logger: Logger;
  /** The list of who shares with the counsellor (counsellor tab), which must forget an erased user too. */
  readonly sharedIndex?: { remove(userId: string): Promise<void> };
  /** The user's own data key, destroyed last (crypto-shredding: copies kept by backups can no longer be read). */
  readonly personKeys?: { destroy(userId: string): Promise<void> };
}

/** Everything stored about one user, as read from every store (for « mes données » / "my data"). */
export interface StoredPersonalData {
  readonly userId: string;
  readonly record: BilanRecord | undefined;
  readonly conversationReference: Partial<ConversationReference> | undefined;
  readonly dialogState: Record<string, unknown>;
  readonly channelPosts: readonly (PostedMessage & { shareId: string })[];
  readonly erasureProofs: readonly ErasureProof[];
}

/**
 * Knows every place the bot keeps something about a user: the bilan record (with its consent ledgers), the dialog
 * state of their 1:1 chat, the reference of that chat, the channel cards posted with their consent and the outbox
 * notes of those posts. Reads them all for an export; destroys them all through one path, used both on the user's
 * request and when the retention period ends.
 */
export class PersonalData {
  constructor(private readonly options: PersonalDataOptions) {}

  async read(userId: string): Promise<StoredPersonalData> {
    const record = (await this.options.repository.load(userId))?.record;
    const reference = await this.options.directory.find(userId);
    const stateKeys = dialogStateKeys(reference);
    const states = stateKeys.length > 0 ? await this.options.store.read(stateKeys) : {};
    const shareIds = (record?.sharing ?? []).map((s) => s.id);
    const posts = await Promise.all(shareIds.map(async (shareId) => ({ shareId, posted: await this.options.posts.find(shareId) })));
    return {
      userId,
      record,
      conversationReference: reference,
      dialogState: Object.fromEntries(Object.entries(states).map(([key, value]) => [key, withoutETag(value)])),
      channelPosts: posts.flatMap(({ shareId, posted }) => (posted ? [{ ...posted, shareId }] : [])),
      erasureProofs: await this.options.log.proofsOf(erasureSubject(userId)),
    };
  }

  /**
   * Destroys every record of the user and returns the proof, within Teams' 15 s: the proof and the work are written
   * first; the channel cards are withdrawn (each card deletion is waited for a few seconds, then goes on in the
   * background); if Teams refuses or delays a deletion, everything else is still destroyed, the proof says the card
   * is pending, and `resumePending` (the sweeper) finishes it; if the process dies midway, `resumePending` too.
   */
  async erase(userId: string, reason: ErasureReason, closure?: ClosureReason): Promise<ErasureProof> {
    const data = await this.read(userId);
    const dialogState = Object.keys(data.dialogState).length > 0;
    const shareIds = (data.record?.sharing ?? []).map((s) => s.id);
    const categories = categoriesFound(data.record, { dialogState, conversationReference: data.conversationReference !== undefined, channelPosts: shareIds.length });
    const proof: ErasureProof = {
      id: this.options.newId(),
      subject: erasureSubject(userId),
      erasedAt: this.options.clock.now().toISOString(),
      reason,
      ...(closure ? { closure } : {}),
      categories,
      channelPostsPending: shareIds.length,
    };
    // Nothing stored (never, or no more): the certificate says so, and nothing is written about the person.
    if (categories.length === 0) return proof;
    const work: PendingErasure = { proofId: proof.id, subject: proof.subject, userId, shareIds };
    await this.options.log.begin(proof, work);
    return this.carryOut(work, data.conversationReference);
  }

  /** Finishes interrupted erasures and retries the channel cards Teams did not delete; returns how many are done. */
  async resumePending(): Promise<number> {
    let done = 0;
    for (const work of await this.options.log.pending()) {
      const reference = work.userId === undefined ? undefined : await this.options.directory.find(work.userId);
      const proof = await this.carryOut(work, reference).catch(() => undefined);
      if (proof && proof.channelPostsPending === 0) done++;
    }
    return done;
  }

  private async carryOut(work: PendingErasure, reference: Partial<ConversationReference> | undefined): Promise<ErasureProof> {
    const outcomes = await Promise.all(
      work.shareIds.map((shareId) =>
        this.options.posts.erase(shareId).catch((error: unknown) => {
          this.options.logger.warn({ errorName: error instanceof Error ? error.name : 'unknown' }, 'channel card not deleted yet: erasure will retry');
          return 'pending' as const;
        }),
      ),
    );
    const failed = work.shareIds.filter((_shareId, i) => outcomes[i] !== 'withdrawn');
    if (work.userId !== undefined) await this.wipeStores(work.userId, reference);
    const next = failed.length > 0 ? { proofId: work.proofId, subject: work.subject, shareIds: failed } : undefined;
    const settled = await this.options.log.progress(work, next, this.options.clock.now().toISOString());
    if (!settled) throw new Error('the erasure proof is missing from the log');
    return settled;
  }

  private async wipeStores(userId: string, reference: Partial<ConversationReference> | undefined): Promise<void> {
    const stateKeys = dialogStateKeys(reference);
    if (stateKeys.length > 0) await this.options.store.delete(stateKeys);
    await this.options.repository.delete(userId);
    await this.options.directory.forget(userId);
    await this.options.sharedIndex?.remove(userId);
    await this.options.personKeys?.destroy(userId);
  }
}

/** The botbuilder ConversationState and UserState keys of the user's 1:1 chat (default namespaces). */
export function dialogStateKeys(reference: Partial<ConversationReference> | undefined): string[] {
  const channel = reference?.channelId;
  if (!channel) return [];
  const keys: string[] = [];
  if (reference.conversation?.id) keys.push(`${channel}/conversations/${reference.conversation.id}/`);
  if (reference.user?.id) keys.push(`${channel}/users/${reference.user.id}/`);
  return keys;
}

function withoutETag(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const { eTag: _eTag, ...rest } = value as Record<string, unknown>;
  return rest;
}
