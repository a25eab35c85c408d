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
import type { ChannelWithdrawals, WithdrawalOutcome } from '../channels/channel-withdrawals.js';
import { card, textBlock } from '../render/adaptive-card.js';
import { synthesisBody } from '../render/synthesis-card.js';


export interface CounsellorPublisherOptions {
  readonly registry: ChannelRegistry;
  readonly poster: ChannelPoster;
  readonly withdrawals: ChannelWithdrawals;
  readonly repository: BilanRepository;
  readonly flows: readonly Flow[];
  readonly translations: Translations;
  readonly clock: Clock;
  /** Typed words that carry no content, never quoted. */
  readonly isNonAnswer?: NonAnswerTest;
}

/** Posts the conclusion summary card in the registered counsellor channel, once per agreement, and takes it down. */
export class CounsellorPublisher implements SummaryPublisher {
  constructor(private readonly options: CounsellorPublisherOptions) {}

  async ready(): Promise<boolean> {
    return (await this.options.registry.get('counsellor')) !== undefined;
  }

  async publish(userId: string, shareId: string, locale: Locale): Promise<PostedRef | 'withdrawn'> {
    const target = await this.options.registry.get('counsellor');
    const record = (await this.options.repository.load(userId))?.record;
    if (!target || !record) throw new Error('Nothing to publish: no counsellor channel or no bilan');
    const synthesis = buildSynthesis(record, this.options.flows, this.options.clock.now(), this.options.isNonAnswer ? { isNonAnswer: this.options.isNonAnswer } : {});
    const t = this.options.translations.translator(locale);
    const shared = synthesis.sections.filter((s) => CONCLUSION_SUMMARY_SECTIONS.includes(s.id));
    const header = [textBlock(t(msg('common:sharing.cardTitle')), 'title'), textBlock(t(msg('common:sharing.cardNotice')), 'subtle')];
    const numbers = shared.map((s) => SYNTHESIS_SECTIONS.indexOf(s.id) + 1).join(', ');
    const summary = card([...synthesisBody(shared, t, header), textBlock(t(msg('common:sharing.cardWholeDocument', { sections: numbers })), 'subtle')]);
    try {
      const posted = await this.options.poster.post(target, summary, shareKey(shareId));
      return posted.deleted ? 'withdrawn' : { conversationId: posted.conversationId, activityId: posted.activityId };
    } catch (error: unknown) {
      if (error instanceof ChannelPostError && error.failure === 'withdrawn') return 'withdrawn';
      throw error;
    }
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
}

function shareKey(shareId: string): string {
  return `share:${shareId}`;
}
