import type { Answer, BilanRecord } from './bilan-record.js';
import type { EngineInput } from '../flow/engine-io.js';
import { findQuestion } from '../flow/flow-catalog.js';
import type { Flow, QuestionStep } from '../flow/flow-schema.js';

/** The question a card submission answered this turn, with the answer stored for it (so the card can show it). */
export function answeredBy(input: EngineInput, before: BilanRecord, after: BilanRecord | undefined, flow: Flow): { answered?: { question: QuestionStep; answer: Answer } } {
  if (input.type !== 'submit') return {};
  const question = findQuestion(flow, input.promptId);
  const answer = question && after?.answers[question.id];
  return question && answer && answer !== before.answers[question.id] ? { answered: { question, answer } } : {};
}
