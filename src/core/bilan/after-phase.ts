import type { EngineOutput } from '../flow/engine-io.js';
import type { FlowCatalog } from '../flow/flow-catalog.js';
import { msg } from '../messages.js';
import { PHASES, type PhaseId } from '../phases.js';
import type { BilanRecord } from './bilan-record.js';
import type { TurnResult } from './turn-result.js';

/**
 * After a completed phase: says what comes next. The next phase starts on the user's next message, at their pace;
 * the end of the bilan offers the synthesis and, when a retention period is set, the one-year extension.
 */
export function afterPhase(record: BilanRecord, catalog: FlowCatalog, retentionDays: number | undefined): EngineOutput[] {
  const next = PHASES.find((p) => record.phases[p]?.status !== 'completed');
  if (!next) return [...retentionOffer(retentionDays), { type: 'offer', message: msg('common:commands.status.done'), actions: ['synthesis'] }];
  if (!catalog.flowForPhase(next)) return notAvailableOutputs(next);
  return [{ type: 'offer', message: msg('common:phase.nextReady', { phase: msg(`common:phases.${next}`) }), actions: ['resume', 'later'] }];
}

function retentionOffer(days: number | undefined): EngineOutput[] {
  return days === undefined ? [] : [{ type: 'message', message: msg('rights:keep.offer', { days }) }];
}

/** The phase has no flow in this deployment (or, with none, every phase is done). */
export function notAvailable(phase: PhaseId | undefined): TurnResult {
  return { outputs: phase ? notAvailableOutputs(phase) : [{ type: 'message', message: msg('common:commands.status.done') }], waiting: false };
}

export function notAvailableOutputs(phase: PhaseId): EngineOutput[] {
  return [{ type: 'message', message: msg('common:phase.notAvailable', { phase: msg(`common:phases.${phase}`) }) }];
}
