import type { BilanRecord } from '../bilan/bilan-record.js';
import type { Clock } from '../clock.js';
import { activeProgress, forgetFlow, refusalOnly, withProgress } from './engine-support.js';
import type { EndOutcome, Flow, FlowStep, RecapStep } from './flow-schema.js';
import { hollandCodeOf } from './holland-code.js';

type ActionStep = Extract<FlowStep, { type: 'action' }>;

/** What an action step that shows no card changes in the record (consents, the Holland code). */
export function applyAction(record: BilanRecord, step: ActionStep, clock: Clock): BilanRecord {
  const at = clock.now().toISOString();
  switch (step.action) {
    case 'acknowledgeInformation':
      return { ...record, consent: { ...record.consent, informationAcknowledgedAt: at }, updatedAt: at };
    case 'recordEngagement':
      return { ...record, consent: { ...record.consent, engagedAt: at }, updatedAt: at };
    case 'recordRefusal':
      return refusalOnly(record, clock.now());
    case 'computeHollandCode': {
      const chosen = record.answers[step.question ?? '']?.value;
      const result = hollandCodeOf(Array.isArray(chosen) ? chosen : []);
      return result ? { ...record, interests: { ...result, computedAt: at }, updatedAt: at } : record;
    }
    case 'proposeOccupations':
    case 'confirmJobs':
    case 'reviewSkills':
    case 'showResults':
    case 'showDerivedFactors':
      return record;
  }
}

/** The phase's recap confirmed; confirming the préliminaire's recap confirms the objectives. */
export function confirmRecap(record: BilanRecord, flow: Flow, step: RecapStep, at: string): BilanRecord {
  const withDate = withProgress(record, flow, { ...activeProgress(record, flow), recapConfirmedAt: at });
  const consent = step.confirms === 'objectives' ? { ...record.consent, objectivesConfirmedAt: at } : record.consent;
  return { ...withDate, consent, updatedAt: at };
}

/** The flow reached an end step: completed, postponed (forgotten, to start again later) or refused. */
export function endFlow(record: BilanRecord, flow: Flow, outcome: EndOutcome, at: string): BilanRecord {
  if (outcome === 'refused') return record;
  if (outcome === 'postponed') return forgetFlow(record, flow, at);
  const { recap: _recap, pending: _pending, ...progress } = activeProgress(record, flow);
  return { ...withProgress(record, flow, { ...progress, status: 'completed', completedAt: at }), updatedAt: at };
}
