import type { BilanRecord } from '../../core/bilan/bilan-record.js';
import type { Clock } from '../../core/clock.js';
import { closureOf, destructionDate, type RetentionPolicy } from '../../core/rights/retention-policy.js';
import type { Synthesis } from '../../core/synthesis/synthesis.js';
import { toLocale, type Locale } from '../../core/locale.js';
import type { PersonalLinks } from '../synthesis/personal-links.js';
import type { SynthesisFile } from '../synthesis/synthesis-downloads.js';
import type { PersonalData } from './personal-data.js';

export interface DataExportsOptions {
  readonly data: PersonalData;
  /** The user's draft synthesis, as the chat card shows it. */
  readonly synthesisOf: (userId: string) => Promise<Synthesis | undefined>;
  readonly policy: RetentionPolicy;
  readonly clock: Clock;
  /** Sealed with their own key: a synthesis link cannot be turned into an export link. */
  readonly links: PersonalLinks;
  readonly defaultLocale: Locale;
  readonly baseUrl: string;
  /** The bilan in words (questions as asked, answers and synthesis as shown), in the link's language. */
  readonly readable?: (record: BilanRecord, synthesis: Synthesis | undefined, locale: string) => unknown;
}

/**
 * « Mes données » / "my data" as one JSON file (GDPR Art. 15 and 20), built on demand from every store when the
 * user opens their personal link, never stored.
 */
export class DataExports {
  constructor(private readonly options: DataExportsOptions) {}

  /** A personal link to the export, valid for LINK_TTL_MS and while their record lasts (it dies with an erasure). */
  async link(userId: string, locale: string): Promise<string> {
    const token = await this.options.links.token(userId, toLocale(locale) ?? this.options.defaultLocale);
    return `${this.options.baseUrl.replace(/\/+$/, '')}/export/${token}.json`;
  }

  /** The export a link points to, or undefined when the link is invalid or expired. */
  async file(token: string): Promise<SynthesisFile | undefined> {
    const now = this.options.clock.now();
    const claim = (await this.options.links.open(token))?.claim;
    if (!claim) return undefined;
    const stored = await this.options.data.read(claim.userId);
    const record = stored.record;
    const closure = record && closureOf(record, now, this.options.policy);
    const dueAt = record && destructionDate(record, now, this.options.policy);
    const synthesis = await this.options.synthesisOf(claim.userId);
    const document = {
      format: 'bilan-personal-data/1',
      exportedAt: now.toISOString(),
      userId: stored.userId,
      bilan: record ?? null,
      consentLedger: record?.sharing ?? [],
      retentionAgreements: record?.retentionAgreements ?? [],
      retention: { closed: closure?.reason ?? null, closedAt: closure?.closedAt.toISOString() ?? null, destructionDueAt: dueAt?.toISOString() ?? null },
      readable: record && this.options.readable ? this.options.readable(record, synthesis, claim.locale) : null,
      conversationReference: stored.conversationReference ?? null,
      dialogState: stored.dialogState,
      channelPosts: stored.channelPosts,
      erasureProofs: stored.erasureProofs,
    };
    return {
      body: Buffer.from(JSON.stringify(document, null, 2), 'utf8'),
      contentType: 'application/json; charset=utf-8',
      filename: `bilan-data-${now.toISOString().slice(0, 10)}.json`,
    };
  }
}
