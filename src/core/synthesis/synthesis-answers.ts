import type { Answer, BilanRecord } from '../bilan/bilan-record.js';
import type { Flow, QuestionStep, SynthesisUse } from '../flow/flow-schema.js';
import { msg, type MessageRef } from '../messages.js';
import { PHASES } from '../phases.js';
import type { NonAnswerTest } from '../text/non-answer.js';

/** A question that feeds the synthesis, with its declaration (dialogs/*.flow.json `synthesis`). */
export interface DeclaredQuestion {
  readonly step: QuestionStep;
  readonly use: SynthesisUse;
}

/** A choice read back as option values and, in the same order, their label keys. */
export interface ChoiceValue {
  readonly kind: 'choice';
  readonly values: readonly string[];
  readonly labels: readonly MessageRef[];
}

export type AnswerReading =
  | { readonly kind: 'text'; readonly text: string }
  | ChoiceValue
  | { readonly kind: 'scale'; readonly value: number; readonly max: number }
  | { readonly kind: 'yesNo'; readonly value: boolean; readonly label: MessageRef };

/** What the person said to a question: content, an "I am not sure" (marked or typed), or nothing to show. */
export type AnswerState = { readonly type: 'content'; readonly value: AnswerReading } | { readonly type: 'unsure' } | { readonly type: 'none' };

/** The questions that declare a synthesis use, in flow order (préliminaire, investigation, conclusion). */
export function declaredQuestions(flows: readonly Flow[]): DeclaredQuestion[] {
  const ordered = [...flows].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));
  return ordered.flatMap((flow) =>
    flow.steps.flatMap((step) => (step.type === 'question' && step.synthesis ? [{ step, use: step.synthesis }] : [])),
  );
}

/** Reads an answer: skipped or missing is nothing; marked unsure, or typed words with no content, is unsure. */
export function readAnswer(question: QuestionStep, answer: Answer | undefined, isNonAnswer: NonAnswerTest): AnswerState {
  if (!answer || answer.skipped) return { type: 'none' };
  if ((answer as { unsure?: boolean }).unsure === true) return { type: 'unsure' };
  const raw = answer.value;
  if (raw === undefined) return { type: 'none' };
  if (question.kind === 'text') {
    if (typeof raw !== 'string' || raw.trim().length === 0) return { type: 'none' };
    return isNonAnswer(raw) ? { type: 'unsure' } : { type: 'content', value: { kind: 'text', text: raw.trim() } };
  }
  const value = readChoice(question, raw);
  return value ? { type: 'content', value } : { type: 'none' };
}

function readChoice(question: QuestionStep, raw: NonNullable<Answer['value']>): AnswerReading | undefined {
  switch (question.kind) {
    case 'scale':
      return typeof raw === 'number' ? { kind: 'scale', value: raw, max: question.scale?.max ?? 10 } : undefined;
    case 'yesNo':
      if (raw !== 'yes' && raw !== 'no') return undefined;
      return { kind: 'yesNo', value: raw === 'yes', label: msg(raw === 'yes' ? 'common:card.yes' : 'common:card.no') };
    default: {
      const values = (Array.isArray(raw) ? raw : [String(raw)]).filter((v) => v.length > 0);
      if (values.length === 0) return undefined;
      const keys = new Map((question.options ?? []).map((o) => [o.value, o.label]));
      // An unknown value (e.g. from an older flow version) reads back as itself rather than disappearing.
      return { kind: 'choice', values, labels: values.map((v) => msg(keys.get(v) ?? 'synthesis:raw', keys.has(v) ? undefined : { value: v })) };
    }
  }
}

/** The option values of the answers declaring `fact` (e.g. funding → ['cpf']). */
export function factValues(record: BilanRecord, questions: readonly DeclaredQuestion[], fact: NonNullable<SynthesisUse['fact']>): string[] {
  return questions
    .filter((q) => q.use.fact === fact)
    .flatMap((q) => {
      const answer = record.answers[q.step.id];
      const raw = answer && !answer.skipped ? answer.value : undefined;
      return Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
    });
}
