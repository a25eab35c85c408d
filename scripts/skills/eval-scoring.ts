/** The scoring rule of data/skills-eval/README.md ("Scoring rule"), as pure functions. */

export interface GoldConcept {
  readonly label_fr?: string;
  readonly label_en?: string;
  readonly kind?: string;
  readonly ids: readonly string[];
}

export interface GoldAnswer {
  readonly id: string;
  readonly lang: string;
  readonly answer: string;
  readonly must: readonly GoldConcept[];
  readonly ok: readonly GoldConcept[];
  readonly negated: readonly GoldConcept[];
}

export interface Counts {
  readonly answers: number;
  readonly predictions: number;
  readonly correct: number;
  readonly negationErrors: number;
  readonly falsePositives: number;
  readonly must: number;
  readonly mustFound: number;
  readonly negated: number;
  readonly negatedReported: number;
}

export interface Metrics {
  readonly precision: number;
  readonly recall: number;
  readonly negationErrorRate: number;
}

export type Verdict = 'correct' | 'negation-error' | 'false-positive';

export interface AnswerScore {
  readonly counts: Counts;
  readonly verdicts: ReadonlyMap<string, Verdict>;
  readonly missedMust: readonly GoldConcept[];
}

export const ZERO: Counts = { answers: 0, predictions: 0, correct: 0, negationErrors: 0, falsePositives: 0, must: 0, mustFound: 0, negated: 0, negatedReported: 0 };

/**
 * Scores one answer. `macroOf` gives the ROME macro-compétence of a ROME compétence: a prediction that matches
 * no concept directly rolls up to it.
 */
export function scoreAnswer(gold: GoldAnswer, predictedIds: readonly string[], macroOf: (id: string) => string | undefined): AnswerScore {
  const concepts = [...gold.must, ...gold.ok, ...gold.negated];
  const conceptsWith = (id: string): GoldConcept[] => concepts.filter((c) => c.ids.includes(id));
  const mustFound = new Set<GoldConcept>();
  const negatedReported = new Set<GoldConcept>();
  const verdicts = new Map<string, Verdict>();
  for (const id of new Set(predictedIds)) {
    let matched = conceptsWith(id);
    const macro = macroOf(id);
    if (matched.length === 0 && macro !== undefined) matched = conceptsWith(macro);
    const negated = matched.filter((c) => gold.negated.includes(c));
    if (negated.length > 0) {
      negated.forEach((c) => negatedReported.add(c));
      verdicts.set(id, 'negation-error');
    } else if (matched.length > 0) {
      matched.filter((c) => gold.must.includes(c)).forEach((c) => mustFound.add(c));
      verdicts.set(id, 'correct');
    } else {
      verdicts.set(id, 'false-positive');
    }
  }
  const count = (verdict: Verdict): number => [...verdicts.values()].filter((v) => v === verdict).length;
  return {
    counts: {
      answers: 1,
      predictions: verdicts.size,
      correct: count('correct'),
      negationErrors: count('negation-error'),
      falsePositives: count('false-positive'),
      must: gold.must.length,
      mustFound: mustFound.size,
      negated: gold.negated.length,
      negatedReported: negatedReported.size,
    },
    verdicts,
    missedMust: gold.must.filter((c) => !mustFound.has(c)),
  };
}

export function addCounts(a: Counts, b: Counts): Counts {
  const sum: Record<keyof Counts, number> = { ...a };
  for (const key of Object.keys(ZERO) as (keyof Counts)[]) sum[key] = a[key] + b[key];
  return sum;
}

/** Micro-averaged metrics; an empty denominator gives 0 for precision and recall, 0 for the error rate. */
export function metricsOf(counts: Counts): Metrics {
  const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);
  return {
    precision: ratio(counts.correct, counts.predictions),
    recall: ratio(counts.mustFound, counts.must),
    negationErrorRate: ratio(counts.negatedReported, counts.negated),
  };
}
