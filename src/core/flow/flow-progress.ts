import type { BilanRecord } from '../bilan/bilan-record.js';
import { resolveNext } from './branching.js';
import type { Flow, FlowStep, QuestionStep } from './flow-schema.js';
import { findStep } from './flow-catalog.js';

/**
 * The questions the user will meet in `flow` given what they answered so far: the path from the
 * start that follows their answers, and the default branch where they have not answered yet.
 */
export function expectedQuestions(flow: Flow, record: BilanRecord): QuestionStep[] {
  const questions: QuestionStep[] = [];
  const visited = new Set<string>();
  let step: FlowStep | undefined = findStep(flow, flow.start);
  while (step && !visited.has(step.id)) {
    visited.add(step.id);
    if (step.type === 'question') questions.push(step);
    if (step.type === 'end') break;
    step = findStep(flow, resolveNext(record, step.next));
  }
  return questions;
}

/**
 * Share of the flow done, 0–100: its expected questions answered or skipped, and its recap confirmed (a phase whose
 * recap waits for confirmation is not done).
 */
export function percentDone(flow: Flow, record: BilanRecord): number {
  const progress = record.phases[flow.phase];
  if (progress?.status === 'completed') return 100;
  if (!progress) return 0;
  const expected = expectedQuestions(flow, record);
  const recaps = flow.steps.some((s) => s.type === 'recap') ? 1 : 0;
  if (expected.length + recaps === 0) return 0;
  const answered = expected.filter((q) => record.answers[q.id] !== undefined).length;
  const done = answered + (recaps && progress.recapConfirmedAt ? 1 : 0);
  return Math.floor((100 * done) / (expected.length + recaps));
}
