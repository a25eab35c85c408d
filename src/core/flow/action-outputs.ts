import type { BilanRecord, PhaseProgress } from '../bilan/bilan-record.js';
import { msg } from '../messages.js';
import { editedSkills } from '../synthesis/synthesis-edits.js';
import { withProgress } from './engine-support.js';
import { promptFor } from './flow-prompts.js';
import type { EngineOutput, EngineResult } from './engine-io.js';
import { findQuestion } from './flow-catalog.js';
import type { Flow, FlowStep, QuestionStep } from './flow-schema.js';

type ActionStep = Extract<FlowStep, { type: 'action' }>;

/** Outputs of steps that need no answer of their own: results, derived factors, going back. */

/** What showResults (the skills as the person edited them in their synthesis) and showDerivedFactors display. */
export function shownBy(record: BilanRecord, step: ActionStep, allFlows: readonly Flow[]): EngineOutput[] {
  const lines = (step.items ?? []).flatMap((item) => {
    const question = questionAnywhere(allFlows, item.question);
    return question ? [{ label: item.label, question, answer: record.answers[question.id] }] : [];
  });
  const explorations = record.explorations ?? [];
  if (step.action === 'showResults') {
    return [{ type: 'results', skills: editedSkills(record), holland: record.interests?.holland, explorations, lines }];
  }
  if (step.action === 'showDerivedFactors') {
    const gaps = [...new Set(explorations.flatMap((o) => o.gaps.map((g) => g.label)))];
    return [{ type: 'derivedFactors', gaps, lines }];
  }
  return [];
}

function questionAnywhere(allFlows: readonly Flow[], id: string): QuestionStep | undefined {
  for (const flow of allFlows) {
    const question = findQuestion(flow, id);
    if (question) return question;
  }
  return undefined;
}

/** « retour »: the last question answered in this phase, asked again (answering it re-evaluates the branches). */
export function goBack(record: BilanRecord, flow: Flow, progress: PhaseProgress): EngineResult | undefined {
  // Entries of cards (« …#skills ») are left out: only questions are asked again here.
  const trail = (progress.trail ?? []).filter((id) => !id.includes('#'));
  // A card shown after an answer goes back to that answer; a card gathering several answers, to the last of them.
  const reviewed = progress.pending?.type === 'skillReview' ? progress.pending.questionId : undefined;
  const previous = reviewed && findQuestion(flow, reviewed) ? reviewed : trail.at(-1);
  if (!previous || !findQuestion(flow, previous)) return undefined;
  const { pending: _pending, recap: _recap, ...rest } = progress;
  const back: PhaseProgress = { ...rest, stepId: previous, trail: trail.filter((id) => id !== previous) };
  const updated = withProgress(record, flow, back);
  return { record: updated, outputs: [{ type: 'message', message: msg('common:back.done') }, ...promptFor(updated, flow, back)], status: 'waiting' };
}
