import type { BilanRecord } from '../bilan/bilan-record.js';
import type { PlanStep } from './action-plan.js';
import { factValues, type DeclaredQuestion } from './synthesis-answers.js';

/**
 * What may conflict in the plan, to check with the consultant: the same CPF paying the bilan and the training; a
 * training planned with no time for it (or, when some time is left, with constrained hours); a training planned when
 * the person cannot travel. One time conflict at most: "no time at all" already says what constrained hours would.
 */
export const CONFLICTS = ['sameCpf', 'noTrainingTime', 'timeConstraints', 'mobility'] as const;
export type Conflict = (typeof CONFLICTS)[number];

/** Routes of a step that take time, or a place, to follow. */
const TRAINING_ROUTES = new Set(['training', 'vae', 'transitions_pro']);

export function conflictsOf(record: BilanRecord, questions: readonly DeclaredQuestion[], steps: readonly PlanStep[]): Conflict[] {
  const routes = new Set(steps.flatMap((s) => s.routes?.values ?? []));
  const training = [...routes].some((r) => TRAINING_ROUTES.has(r)) || routes.has('cpf');
  const funding = factValues(record, questions, 'funding');
  const time = factValues(record, questions, 'trainingTime');
  const constraints = factValues(record, questions, 'constraints');
  const mobility = factValues(record, questions, 'mobility');
  const found: Conflict[] = [];
  if (funding.includes('cpf') && routes.has('cpf')) found.push('sameCpf');
  if (training && time.includes('none_now')) found.push('noTrainingTime');
  else if (training && constraints.some((c) => c === 'availability' || c === 'working_hours' || c === 'part_time')) found.push('timeConstraints');
  if (training && (mobility.includes('none') || constraints.includes('distance'))) found.push('mobility');
  return found;
}
