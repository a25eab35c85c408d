import type { BilanRepository } from '../bilan/bilan-repository.js';
import type { ShareEntry } from '../bilan/bilan-record.js';
import type { Clock } from '../clock.js';
import type { Locale } from '../locale.js';
import { acknowledgeShare, activeShare, grantShare, markPosted, revokeShare } from './consent-ledger.js';
import type { SharedBilanIndex } from './shared-index.js';

export type PostedRef = NonNullable<ShareEntry['posted']>;

/** Port: puts the user's conclusion summary in front of the counsellor, and takes it down. */
export interface SummaryPublisher {
  /** False when no counsellor channel is configured: then nothing can be shared. */
  ready(): Promise<boolean>;
  /** Posts the summary; calling it again with the same `shareId` must not post twice. */
  publish(userId: string, shareId: string, locale: Locale): Promise<PostedRef>;
  /** Deletes the summary posted for `shareId`; one already gone counts as deleted. */
  withdraw(shareId: string, posted: PostedRef): Promise<void>;
}

export type ShareOutcome = 'shared' | 'alreadyShared' | 'noChannel' | 'notStarted';
export type RevokeOutcome = 'revoked' | 'nothingShared';
export type AcknowledgeOutcome = 'acknowledged' | 'notShared';

/**
 * Sharing with the counsellor, only on the user's explicit request: the agreement is recorded (dated, per recipient
 * and part) before anything is posted, and revoking takes the post down before recording the revocation.
 */
export class SharingService {
  constructor(
    private readonly repository: BilanRepository,
    private readonly publisher: SummaryPublisher,
    private readonly clock: Clock,
    private readonly newId: () => string,
    /** Lists who currently shares, for the counsellor tab; kept in step with the ledger when given. */
    private readonly index?: SharedBilanIndex,
  ) {}

  async share(userId: string, locale: Locale): Promise<ShareOutcome> {
    const loaded = await this.repository.load(userId);
    if (!loaded?.record.consent.engagedAt || loaded.record.consent.refusedAt) return 'notStarted';
    if (!(await this.publisher.ready())) return 'noChannel';
    const existing = activeShare(loaded.record, 'counsellor', 'conclusionSummary');
    if (existing?.posted) return 'alreadyShared';
    const id = existing?.id ?? this.newId();
    const granted = existing ? loaded.record : grantShare(loaded.record, { id, recipient: 'counsellor', parts: ['conclusionSummary'] }, this.now());
    if (!existing) await this.repository.save(granted, loaded.eTag);
    const posted = await this.publisher.publish(userId, id, locale);
    const reloaded = await this.repository.load(userId);
    if (reloaded) await this.repository.save(markPosted(reloaded.record, id, posted), reloaded.eTag);
    await this.index?.add(userId);
    return 'shared';
  }

  async revoke(userId: string): Promise<RevokeOutcome> {
    const loaded = await this.repository.load(userId);
    const existing = loaded && activeShare(loaded.record, 'counsellor', 'conclusionSummary');
    if (!loaded || !existing) return 'nothingShared';
    if (existing.posted) await this.publisher.withdraw(existing.id, existing.posted);
    await this.repository.save(revokeShare(loaded.record, existing.id, this.now()), loaded.eTag);
    await this.index?.remove(userId);
    return 'revoked';
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

  private now(): string {
    return this.clock.now().toISOString();
  }
}
