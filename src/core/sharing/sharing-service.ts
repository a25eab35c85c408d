import type { BilanRepository } from '../bilan/bilan-repository.js';
import type { ShareEntry } from '../bilan/bilan-record.js';
import type { Clock } from '../clock.js';
import type { Locale } from '../locale.js';
import { acknowledgeShare, activeShare, grantShare, markPosted, revokeShare } from './consent-ledger.js';
import type { SharedBilanIndex } from './shared-index.js';
import { retryOnConflict } from '../bilan/retry-on-conflict.js';

export type PostedRef = NonNullable<ShareEntry['posted']>;

/** Port: puts the user's conclusion summary in front of the counsellor, and takes it down. */
export interface SummaryPublisher {
  /** False when no counsellor channel is configured: then nothing can be shared. */
  ready(): Promise<boolean>;
  /**
   * Posts the summary; calling it again with the same `shareId` must not post twice. `withdrawn` when the share was
   * withdrawn before or while it was posted (then nothing stays posted).
   */
  publish(userId: string, shareId: string, locale: Locale): Promise<PostedRef | 'withdrawn'>;
  /**
   * Takes down what was posted, or is being posted, for `shareId`; idempotent. `pending`: the withdrawal is recorded
   * and the deletion goes on in the background, retried until the card is gone.
   */
  withdraw(shareId: string): Promise<'withdrawn' | 'pending'>;
  /**
   * Makes what was posted for `shareId` show the summary as it is now (the person edited it), in place: never a second
   * post. `gone` when nothing is posted under it; `pending` when the update goes on in the background, retried.
   */
  refresh(userId: string, shareId: string, locale: Locale): Promise<'updated' | 'unchanged' | 'gone' | 'pending'>;
}

export type ShareOutcome = 'shared' | 'alreadyShared' | 'noChannel' | 'notStarted' | 'nothingShared';
export type RevokeOutcome = 'revoked' | 'revokedPending' | 'nothingShared';
export type AcknowledgeOutcome = 'acknowledged' | 'notShared';
export type RefreshOutcome = 'updated' | 'pending' | 'notShared';

/**
 * Sharing with the counsellor, only on the user's explicit request: the agreement is recorded (dated, per recipient
 * and part) before anything is posted. Revoking records the withdrawal with the publisher first (a post in flight
 * then takes its card down as soon as it lands), then the revocation: the revocation is effective at once, and the
 * card deletion, when Teams is slow or failing, is retried until the card is gone. Every change is an eTag-checked
 * save started over on conflict, so concurrent clicks end in one state, never in an error.
 */
export class SharingService {
  /** The share or revocation in progress per user in this process: clicks are applied one after the other. */
  private readonly inProgress = new Map<string, Promise<unknown>>();

  constructor(
    private readonly repository: BilanRepository,
    private readonly publisher: SummaryPublisher,
    private readonly clock: Clock,
    private readonly newId: () => string,
    /** Lists who currently shares, for the counsellor tab; kept in step with the ledger when given. */
    private readonly index?: SharedBilanIndex,
  ) {}

  /**
   * Grants (or reuses) the agreement, then posts the card. The ledger steps of one user run one at a time in this
   * process; the post does not hold them, so a withdrawal never waits for a slow post (the outbox settles that race).
   */
  async share(userId: string, locale: Locale): Promise<ShareOutcome> {
    const granted = await this.oneAtATime(userId, async () => {
      const grant = await retryOnConflict(() => this.grant(userId));
      if (typeof grant !== 'string') await this.index?.add(userId);
      return grant;
    });
    if (typeof granted === 'string') return granted;
    const posted = await this.publisher.publish(userId, granted.id, locale);
    return this.oneAtATime(userId, async () => {
      if (posted !== 'withdrawn' && (await retryOnConflict(() => this.notePosted(userId, granted.id, posted)))) return 'shared';
      // Withdrawn meanwhile (« retirer le partage », an erasure): the list follows the ledger.
      if (!(await this.activeSummaryShare(userId))) await this.index?.remove(userId);
      return 'nothingShared';
    });
  }

