import type { BilanRecord } from '../bilan/bilan-record.js';
import { msg, type MessageRef } from '../messages.js';
import type { Vocabulary } from './answer-parsers.js';
import type { EngineResult } from './engine-io.js';
import type { QuestionStep } from './flow-schema.js';
import type { PhaseId } from '../phases.js';

/** What a typed message is when it is not an answer to the question asked. */
export type NonAnswer = 'clarify' | 'unsure' | 'question';

/** Fewest words of a message ending with "?" taken for a real question (« Est-ce réaliste à 46 ans ? »), not "quoi ?". */
const MIN_QUESTION_WORDS = 3;

/**
 * Greetings, "?" or "what do you mean" ask for the question again; « je ne sais pas » is unsure (choices first try it
 * as an option label: « Je ne sais pas encore » may be one); a real question is one for the counsellor, except where
 * the question asks for questions.
 */
export function notAnAnswer(question: QuestionStep, text: string, vocabulary: Vocabulary): NonAnswer | undefined {
  if (vocabulary.clarify.matches(text)) return 'clarify';
  if (question.kind !== 'text') return undefined;
  if (vocabulary.unsure.matches(text)) return 'unsure';
  if (!question.welcomesQuestions && isRealQuestion(text)) return 'question';
  return undefined;
}

function isRealQuestion(text: string): boolean {
  const trimmed = text.trim();
  return /[?？]$/.test(trimmed) && trimmed.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= MIN_QUESTION_WORDS;
}

const VARIANTS = ['a', 'b', 'c'] as const;

/**
 * One short line saying what was understood from a free-text answer, never quoting it (Teams keeps the chat):
 * skills found to confirm (their count), or what the question collects (`understood`: an achievement, a job…).
 * The wording varies with the number of answers given.
 */
export function reflection(question: QuestionStep, phase: PhaseId, result: EngineResult, stored: BilanRecord): MessageRef | undefined {
  const variant = VARIANTS[Object.keys(stored.answers).length % VARIANTS.length];
  const pending = result.record.phases[phase]?.pending;
  const review = pending?.type === 'skillReview' && pending.questionId === question.id ? pending : undefined;
  const job = review?.candidates.find((c) => c.job)?.job;
  if (review && job) return msg(`common:reflect.jobSkills.${variant}`, { job });
  if (review) return msg(`common:reflect.skills.${variant}`, { count: review.candidates.length });
  const jobs = pending?.type === 'jobReview' && pending.questionId === question.id ? pending : undefined;
  if (jobs) return msg(`common:reflect.jobs.${variant}`, { count: jobs.jobs.length });
  if (question.understood) return msg(`common:reflect.${question.understood}.${variant}`);
  return undefined;
}
