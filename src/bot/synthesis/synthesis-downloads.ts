import type { BilanRepository } from '../../core/bilan/bilan-repository.js';
import type { Clock } from '../../core/clock.js';
import type { Flow } from '../../core/flow/flow-schema.js';
import { LOCALES, type Locale } from '../../core/locale.js';
import type { BilanRecord } from '../../core/bilan/bilan-record.js';
import { buildSynthesis, type Synthesis } from '../../core/synthesis/synthesis.js';
import type { NonAnswerTest } from '../../core/text/non-answer.js';
import type { Translations } from '../../infra/i18n/create-i18n.js';
import { renderSynthesisMarkdown } from '../../infra/synthesis/markdown.js';
import { renderSynthesisPdf } from '../../infra/synthesis/pdf.js';
import { documentLabels, type DocumentLabels } from '../../infra/synthesis/skill-labels.js';
import { loadSynthesisTemplate, type SynthesisTemplate } from '../../infra/synthesis/template.js';
import type { PersonalLinks } from './personal-links.js';

export const SYNTHESIS_FORMATS = ['pdf', 'md'] as const;
export type SynthesisFormat = (typeof SYNTHESIS_FORMATS)[number];

export interface SynthesisFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly filename: string;
}

export interface SynthesisDownloadsOptions {
  readonly repository: BilanRepository;
  readonly flows: readonly Flow[];
  readonly translations: Translations;
  readonly localesDir: string;
  readonly clock: Clock;
  readonly links: PersonalLinks;
  readonly baseUrl: string;
  /** Typed words that carry no content, never quoted in the synthesis. */
  readonly isNonAnswer?: NonAnswerTest;
  /** Skill and occupation labels in the document's language; default: from the project's data/. */
  readonly labels?: DocumentLabels;
}

/**
 * The synthesis as files, built on demand from the current record and never stored: the bot sends the user
 * short-lived personal links, and the files exist only in the response to that user's browser.
 */
export class SynthesisDownloads {
  private readonly templates: Record<Locale, SynthesisTemplate>;
  private readonly labels: DocumentLabels;

  constructor(private readonly options: SynthesisDownloadsOptions) {
    this.labels = options.labels ?? documentLabels();
    this.templates = Object.fromEntries(LOCALES.map((l) => [l, loadSynthesisTemplate(options.localesDir, l)])) as Record<Locale, SynthesisTemplate>;
  }

  /** Whether the user has a bilan to synthesise (they engaged, and did not refuse). */
  async available(userId: string): Promise<boolean> {
    const record = (await this.options.repository.load(userId))?.record;
    return Boolean(record?.consent.engagedAt && !record.consent.refusedAt);
  }

  /** The user's current draft synthesis (for the chat card), or undefined without a bilan. */
  async synthesisOf(userId: string): Promise<Synthesis | undefined> {
    const record = (await this.options.repository.load(userId))?.record;
    if (!record?.consent.engagedAt || record.consent.refusedAt) return undefined;
    return this.build(record, this.options.clock.now());
  }

  /** The draft synthesis of a record, with the person's edits. */
  build(record: BilanRecord, now: Date): Synthesis {
    return buildSynthesis(record, this.options.flows, now, this.options.isNonAnswer ? { isNonAnswer: this.options.isNonAnswer } : {});
  }

  /** A personal link to the user's synthesis in `format`, valid for LINK_TTL_MS and while their record lasts. */
  async link(userId: string, locale: Locale, format: SynthesisFormat): Promise<string> {
    const token = await this.options.links.token(userId, locale);
    return `${this.options.baseUrl.replace(/\/+$/, '')}/synthesis/${token}.${format}`;
  }

  /** The file a link points to, or undefined when the link is invalid, expired, or there is nothing to show. */
  async file(token: string, format: SynthesisFormat): Promise<SynthesisFile | undefined> {
    const now = this.options.clock.now();
    const opened = await this.options.links.open(token);
    if (!opened) return undefined;
    const { record, claim: { locale } } = opened;
    if (!record?.consent.engagedAt || record.consent.refusedAt) return undefined;
    const template = this.templates[locale];
    const markdown = renderSynthesisMarkdown(this.build(record, now), template, this.options.translations.translator(locale), {
      skillLabel: (item) => this.labels.skill(item, locale),
      occupationLabel: (code, label) => this.labels.occupation(code, label, locale),
    });
    const name = `${template.strings.get('filename') ?? 'synthesis'}-${now.toISOString().slice(0, 10)}`;
    if (format === 'md') return { body: Buffer.from(markdown, 'utf8'), contentType: 'text/markdown; charset=utf-8', filename: `${name}.md` };
    const pdf = await renderSynthesisPdf(markdown, {
      title: template.strings.get('title') ?? name,
      createdAt: now,
      lang: locale === 'fr' ? 'fr-FR' : 'en-GB',
      ...optional('pageLabel', template.strings.get('pageLabel')),
      ...optional('missingGlyphsNote', template.strings.get('missingGlyphs')),
    });
    return { body: pdf, contentType: 'application/pdf', filename: `${name}.pdf` };
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
