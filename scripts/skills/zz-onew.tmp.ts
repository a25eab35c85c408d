import { readFileSync } from 'node:fs';
import { toLocale } from '../../src/core/locale.js';
import { DEFAULT_SKILLS_DATA_DIR, loadSkillExtractor } from '../../src/infra/skills/load-skill-extractor.js';
import { readTaxonomyRows } from '../../src/infra/skills/taxonomy-files.js';
import { scoreAnswer, type GoldAnswer } from '../../scripts/skills/eval-scoring.js';
const macros = new Map(readTaxonomyRows(DEFAULT_SKILLS_DATA_DIR).filter((row) => row[2] !== '').map((row) => [row[0], row[2]]));
const hand = new Set((JSON.parse(readFileSync('/work/wt-h15x/data/skills/activities.json', 'utf8')).skills as { id: string }[]).map((s) => s.id));
const ex = loadSkillExtractor();
const tally = new Map<string, [number, number]>();
for (const f of process.argv.slice(2)) for (const line of readFileSync(f, 'utf8').split('\n').filter(Boolean)) {
  const a = JSON.parse(line) as GoldAnswer;
  const p = ex.extract(a.answer, toLocale(a.lang) ?? 'fr');
  const s = scoreAnswer(a, p.map((x) => x.id), (id) => macros.get(id));
  for (const m of p) {
    const kind = hand.has(m.id) ? (m.evidence.length === 1 ? 'hand-1' : 'hand-n') : m.evidence.length === 1 ? 'other-1' : 'other-n';
    const t = tally.get(kind) ?? [0, 0];
    t[s.verdicts.get(m.id) === 'correct' ? 0 : 1]++;
    if (kind === 'hand-1') console.log(s.verdicts.get(m.id) === 'correct' ? 'OK ' : 'BAD', m.evidence.join(' '), '|', a.answer.slice(0, 110));
    tally.set(kind, t);
  }
}
console.log([...tally].map(([k, [c, w]]) => `${k}: ${c} correct, ${w} wrong (${(c / (c + w)).toFixed(2)})`).join('\n'));
