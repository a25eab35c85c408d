/**
 * Job recognition benchmark (part of `npm run bench`): loading data/occupations/ (jobs.json, job-language.json),
 * building both languages' title indexes and fiche texts (warm-up, done after the server is listening), then the
 * latency of recognising the jobs named in one answer, over every answer of the occupation evaluation sets, and of
 * ranking occupations for one profile. Rounds after WARM_UP_ROUNDS are timed. Ends with one `JOBS {json}` line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../src/core/locale.js';

const importStart = performance.now();
const { loadOccupationRanker } = await import('../src/infra/jobs/load-occupation-ranker.js');
const importMs = performance.now() - importStart;

const ROUNDS = process.env.BENCH_QUICK === '1' ? 3 : 30;
const WARM_UP_ROUNDS = 3;
const FIELDS = { career_path: 'careerPath', current_missions: 'currentMissions', more_of: 'moreOf', less_of: 'lessOf', targets: 'targets', outside_work: 'outsideWork' } as const;

const profiles = ['dev', 'own'].flatMap((set) =>
  readFileSync(join(import.meta.dirname, `../data/occupations-eval/${set}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { lang: Locale; answers: Record<string, string> })
    .map(({ lang, answers }) => ({
      locale: lang,
      answers: Object.fromEntries(Object.entries(FIELDS).map(([field, name]) => [name, answers[field] ?? ''])),
    })),
);
const answers = profiles.flatMap(({ locale, answers: a }) => Object.values(a).map((text: string) => ({ locale, text })));

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

function latencies<T>(items: readonly T[], run: (item: T) => unknown): { p50: number; p99: number } {
  const samples: number[] = [];
  for (let round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
    for (const item of items) {
      const [, ms] = timed(() => run(item));
      if (round >= WARM_UP_ROUNDS) samples.push(ms);
    }
  }
  samples.sort((a, b) => a - b);
  const at = (p: number): number => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? 0;
  return { p50: at(50), p99: at(99) };
}

const [{ catalog, ranker }, loadMs] = timed(() => loadOccupationRanker());
const [, warmUpMs] = timed(() => catalog.warmUp());
const recognise = latencies(answers, ({ text, locale }) => catalog.recognise(text, locale));
const rank = latencies(profiles, ({ answers: a, locale }) => ranker.rank({ answers: a, locale, skillIds: [], limit: 5 }));

const round3 = (n: number): number => Math.round(n * 1000) / 1000;
console.log(`answers: ${answers.length}, profiles: ${profiles.length}, × ${ROUNDS} rounds after ${WARM_UP_ROUNDS} untimed`);
console.log(`job modules import: ${importMs.toFixed(1)} ms; data load: ${loadMs.toFixed(1)} ms; warm-up (title indexes, fiche texts, both languages): ${warmUpMs.toFixed(1)} ms`);
console.log(`recognise jobs per answer: p50 ${recognise.p50.toFixed(3)} ms, p99 ${recognise.p99.toFixed(3)} ms`);
console.log(`rank occupations per profile: p50 ${rank.p50.toFixed(3)} ms, p99 ${rank.p99.toFixed(3)} ms`);
console.log(
  `JOBS ${JSON.stringify({
    job_answers: answers.length,
    job_recognise_p50_ms: round3(recognise.p50),
    job_recognise_p99_ms: round3(recognise.p99),
    occupation_rank_p50_ms: round3(rank.p50),
    occupation_rank_p99_ms: round3(rank.p99),
    job_data_load_ms: round3(loadMs),
    job_warm_up_ms: round3(warmUpMs),
  })}`,
);