  revoke(userId: string): Promise<RevokeOutcome> {
    return this.oneAtATime(userId, () => this.revokeNow(userId));
  }

  private revokeNow(userId: string): Promise<RevokeOutcome> {
    return retryOnConflict(async () => {
      const loaded = await this.repository.load(userId);
      const existing = loaded && activeShare(loaded.record, 'counsellor', 'conclusionSummary');
      if (!loaded || !existing) return 'nothingShared';
      const withdrawal = await this.publisher.withdraw(existing.id);
      await this.repository.save(revokeShare(loaded.record, existing.id, this.now()), loaded.eTag);
      await this.index?.remove(userId);
      return withdrawal === 'withdrawn' ? 'revoked' : 'revokedPending';
    });
  }

  /**
   * After the person edited their synthesis: the summary shared in force, if any, shows the edited version (the card in
   * the channel is updated in place; the counsellor tab builds it on each read). `pending`: Teams has not taken it yet.
   */
  async refresh(userId: string, locale: Locale): Promise<RefreshOutcome> {
    const share = await this.activeSummaryShare(userId);
    if (!share) return 'notShared';
    const outcome = await this.publisher.refresh(userId, share.id, locale);
    if (outcome === 'gone') return 'notShared';
    return outcome === 'pending' ? 'pending' : 'updated';
  }

  /** The agreement in force for the conclusion summary, if any (for the tabs). */
  async activeSummaryShare(userId: string): Promise<ShareEntry | undefined> {
    const loaded = await this.repository.load(userId);
    return loaded && activeShare(loaded.record, 'counsellor', 'conclusionSummary');
  }

  /** A counsellor acknowledges the summary shared under `shareId`; only an agreement still in force can be acknowledged. */
  async acknowledge(userId: string, shareId: string, counsellorId: string): Promise<AcknowledgeOutcome> {
    const loaded = await this.repository.load(userId);
    const existing = loaded && activeShare(loaded.record, 'counsellor', 'conclusionSummary');
    if (!loaded || existing?.id !== shareId) return 'notShared';
    if (!existing.acknowledged) await this.repository.save(acknowledgeShare(loaded.record, shareId, counsellorId, this.now()), loaded.eTag);
    return 'acknowledged';
  }

  /** Records the agreement (once: an agreement in force is reused) and returns its id, or why nothing is shared. */
  private async grant(userId: string): Promise<{ id: string } | 'notStarted' | 'noChannel' | 'alreadyShared'> {
    const loaded = await this.repository.load(userId);
    if (!loaded?.record.consent.engagedAt || loaded.record.consent.refusedAt) return 'notStarted';
    if (!(await this.publisher.ready())) return 'noChannel';
    const existing = activeShare(loaded.record, 'counsellor', 'conclusionSummary');
    if (existing?.posted) return 'alreadyShared';
    if (existing) return { id: existing.id };
    const id = this.newId();
    await this.repository.save(grantShare(loaded.record, { id, recipient: 'counsellor', parts: ['conclusionSummary'] }, this.now()), loaded.eTag);
    return { id };
  }

  /** Notes where the card went, if the agreement is still in force; false when it was revoked meanwhile. */
  private async notePosted(userId: string, id: string, posted: PostedRef): Promise<boolean> {
    const loaded = await this.repository.load(userId);
    if (!loaded || activeShare(loaded.record, 'counsellor', 'conclusionSummary')?.id !== id) return false;
    await this.repository.save(markPosted(loaded.record, id, posted), loaded.eTag);
    return true;
  }

  private async oneAtATime<T>(userId: string, run: () => Promise<T>): Promise<T> {
    const current = (this.inProgress.get(userId) ?? Promise.resolve()).catch(() => undefined).then(run);
    const tail = current.catch(() => undefined);
    this.inProgress.set(userId, tail);
    try {
      return await current;
    } finally {
      if (this.inProgress.get(userId) === tail) this.inProgress.delete(userId);
    }
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
