import type { AnsweredCard } from '../../core/bilan/answered-by.js';
import type { Answer } from '../../core/bilan/bilan-record.js';
import type { QuestionStep } from '../../core/flow/flow-schema.js';
import { msg } from '../../core/messages.js';
import type { Translate } from '../../infra/i18n/create-i18n.js';
import { card, textBlock, type AdaptiveCard } from './adaptive-card.js';
import { describeAnswer } from './question-cards.js';

/**
 * A question card once answered: the question and what was chosen, without inputs or buttons. Free-text answers are
 * never written back (Teams keeps the chat history, under the employer's retention): the card says only that the
 * answer is saved, and the answer itself lives in the bilan's protected storage.
 */
export function answeredCard(question: QuestionStep, answer: Answer, t: Translate): AdaptiveCard {
  const shown =
    answer.unsure || answer.skipped || question.kind !== 'text'
      ? t(msg('common:answered.chosen', { answer: describeAnswer(question, answer, t) }))
      : t(msg('common:answered.saved'));
  return card([textBlock(t(msg(question.prompt)), 'title'), textBlock(shown, 'subtle')]);
}

/**
 * A jobs, skills or occupations card once answered: what it was about and how many items it added, without the
 * items (they are in the bilan and its document, not in the Teams history) and without buttons.
 */
export function answeredPendingCard(answered: AnsweredCard, t: Translate): AdaptiveCard {
  const keys = `common:answered.${answered.card}`;
  return card([textBlock(t(msg(`${keys}.title`)), 'title'), textBlock(t(msg(`${keys}.${answered.outcome}`, { count: answered.added })), 'subtle')]);
}
