import type { FlowCatalog } from '../flow/flow-catalog.js';
import { findQuestion } from '../flow/flow-catalog.js';
import { percentDone } from '../flow/flow-progress.js';
import { nextPhase, PHASES, type PhaseId } from '../phases.js';
import { currentPhase, type BilanRecord } from './bilan-record.js';

/** Where a user stands, for the "status / où j'en suis" command. */
export type BilanStatus =
  | { readonly type: 'notStarted' }
  | { readonly type: 'refused' }
  | { readonly type: 'finished' }
  | {
      readonly type: 'inProgress';
      readonly phase: PhaseId;
      readonly phasePercent: number;
      readonly overallPercent: number;
      readonly paused: boolean;
      /** i18n key of the question waiting for an answer, if the flow waits on one. */
      readonly currentQuestionKey: string | undefined;
      readonly next: { readonly phase: PhaseId; readonly available: boolean } | undefined;
    };

export function statusOf(record: BilanRecord | undefined, catalog: FlowCatalog): BilanStatus {
  if (!record) return { type: 'notStarted' };
  if (record.consent.refusedAt) return { type: 'refused' };
  const phase = currentPhase(record) ?? PHASES.find((p) => record.phases[p]?.status !== 'completed');
  if (!phase) return { type: 'finished' };
  if (!record.phases[phase] && phase === PHASES[0]) return { type: 'notStarted' };
  const following = nextPhase(phase);
  return {
    type: 'inProgress',
    phase,
    phasePercent: phasePercent(record, catalog, phase),
    overallPercent: Math.floor(PHASES.reduce((sum, p) => sum + phasePercent(record, catalog, p), 0) / PHASES.length),
    paused: Boolean(record.pausedAt),
    currentQuestionKey: currentQuestionKey(record, catalog, phase),
    next: following ? { phase: following, available: Boolean(catalog.flowForPhase(following)) } : undefined,
  };
}

function phasePercent(record: BilanRecord, catalog: FlowCatalog, phase: PhaseId): number {
  if (record.phases[phase]?.status === 'completed') return 100;
  const flow = catalog.flowForPhase(phase);
  return flow ? percentDone(flow, record) : 0;
}

function currentQuestionKey(record: BilanRecord, catalog: FlowCatalog, phase: PhaseId): string | undefined {
  const progress = record.phases[phase];
  const flow = catalog.flowForPhase(phase);
  if (!progress || !flow || progress.flowVersion !== flow.version) return undefined;
  const editing = progress.recap?.mode === 'editing' ? progress.recap.questionId : progress.stepId;
  return findQuestion(flow, editing)?.prompt;
}
