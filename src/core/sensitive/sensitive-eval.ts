import { SENSITIVE_CATEGORIES, type SensitiveDetector, type SensitiveFinding } from './sensitive-detector.js';

/** One hand-labelled sentence of data/sensitive/eval.jsonl. */
export interface EvalCase {
  readonly lang: 'fr' | 'en';
  readonly text: string;
  readonly expect: 'none' | 'distress' | (typeof SENSITIVE_CATEGORIES)[number];
}

export interface Score {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
}

export interface EvalReport {
  /** Flagged (distress or personal) vs not flagged. */
  readonly flagged: Score;
  /** Per label: distress and each category. */
  readonly byLabel: Readonly<Record<string, Score>>;
  readonly misses: readonly EvalCase[];
  readonly falseAlarms: readonly { readonly case: EvalCase; readonly finding: SensitiveFinding }[];
}

function labelsOf(finding: SensitiveFinding | undefined): string[] {
  if (!finding) return [];
  return finding.type === 'distress' ? ['distress'] : [...finding.categories];
}

function score(tp: number, fp: number, fn: number): Score {
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

/** Scores the detector on labelled sentences: precision and recall of flagging, and per label. */
export function evaluateDetector(detector: SensitiveDetector, cases: readonly EvalCase[]): EvalReport {
  const results = cases.map((c) => ({ case: c, finding: detector.detect(c.text) }));
  const flaggedTp = results.filter((r) => r.case.expect !== 'none' && r.finding).length;
  const flaggedFp = results.filter((r) => r.case.expect === 'none' && r.finding).length;
  const flaggedFn = results.filter((r) => r.case.expect !== 'none' && !r.finding).length;
  const byLabel = Object.fromEntries(
    ['distress', ...SENSITIVE_CATEGORIES].map((label) => {
      const tp = results.filter((r) => r.case.expect === label && labelsOf(r.finding).includes(label)).length;
      const fp = results.filter((r) => r.case.expect !== label && labelsOf(r.finding).includes(label)).length;
      const fn = results.filter((r) => r.case.expect === label && !labelsOf(r.finding).includes(label)).length;
      return [label, score(tp, fp, fn)];
    }),
  );
  return {
    flagged: score(flaggedTp, flaggedFp, flaggedFn),
    byLabel,
    misses: results.filter((r) => r.case.expect !== 'none' && !labelsOf(r.finding).includes(r.case.expect)).map((r) => r.case),
    falseAlarms: results.flatMap((r) => (r.finding && r.case.expect === 'none' ? [{ case: r.case, finding: r.finding }] : [])),
  };
}
