import type { TurnContext } from 'botbuilder';
import type { BilanService, TurnResult } from '../core/bilan/bilan-service.js';
import type { EngineInput } from '../core/flow/engine-io.js';
import { msg } from '../core/messages.js';
import { answeredCard, answeredPendingCard } from './render/answered-card.js';
import { cardActivity, renderOutputs, sendAll } from './render/render.js';
import { readSubmit } from './submit-payload.js';
import { turnLanguage } from './turn-locale.js';

/**
 * Hands a turn to the bilan flow (the dialog trees of dialogs/, run by the domain's BilanService) and renders what
 * comes back. Where the user stands lives in their bilan record only: whether a question waits for an answer,
 * the pause, the phase to start next. There is no second copy of it in a dialog stack, so a turn reads one
 * stored item, and nothing can disagree with the record across instances.
 */
export class FlowTurns {
  constructor(private readonly service: BilanService) {}

  /** The user's message: the answer to the waiting question, or what starts or resumes the bilan. */
  async answer(context: TurnContext, userId: string): Promise<void> {
    const { locale } = turnLanguage(context);
    const result = await this.service.answer(userId, toEngineInput(context), locale, context.activity.id);
    await this.showAnswered(context, result);
    await this.render(context, result);
  }

  /**
   * Replaces the card the user answered with one that shows the answer and has no buttons, so the chat reads as a
   * conversation and an old card cannot be clicked. Free text shows only "answer saved": Teams keeps the chat history.
   * Cosmetic: if Teams refuses the update, the turn goes on.
   */
  private async showAnswered(context: TurnContext, result: TurnResult): Promise<void> {
    const replyToId = context.activity.replyToId;
    const { t } = turnLanguage(context);
    const card = result.answered ? answeredCard(result.answered.question, result.answered.answer, t)
      : result.answeredCard ? answeredPendingCard(result.answeredCard, t)
      : undefined;
    if (!card || !replyToId) return;
    try {
      await context.updateActivity({ ...cardActivity(card), id: replyToId });
    } catch {
      // The answer is saved; only the old card keeps its buttons (a click on it is then a stale card).
    }
  }

  /** Starts the next phase, or asks again the question the user stopped at. */
  async startOrResume(context: TurnContext, userId: string): Promise<void> {
    const { locale } = turnLanguage(context);
    await this.render(context, await this.service.startOrResume(userId, locale, context.activity.id));
  }

  /** Shows again what the user is asked now, changing nothing. */
  async showCurrentPrompt(context: TurnContext, userId: string): Promise<void> {
    const { locale } = turnLanguage(context);
    await this.render(context, await this.service.currentPrompt(userId, locale));
  }

  /** Starts or resumes the bilan when the app is installed; once per conversation. */
  async welcome(context: TurnContext, userId: string): Promise<void> {
    const { locale } = turnLanguage(context);
    await this.render(context, await this.service.welcome(userId, context.activity.conversation.id, locale, context.activity.id));
  }

  /** Erases the bilan and starts again (after the user confirmed "restart"). */
  async restart(context: TurnContext, userId: string): Promise<void> {
    const { locale } = turnLanguage(context);
    const result = await this.service.restart(userId, locale);
    await this.render(context, { ...result, outputs: [{ type: 'message', message: msg('common:commands.restart.done') }, ...result.outputs] });
  }

  private async render(context: TurnContext, result: TurnResult): Promise<void> {
    await sendAll(context, renderOutputs(result.outputs, turnLanguage(context).t));
  }
}

/** The user's message as engine input: a card answer when it carries one of ours, else its text. */
export function toEngineInput(context: TurnContext): EngineInput {
  const submit = readSubmit(context.activity.value);
  if (submit && submit !== 'invalid' && submit.bilan === 'answer') {
    return {
      type: 'submit',
      flowId: submit.flowId,
      flowVersion: submit.flowVersion,
      promptId: submit.promptId,
      value: submit.choice ?? submit.answer,
      ...(submit.added ? { added: submit.added } : {}),
      ...(submit.skip ? { skip: true } : {}),
      ...(submit.keep ? { keep: true } : {}),
      ...(submit.rewrite ? { rewrite: true } : {}),
    };
  }
  if (submit === 'invalid') return { type: 'submit', flowId: '', flowVersion: 0, promptId: '' };
  return { type: 'text', text: context.activity.text ?? '' };
}
