import type { BilanRecord } from '../bilan/bilan-record.js';
import type { NonAnswerTest } from '../text/non-answer.js';
import { readAnswer, type ChoiceValue, type DeclaredQuestion } from './synthesis-answers.js';

/** One step of the action plan: what, by when (a horizon and the date it gives), with which routes. */
export interface PlanStep {
  readonly index: number;
  readonly action?: string;
  readonly horizon?: ChoiceValue;
  /** The horizon counted from the day it was answered, e.g. "within 3 months" answered on 3 March → 3 June. */
  readonly dueBy?: string;
  readonly routes?: ChoiceValue;
  readonly questions: readonly string[];
}

/** The steps declared `as: "step"`, by number, with their due dates. */
export function planSteps(record: BilanRecord, questions: readonly DeclaredQuestion[], isNonAnswer: NonAnswerTest): PlanStep[] {
  const groups = new Map<number, DeclaredQuestion[]>();
  for (const q of questions.filter((q) => q.use.as === 'step' && q.use.group !== undefined)) {
    groups.set(q.use.group as number, [...(groups.get(q.use.group as number) ?? []), q]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([index, parts]) => {
      const step: { -readonly [K in keyof PlanStep]: PlanStep[K] } = { index, questions: [] };
      for (const { step: question, use } of parts) {
        const state = readAnswer(question, record.answers[question.id], isNonAnswer);
        if (state.type !== 'content') continue;
        const value = state.value;
        if (use.part === 'action' && value.kind === 'text') step.action = value.text;
        else if (use.part === 'horizon' && value.kind === 'choice') {
          step.horizon = value;
          const months = use.months?.[value.values[0] ?? ''];
          const answeredAt = record.answers[question.id]?.at;
          if (months !== undefined && answeredAt) step.dueBy = addMonths(answeredAt, months);
        } else if (use.part === 'routes' && value.kind === 'choice') step.routes = value;
        else continue;
        step.questions = [...step.questions, question.id];
      }
      return step.questions.length > 0 ? [step] : [];
    });
}

/** `iso` plus whole months, clamped to the month's last day (31 January + 1 month → 28 or 29 February). */
export function addMonths(iso: string, months: number): string {
  const from = new Date(iso);
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}
