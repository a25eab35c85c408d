import type { Clock } from '../../core/clock.js';
import type { Locale } from '../../core/locale.js';
import type { Logger } from '../../core/logger.js';
import { msg } from '../../core/messages.js';
import { isoWeek, MIN_REPORTED_COUNT, type WeeklyCounts } from '../../core/stats/weekly-counts.js';
import type { Translations } from '../../infra/i18n/create-i18n.js';
import type { ChannelPoster } from '../channels/channel-poster.js';
import type { ChannelRegistry } from '../channels/channel-registry.js';
import { every } from '../periodic-task.js';
import { card, textBlock } from '../render/adaptive-card.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface HrDigestOptions {
  readonly registry: ChannelRegistry;
  readonly poster: ChannelPoster;
  readonly counts: WeeklyCounts;
  readonly translations: Translations;
  readonly locale: Locale;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * The only thing HR ever receives: last week's anonymous counts of bilans started and completed, once a week,
 * small numbers masked. No name, no content, no per-person fact.
 */
export class HrDigest {
  constructor(private readonly options: HrDigestOptions) {}

  /** Posts last week's digest if an HR channel is registered and it was not posted yet. Returns the week posted. */
  async runOnce(): Promise<string | undefined> {
    const target = await this.options.registry.get('hr');
    if (!target) return undefined;
    const week = isoWeek(new Date(this.options.clock.now().getTime() - WEEK_MS));
    const counts = await this.options.counts.of(week);
    const t = this.options.translations.translator(this.options.locale);
    const shown = (n: number) => (n < MIN_REPORTED_COUNT ? t(msg('common:hr.fewer', { min: MIN_REPORTED_COUNT })) : String(n));
    const digest = card([
      textBlock(t(msg('common:hr.title', { week })), 'title'),
      { type: 'FactSet', facts: [{ title: t(msg('common:hr.started')), value: shown(counts.started) }, { title: t(msg('common:hr.completed')), value: shown(counts.completed) }] },
      textBlock(t(msg('common:hr.notice')), 'subtle'),
    ]);
    await this.options.poster.post(target, digest, `hr-digest:${week}`);
    return week;
  }

  /** Checks every `intervalMs` (and once now) whether a digest is due; the outbox makes repeated checks harmless. */
  start(intervalMs: number): void {
    this.stop = every(intervalMs, () => this.runOnce(), { logger: this.options.logger, message: 'HR digest not posted', runNow: true });
  }

  stop: () => void = () => undefined;
}
