/**
 * Scores occupation suggestion on an annotated set (rule: ../shared/occupations-eval/README.md):
 *
 *   npm run eval:occupations [gold.jsonl]   (default: data/occupations-eval/dev.jsonl)
 *
 * Prints, per language and overall: job_recognition (a gold current fiche among the first 2 jobs), hit_at_1,
 * hit_at_5, contradiction (a gold avoid fiche among the first 5), english_labels (EN: proposed labels that are not
 * the French ROME title); then one line per profile that misses.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadOccupationRanker } from '../../src/infra/jobs/load-occupation-ranker.js';
import { loadSkillExtractor } from '../../src/infra/skills/load-skill-extractor.js';
import { parseProfileLine, type ProfileLine } from './profile-line.js';
import { suggestLine, type SuggestLine } from './suggest-profiles.js';

const goldPath = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../../data/occupations-eval/dev.jsonl'));
const profiles: ProfileLine[] = [];
readFileSync(goldPath, 'utf8')
  .split('\n')
  .forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseProfileLine(line);
    if (!parsed.ok || !parsed.value.gold) throw new Error(`${goldPath}: line ${i + 1}: ${parsed.ok ? 'no "gold"' : parsed.problem}`);
    profiles.push(parsed.value);
  });

const { ranker, catalog } = loadOccupationRanker();
const extractor = loadSkillExtractor();
const results = profiles.map((profile) => ({ profile, out: suggestLine(profile, ranker, extractor) }));

interface Scores {
  profiles: number;
  job_recognition: number;
  hit_at_1: number;
  hit_at_5: number;
  contradiction: number;
  english_labels?: number;
}

function score(rows: { profile: ProfileLine; out: SuggestLine }[], lang?: string): Scores {
  const n = rows.length || 1;
  const share = (test: (r: { profile: ProfileLine; out: SuggestLine }) => boolean): number => Math.round((rows.filter(test).length / n) * 1000) / 1000;
  const gold = (r: { profile: ProfileLine }) => r.profile.gold ?? { current: [], acceptable: [], avoid: [] };
  const scores: Scores = {
    profiles: rows.length,
    job_recognition: share((r) => r.out.jobs.slice(0, 2).some((j) => gold(r).current.includes(j.code))),
    hit_at_1: share((r) => gold(r).acceptable.includes(r.out.occupations[0]?.code ?? '')),
    hit_at_5: share((r) => r.out.occupations.slice(0, 5).some((o) => gold(r).acceptable.includes(o.code))),
    contradiction: share((r) => r.out.occupations.slice(0, 5).some((o) => gold(r).avoid.includes(o.code))),
  };
  if (lang !== 'fr') {
    const labels = rows.filter((r) => r.profile.lang === 'en').flatMap((r) => r.out.occupations.map((o) => o.label !== catalog.fiche(o.code)?.fr));
    if (labels.length > 0) scores.english_labels = Math.round((labels.filter(Boolean).length / labels.length) * 1000) / 1000;
  }
  return scores;
}

const report = {
  gold: goldPath,
  fr: score(results.filter((r) => r.profile.lang === 'fr'), 'fr'),
  en: score(results.filter((r) => r.profile.lang === 'en'), 'en'),
  overall: score(results),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
for (const { profile, out } of results) {
  const gold = profile.gold ?? { current: [], acceptable: [], avoid: [] };
  const codes = out.occupations.map((o) => o.code);
  const flags = [
    out.jobs.slice(0, 2).some((j) => gold.current.includes(j.code)) ? '' : `job? ${out.jobs.map((j) => j.code).join(' ')} ≠ ${gold.current.join(' ')}`,
    codes.some((c) => gold.acceptable.includes(c)) ? (gold.acceptable.includes(codes[0] ?? '') ? '' : 'hit@5 only') : `miss (want ${gold.acceptable.join(' ')})`,
    codes.some((c) => gold.avoid.includes(c)) ? `avoid ${codes.filter((c) => gold.avoid.includes(c)).join(' ')}` : '',
  ].filter((f) => f !== '');
  if (flags.length > 0) process.stdout.write(`${profile.id}: ${codes.join(' ')} — ${flags.join('; ')}\n`);
}
