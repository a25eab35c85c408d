import type { BilanRecord } from '../bilan/bilan-record.js';
import type { ClosureReason } from './retention-policy.js';

/** What may be stored about a user, by category; a certificate names the categories destroyed, never their content. */
export const ERASURE_CATEGORIES = [
  /** Answers, skills, interests, explorations, comments: the bilan itself and what the synthesis is built from. */
  'bilanRecord',
  /** The dated agreements to share and their revocations. */
  'consentLedger',
  /** The dated agreements to keep the bilan one year. */
  'retentionAgreements',
  /** Where the 1:1 conversation stopped (botbuilder dialog state). */
  'dialogState',
  /** Where the user's 1:1 chat is, for reminders. */
  'conversationReference',
  /** Cards the bot posted about the user in the counsellor channel, and the bot's notes of those posts. */
  'channelPosts',
] as const;

export type ErasureCategory = (typeof ERASURE_CATEGORIES)[number];

/** Why the data were destroyed: the user asked (GDPR Art. 17), or the retention period ended (storage limitation). */
export type ErasureReason = 'userRequest' | 'retention';

/**
 * The content-free proof that a user's data were destroyed, kept by the provider for accountability (GDPR Art. 5(2),
 * 12, 17 and 19): when, why, which categories, whether something could not be destroyed yet. The user is named only
 * by a one-way pseudonym (`subject`), so the proofs do not make a list of who did a bilan.
 */
export interface ErasureProof {
  readonly id: string;
  readonly subject: string;
  readonly erasedAt: string;
  readonly reason: ErasureReason;
  /** Why the bilan was closed when the retention period destroyed it. */
  readonly closure?: ClosureReason;
  readonly categories: readonly ErasureCategory[];
  /** Channel posts whose deletion failed and is retried; 0 once every post is gone. */
  readonly channelPostsPending: number;
  /** When the last pending channel post was deleted (only set if one was pending at first). */
  readonly completedAt?: string;
}

/** What existed besides the record when the erasure started. */
export interface StoredBesidesRecord {
  readonly dialogState: boolean;
  readonly conversationReference: boolean;
  readonly channelPosts: number;
}

/** The categories that held data about the user, in a stable order. */
export function categoriesFound(record: BilanRecord | undefined, besides: StoredBesidesRecord): ErasureCategory[] {
  const found: Record<ErasureCategory, boolean> = {
    bilanRecord: record !== undefined,
    consentLedger: (record?.sharing?.length ?? 0) > 0,
    retentionAgreements: (record?.retentionAgreements?.length ?? 0) > 0,
    dialogState: besides.dialogState,
    conversationReference: besides.conversationReference,
    channelPosts: besides.channelPosts > 0,
  };
  return ERASURE_CATEGORIES.filter((category) => found[category]);
}

/** The proof once the pending channel deletions are known. */
export function settleProof(proof: ErasureProof, channelPostsPending: number, at: string): ErasureProof {
  const completed = proof.channelPostsPending > 0 && channelPostsPending === 0 ? { completedAt: at } : {};
  return { ...proof, channelPostsPending, ...completed };
}
