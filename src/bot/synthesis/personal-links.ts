import type { BilanRecord } from '../../core/bilan/bilan-record.js';
import type { BilanRepository } from '../../core/bilan/bilan-repository.js';
import type { Clock } from '../../core/clock.js';
import type { Locale } from '../../core/locale.js';
import type { DownloadClaim, DownloadTokens } from './download-token.js';

/** How long a personal link works: long enough to click, short enough not to linger in a chat. */
export const LINK_TTL_MS = 15 * 60 * 1000;

/** An opened link: whose data, in which language, and their record as it is now. */
export interface OpenedLink {
  readonly claim: DownloadClaim;
  readonly record: BilanRecord | undefined;
}

/**
 * Personal links bound to the data they were made for: a link names the user's current record (by its creation
 * time), so it dies with it — after an erasure, a retention destruction or a fresh start — and never shows a later
 * record. Stateless: any instance holding the same token key opens a link another instance sent.
 */
export class PersonalLinks {
  constructor(
    private readonly tokens: DownloadTokens,
    private readonly repository: BilanRepository,
    private readonly clock: Clock,
  ) {}

  async token(userId: string, locale: Locale): Promise<string> {
    const record = (await this.repository.load(userId))?.record;
    return this.tokens.seal({ userId, locale, expiresAt: this.clock.now().getTime() + LINK_TTL_MS, dataStamp: stampOf(record) });
  }

  /** The link's claim and the user's record, or undefined when the link is invalid, expired or its data is gone. */
  async open(token: string): Promise<OpenedLink | undefined> {
    const claim = this.tokens.open(token, this.clock.now().getTime());
    if (!claim) return undefined;
    const record = (await this.repository.load(claim.userId))?.record;
    return stampOf(record) === claim.dataStamp ? { claim, record } : undefined;
  }
}

function stampOf(record: BilanRecord | undefined): number {
  return record ? Date.parse(record.createdAt) : 0;
}
