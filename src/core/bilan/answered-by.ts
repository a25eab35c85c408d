import type { Answer, BilanRecord, PendingPrompt } from './bilan-record.js';
import type { EngineInput } from '../flow/engine-io.js';
import { findQuestion } from '../flow/flow-catalog.js';
import { isCurrentPrompt } from '../flow/flow-prompts.js';
import type { Flow, QuestionStep } from '../flow/flow-schema.js';

/** A jobs, skills or occupations card the user answered this turn, and how many items it added to the bilan. */
export interface AnsweredCard {
  readonly card: PendingPrompt['type'];
  /** Items added, none, or the card comes again below (a list of jobs to correct, a typed job not found). */
  readonly outcome: 'added' | 'none' | 'again';
  readonly added: number;
}

export interface Answered {
  readonly answered?: { question: QuestionStep; answer: Answer };
  readonly answeredCard?: AnsweredCard;
}

/** The question or card a card submission answered this turn, with what was stored for it (so the card can show it). */
export function answeredBy(input: EngineInput, before: BilanRecord, after: BilanRecord | undefined, flow: Flow): Answered {
  if (input.type !== 'submit' || !after) return {};
  const progress = before.phases[flow.phase];
  const pending = progress?.pending;
  if (pending && isCurrentPrompt(progress, input)) {
    const next = after.phases[flow.phase]?.pending;
    if (next === pending) return {};
    const added = addedBy(pending.type, before, after);
    const outcome = next?.type === pending.type ? 'again' : added > 0 ? 'added' : 'none';
    return { answeredCard: { card: pending.type, outcome, added } };
  }
  const question = findQuestion(flow, input.promptId);
  const answer = question && after.answers[question.id];
  return question && answer && answer !== before.answers[question.id] ? { answered: { question, answer } } : {};
}

function addedBy(card: PendingPrompt['type'], before: BilanRecord, after: BilanRecord): number {
  switch (card) {
    case 'jobReview':
      return after.jobs !== before.jobs ? (after.jobs?.length ?? 0) : 0;
    case 'skillReview':
      return (after.skills?.length ?? 0) - (before.skills?.length ?? 0);
    case 'occupations':
      return (after.explorations?.length ?? 0) - (before.explorations?.length ?? 0);
  }
}
