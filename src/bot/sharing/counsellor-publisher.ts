import type { BilanRecord } from '../../core/bilan/bilan-record.js';
import type { BilanRepository } from '../../core/bilan/bilan-repository.js';
import type { Clock } from '../../core/clock.js';
import type { Flow } from '../../core/flow/flow-schema.js';
import type { Locale } from '../../core/locale.js';
import { msg } from '../../core/messages.js';
import type { PostedRef, SummaryPublisher } from '../../core/sharing/sharing-service.js';
import { CONCLUSION_SUMMARY_SECTIONS } from '../../core/sharing/shared-parts.js';
import { buildSynthesis, SYNTHESIS_SECTIONS } from '../../core/synthesis/synthesis.js';
import type { NonAnswerTest } from '../../core/text/non-answer.js';
import type { Translations } from '../../infra/i18n/create-i18n.js';
import type { ChannelPoster, PostedMessage } from '../channels/channel-poster.js';
import { ChannelPostError } from '../channels/channel-post-failures.js';
import type { ChannelRegistry } from '../channels/channel-registry.js';
import type { ChannelUpdates, UpdateOutcome } from '../channels/channel-updates.js';
import type { ChannelWithdrawals, WithdrawalOutcome } from '../channels/channel-withdrawals.js';
import { card, textBlock, type AdaptiveCard } from '../render/adaptive-card.js';
import { synthesisBody } from '../render/synthesis-card.js';


export interface CounsellorPublisherOptions {
  readonly registry: ChannelRegistry;
  readonly poster: ChannelPoster;
  readonly withdrawals: ChannelWithdrawals;
  readonly updates: ChannelUpdates;
  /** The person who shares under a share id, while that agreement is in force (the counsellor desk's index). */
  readonly ownerOf: (shareId: string) => Promise<string | undefined>;
  readonly repository: BilanRepository;
  readonly flows: readonly Flow[];
  readonly translations: Translations;
  readonly clock: Clock;
  /** The card's language when the sweeper rebuilds it for someone with no language recorded. */
  readonly defaultLocale: Locale;
  /** Typed words that carry no content, never quoted. */
  readonly isNonAnswer?: NonAnswerTest;
}

/**
 * Posts the conclusion summary card in the registered counsellor channel, once per agreement, updates it in place when
 * the person edits their synthesis, and takes it down.
 */
export class CounsellorPublisher implements SummaryPublisher {
  constructor(private readonly options: CounsellorPublisherOptions) {}

  async ready(): Promise<boolean> {
    return (await this.options.registry.get('counsellor')) !== undefined;
  }

  async publish(userId: string, shareId: string, locale: Locale): Promise<PostedRef | 'withdrawn'> {
    const target = await this.options.registry.get('counsellor');
    const record = (await this.options.repository.load(userId))?.record;
    if (!target || !record) throw new Error('Nothing to publish: no counsellor channel or no bilan');
    try {
      const posted = await this.options.poster.post(target, this.summaryCard(record, locale), shareKey(shareId));
      return posted.deleted ? 'withdrawn' : { conversationId: posted.conversationId, activityId: posted.activityId };
    } catch (error: unknown) {
      if (error instanceof ChannelPostError && error.failure === 'withdrawn') return 'withdrawn';
      throw error;
    }
  }

  /**
   * The card posted for `shareId` shows the summary as it is now (after the person's edits), updated in place: never a
   * second card. `pending`: Teams has not taken it yet, the sweeper tries again (`retryUpdates`).
   */
  async refresh(userId: string, shareId: string, locale: Locale): Promise<UpdateOutcome> {
    const record = (await this.options.repository.load(userId))?.record;
    if (!record) return 'gone';
    return this.options.updates.update(shareKey(shareId), this.summaryCard(record, locale));
  }

  /** Tries again the updates Teams refused or delayed, with the summary as it is now; returns how many are done. */
  async retryUpdates(): Promise<number> {
    let done = 0;
    for (const key of await this.options.updates.pending()) {
      const shareId = key.replace(/^share:/, '');
      const owner = await this.options.ownerOf(shareId);
      const record = owner && (await this.options.repository.load(owner))?.record;
      if (!record) await this.options.updates.forget(key);
      else if ((await this.options.updates.updateNow(key, this.summaryCard(record, record.locale ?? this.options.defaultLocale))) === 'pending') continue;
      done++;
    }
    return done;
  }

  withdraw(shareId: string): Promise<WithdrawalOutcome> {
    return this.options.withdrawals.withdraw(shareKey(shareId));
  }

  /** What the bot recorded of the card posted for `shareId` (where, when; never its content), for exports. */
  find(shareId: string): Promise<PostedMessage | undefined> {
    return this.options.poster.find(shareKey(shareId));
  }

  /**
   * Takes the card down (or records that it must go, when Teams is slow or failing), then, once it is gone, forgets
   * it was ever posted: nothing of it remains (erasure). `pending` while the deletion goes on in the background.
   */
  async erase(shareId: string): Promise<WithdrawalOutcome> {
    const outcome = await this.withdraw(shareId);
    if (outcome === 'withdrawn') await this.options.poster.forget(shareKey(shareId));
    return outcome;
  }

  /** Sections 4, 7 and 8 of the synthesis as the person edited it, numbered as in their document, values escaped. */
  private summaryCard(record: BilanRecord, locale: Locale): AdaptiveCard {
    const synthesis = buildSynthesis(record, this.options.flows, this.options.clock.now(), this.options.isNonAnswer ? { isNonAnswer: this.options.isNonAnswer } : {});
    const t = this.options.translations.translator(locale);
    const shared = synthesis.sections.filter((s) => CONCLUSION_SUMMARY_SECTIONS.includes(s.id));
    const header = [textBlock(t(msg('common:sharing.cardTitle')), 'title'), textBlock(t(msg('common:sharing.cardNotice')), 'subtle')];
    const numbers = shared.map((s) => SYNTHESIS_SECTIONS.indexOf(s.id) + 1).join(', ');
    return card([...synthesisBody(shared, t, header), textBlock(t(msg('common:sharing.cardWholeDocument', { sections: numbers })), 'subtle')]);
  }
}

function shareKey(shareId: string): string {
  return `share:${shareId}`;
}
