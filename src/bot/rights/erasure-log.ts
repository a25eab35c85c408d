import { createHash } from 'node:crypto';
import type { KeyValueStore } from '../../core/bilan/key-value-store.js';
import { settleProof, type ErasureProof } from '../../core/rights/erasure.js';

const PENDING_KEY = 'erasures/pending';
const proofsKey = (subject: string) => `erasures/proofs/${subject}`;
const MAX_TRIES = 5;

/**
 * An erasure not finished yet. `userId` is kept only until the user's stores are wiped (so a crash midway can be
 * resumed); afterwards only the random share ids remain, for the channel posts still to delete.
 */
export interface PendingErasure {
  readonly proofId: string;
  readonly subject: string;
  readonly userId?: string;
  readonly shareIds: readonly string[];
}

/**
 * The pseudonym a user is known by in the proofs: a one-way hash of their person id (itself a keyed hash), never
 * the id itself. In base64url, unlike the hex hash of the raw id that earlier versions used (moved by the data script).
 */
export function erasureSubject(userId: string): string {
  return createHash('sha256').update(`bilan/erasure-subject/${userId}`).digest('base64url');
}

/** The content-free proofs of destruction, and the erasures still in progress. */
export class ErasureLog {
  constructor(private readonly store: KeyValueStore) {}

  /** Records the proof and the work to do before anything is destroyed, so an interrupted erasure is resumed. */
  async begin(proof: ErasureProof, work: PendingErasure): Promise<void> {
    await this.update(proofsKey(proof.subject), (stored) => ({ proofs: [...proofsIn(stored), proof] }));
    await this.update(PENDING_KEY, (stored) => ({ items: [...pendingIn(stored).filter((w) => w.proofId !== work.proofId), work] }));
  }

  /** Replaces the pending work (`undefined` when done) and settles the proof's pending channel posts. */
  async progress(work: PendingErasure, next: PendingErasure | undefined, at: string): Promise<ErasureProof | undefined> {
    let settled: ErasureProof | undefined;
    await this.update(proofsKey(work.subject), (stored) => ({
      proofs: proofsIn(stored).map((p) => (p.id === work.proofId ? (settled = settleProof(p, next?.shareIds.length ?? 0, at)) : p)),
    }));
    await this.update(PENDING_KEY, (stored) => ({ items: pendingIn(stored).flatMap((w) => (w.proofId !== work.proofId ? [w] : next ? [next] : [])) }));
    return settled;
  }

  async pending(): Promise<PendingErasure[]> {
    return pendingIn((await this.store.read([PENDING_KEY]))[PENDING_KEY]);
  }

  async proofsOf(subject: string): Promise<ErasureProof[]> {
    return proofsIn((await this.store.read([proofsKey(subject)]))[proofsKey(subject)]);
  }

  /** Read-modify-write with the eTag, retried when another writer got there first. */
  private async update(key: string, change: (stored: unknown) => Record<string, unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const stored = (await this.store.read([key]))[key] as { eTag?: string } | undefined;
      try {
        await this.store.write({ [key]: { ...change(stored), eTag: stored?.eTag ?? '*' } });
        return;
      } catch (error: unknown) {
        if (attempt >= MAX_TRIES || !(error instanceof Error && /etag/i.test(error.message))) throw error;
      }
    }
  }
}

function proofsIn(stored: unknown): ErasureProof[] {
  const proofs = (stored as { proofs?: unknown } | undefined)?.proofs;
  return Array.isArray(proofs) ? (proofs as ErasureProof[]) : [];
}

function pendingIn(stored: unknown): PendingErasure[] {
  const items = (stored as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? (items as PendingErasure[]) : [];
}
