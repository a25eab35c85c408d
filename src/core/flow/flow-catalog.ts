import type { PhaseId } from '../phases.js';
import type { Flow, FlowStep, QuestionStep } from './flow-schema.js';

/** The validated flows, indexed by id and by phase. */
export class FlowCatalog {
  private readonly byId: ReadonlyMap<string, Flow>;

  constructor(readonly flows: readonly Flow[]) {
    this.byId = new Map(flows.map((f) => [f.id, f]));
  }

  flow(id: string): Flow | undefined {
    return this.byId.get(id);
  }

  /** The flow that conducts a phase, or undefined while that phase is not available yet. */
  flowForPhase(phase: PhaseId): Flow | undefined {
    return this.flows.find((f) => f.phase === phase);
  }
}

export function findStep(flow: Flow, id: string): FlowStep | undefined {
  return flow.steps.find((s) => s.id === id);
}

export function findQuestion(flow: Flow, id: string): QuestionStep | undefined {
  const step = findStep(flow, id);
  return step?.type === 'question' ? step : undefined;
}

/** Question steps of a flow, in file order. */
export function questionsOf(flow: Flow): QuestionStep[] {
  return flow.steps.filter((s): s is QuestionStep => s.type === 'question');
}
