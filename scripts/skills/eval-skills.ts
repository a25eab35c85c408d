/**
 * Scores the skill extractor on a gold file (data/skills-eval/README.md, "Scoring rule").
 *
 *   npm run eval:skills [-- path/to/gold.jsonl] [--half A|B] [--details]
 *
 * --half A or B keeps every other answer of each language (A: 1st, 3rd…; B: 2nd, 4th…), to tune on one half
 * and check on the other. --details lists, per answer, wrong predictions and missed must concepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toLocale } from '../../src/core/locale.js';
import { DEFAULT_SKILLS_DATA_DIR, loadSkillExtractor } from '../../src/infra/skills/load-skill-extractor.js';
import { readTaxonomyRows } from '../../src/infra/skills/taxonomy-files.js';
import { addCounts, metricsOf, scoreAnswer, ZERO, type Counts, type GoldAnswer } from './eval-scoring.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const goldPath = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--half') ?? join(import.meta.dirname, '../../data/skills-eval/dev.jsonl');
const half = option('--half')?.toUpperCase();
const details = args.includes('--details');

const gold = readFileSync(goldPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as GoldAnswer);
const seenPerLanguage = new Map<string, number>();
const selected = gold.filter((answer) => {
  const rank = seenPerLanguage.get(answer.lang) ?? 0;
  seenPerLanguage.set(answer.lang, rank + 1);
  return half === undefined || (half === 'A') === (rank % 2 === 0);
});

const macros = new Map(readTaxonomyRows(DEFAULT_SKILLS_DATA_DIR).filter((row) => row[2] !== '').map((row) => [row[0], row[2]]));
const extractor = loadSkillExtractor();
const totals = new Map<string, Counts>();
for (const answer of selected) {
  const predictions = extractor.extract(answer.answer, toLocale(answer.lang) ?? 'fr');
  const score = scoreAnswer(answer, predictions.map((p) => p.id), (id) => macros.get(id));
  totals.set(answer.lang, addCounts(totals.get(answer.lang) ?? ZERO, score.counts));
  if (details) {
    const wrong = predictions.filter((p) => score.verdicts.get(p.id) !== 'correct').map((p) => `${score.verdicts.get(p.id) ?? ''}: ${p.label} [${p.evidence.join(' ')}]`);
    const missed = score.missedMust.map((c) => `missed: ${c.label_fr ?? c.label_en ?? ''}`);
    if (wrong.length + missed.length > 0) console.log(`${answer.id}\n  ${[...wrong, ...missed].join('\n  ')}`);
  }
}
totals.set('all', [...totals.values()].reduce(addCounts, ZERO));

const pct = (value: number): string => value.toFixed(3);
console.log(`gold: ${goldPath}${half ? ` (half ${half})` : ''}`);
console.log('lang  answers  predictions  correct  precision  recall  negation-error-rate');
for (const [lang, counts] of totals) {
  const m = metricsOf(counts);
  const cells = [lang.padEnd(4), String(counts.answers).padStart(7), String(counts.predictions).padStart(12), String(counts.correct).padStart(8)];
  console.log(`${cells.join(' ')}  ${pct(m.precision).padStart(9)}  ${pct(m.recall).padStart(6)}  ${pct(m.negationErrorRate).padStart(7)} (${counts.negatedReported}/${counts.negated})`);
}
