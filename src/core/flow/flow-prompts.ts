import type { BilanRecord, PhaseProgress } from '../bilan/bilan-record.js';
import type { EngineInput, EngineOutput } from './engine-io.js';
import { findQuestion, findStep } from './flow-catalog.js';
import type { Flow, QuestionStep } from './flow-schema.js';

/**
 * What the user is asked while a flow waits, and the id each prompt carries on its card: a card answers only the
 * prompt it was shown for (anything else is a stale card).
 */
const SKILLS_SUFFIX = '#skills';
const OCCUPATIONS_SUFFIX = '#occupations';
const CHOOSE_SUFFIX = '#choose';
const JOBS_SUFFIX = '#jobs';

/** The prompt(s) of the step the flow waits on: a question, a recap (or its correction), a pending card. */
export function promptFor(record: BilanRecord, flow: Flow, progress: PhaseProgress): EngineOutput[] {
  const pending = progress.pending;
  if (pending?.type === 'skillReview') return [{ type: 'skillReview', flow, candidates: pending.candidates, promptId: pending.questionId + SKILLS_SUFFIX }];
  if (pending?.type === 'occupations') return [{ type: 'occupations', flow, suggestions: pending.suggestions, promptId: progress.stepId + OCCUPATIONS_SUFFIX }];
  if (pending?.type === 'jobReview') return [{ type: 'jobReview', flow, jobs: pending.jobs, correcting: pending.correcting === true, promptId: pending.questionId + JOBS_SUFFIX }];
  const step = findStep(flow, progress.stepId);
  if (step?.type === 'question') return [{ type: 'question', flow, question: asAsked(step, record), promptId: step.id }];
  if (step?.type !== 'recap') return [];
  const lines = step.items.flatMap((item) => {
    const question = findQuestion(flow, item.question);
    return question ? [{ label: item.label, question, answer: record.answers[question.id] }] : [];
  });
  const mode = progress.recap;
  if (mode?.mode === 'editing') {
    const question = findQuestion(flow, mode.questionId);
    return question ? [{ type: 'question', flow, question: asAsked(question, record), promptId: question.id }] : [];
  }
  if (mode?.mode === 'choosing') return [{ type: 'recapChoose', flow, step, lines, promptId: step.id + CHOOSE_SUFFIX }];
  return [{ type: 'recap', flow, step, lines, promptId: step.id }];
}

/** The question as asked now: a rank of a ranking no longer offers the options chosen at the ranks before. */
export function asAsked(question: QuestionStep, record: BilanRecord): QuestionStep {
  if (!question.distinctFrom || !question.options) return question;
  const taken = new Set(question.distinctFrom.flatMap((id) => {
    const value = record.answers[id]?.value;
    return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  }));
  return { ...question, options: question.options.filter((o) => !taken.has(o.value)) };
}

/** Whether a card submission answers the prompt the flow waits on now. */
export function isCurrentPrompt(progress: PhaseProgress, input: Extract<EngineInput, { type: 'submit' }>): boolean {
  const expected = progress.pending?.type === 'skillReview' ? progress.pending.questionId + SKILLS_SUFFIX
    : progress.pending?.type === 'occupations' ? progress.stepId + OCCUPATIONS_SUFFIX
    : progress.pending?.type === 'jobReview' ? progress.pending.questionId + JOBS_SUFFIX
    : progress.recap?.mode === 'editing' ? progress.recap.questionId
    : progress.recap?.mode === 'choosing' ? progress.stepId + CHOOSE_SUFFIX
    : progress.stepId;
  return input.flowId === progress.flowId && input.flowVersion === progress.flowVersion && input.promptId === expected;
}
