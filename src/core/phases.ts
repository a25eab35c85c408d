/** The three legal phases of a bilan de compétences (Code du travail R6313-4), in order. */
export const PHASES = ['preliminaire', 'investigation', 'conclusion'] as const;

export type PhaseId = (typeof PHASES)[number];

export function isPhaseId(value: unknown): value is PhaseId {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value);
}

/** The phase after `phase`, or undefined after the last one. */
export function nextPhase(phase: PhaseId): PhaseId | undefined {
  return PHASES[PHASES.indexOf(phase) + 1];
}
