/**
 * Skill-extraction benchmark: `npm run bench`.
 *
 * Measures, in one process: the import of the extractor's modules, the taxonomy load (loadSkillExtractor(): lexicons and the French index), the warm-up
 * that builds the rest (English index, display labels), the heap taken by the loaded extractor, and extraction
 * latency per answer over the dev answers repeated. The first round (first-use caches) and the next WARM_UP_ROUNDS
 * (V8 is still compiling and deoptimising: most slow samples fall there) are reported apart; the timed rounds
 * after them are what a running server sees. Machines are noisy, so every figure comes with a baseline measured in the same run: reading the data files
 * without building anything, and a tokenize-only pass over the same answers. Ends with one `BENCH {json}` line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { toLocale } from '../src/core/locale.js';

// Imported here, timed: the extractor's modules, natural's stemmers and Jaro-Winkler among them (file by file).
const importStart = performance.now();
const { DEFAULT_SKILLS_DATA_DIR, loadSkillExtractor } = await import('../src/infra/skills/load-skill-extractor.js');
const { tokenize } = await import('../src/infra/skills/tokenizer.js');
const importMs = performance.now() - importStart;

const ROUNDS = 20;
const WARM_UP_ROUNDS = 5;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapMb(): number {
  collectGarbage();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 2 ** 20;
}

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function latencies(answers: readonly { text: string; locale: 'fr' | 'en' }[], run: (text: string, locale: 'fr' | 'en') => unknown, rounds = ROUNDS): { p50: number; p99: number; mean: number } {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const { text, locale } of answers) samples.push(timed(() => run(text, locale))[1]);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

const answers = readFileSync(join(import.meta.dirname, '../data/skills-eval/dev.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { lang: string; answer: string })
  .map((gold) => ({ text: gold.answer, locale: toLocale(gold.lang) ?? 'fr' }));

const dataFiles = readdirSync(DEFAULT_SKILLS_DATA_DIR).filter((name) => name.endsWith('.json'));
const [, readFilesMs] = timed(() => dataFiles.forEach((name) => JSON.parse(readFileSync(join(DEFAULT_SKILLS_DATA_DIR, name), 'utf8')) as unknown));
const heapBefore = heapMb();
const [extractor, loadMs] = timed(() => loadSkillExtractor());
const [, warmUpMs] = timed(() => extractor.warmUp());
const indexHeapMb = heapMb() - heapBefore;
const [, firstRoundMs] = timed(() => answers.forEach(({ text, locale }) => extractor.extract(text, locale)));

const warmingUp = latencies(answers, (text, locale) => extractor.extract(text, locale), WARM_UP_ROUNDS);
const tokenizeOnly = latencies(answers, (text) => tokenize(text));
const extract = latencies(answers, (text, locale) => extractor.extract(text, locale));

const round3 = (n: number): number => Math.round(n * 1000) / 1000;
const ratio = (a: number, b: number): number => round3(b === 0 ? 0 : a / b);
console.log(`answers: ${answers.length} × ${ROUNDS} rounds, after ${String(1 + WARM_UP_ROUNDS)} untimed`);
console.log(`modules import (natural's stemmers and distance included): ${importMs.toFixed(1)} ms`);
console.log(`taxonomy load: ${loadMs.toFixed(1)} ms; warm-up (English index, display labels): ${warmUpMs.toFixed(1)} ms; reading the data files alone: ${readFilesMs.toFixed(1)} ms (load + warm-up × ${ratio(loadMs + warmUpMs, readFilesMs)})`);
console.log(`first round (untimed below): ${(firstRoundMs / answers.length).toFixed(3)} ms per answer`);
console.log(`index in memory: ${indexHeapMb.toFixed(1)} MB (heap + array buffers)`);
console.log(`while V8 warms up (rounds 2 to ${String(WARM_UP_ROUNDS + 1)}, untimed below): p50 ${warmingUp.p50.toFixed(3)} ms, p99 ${warmingUp.p99.toFixed(3)} ms per answer`);
console.log(`extract per answer: p50 ${extract.p50.toFixed(3)} ms, p99 ${extract.p99.toFixed(3)} ms, mean ${extract.mean.toFixed(3)} ms`);
console.log(`tokenize only:      p50 ${tokenizeOnly.p50.toFixed(3)} ms, p99 ${tokenizeOnly.p99.toFixed(3)} ms (extract is × ${ratio(extract.p50, tokenizeOnly.p50)} at p50, × ${ratio(extract.p99, tokenizeOnly.p99)} at p99)`);
const figures = {
  answers: answers.length,
  rounds: ROUNDS,
  extract_p50_ms: round3(extract.p50),
  extract_p99_ms: round3(extract.p99),
  extract_mean_ms: round3(extract.mean),
  module_import_ms: round3(importMs),
  taxonomy_load_ms: round3(loadMs),
  warm_up_ms: round3(warmUpMs),
  first_round_mean_ms: round3(firstRoundMs / answers.length),
  jit_warm_up_rounds: WARM_UP_ROUNDS,
  jit_warm_up_extract_p99_ms: round3(warmingUp.p99),
  index_heap_mb: round3(indexHeapMb),
  baseline_tokenize_p50_ms: round3(tokenizeOnly.p50),
  baseline_tokenize_p99_ms: round3(tokenizeOnly.p99),
  baseline_read_files_ms: round3(readFilesMs),
  extract_vs_tokenize_p50: ratio(extract.p50, tokenizeOnly.p50),
  extract_vs_tokenize_p99: ratio(extract.p99, tokenizeOnly.p99),
  load_vs_read_files: ratio(loadMs + warmUpMs, readFilesMs),
};
console.log(`BENCH ${JSON.stringify(figures)}`);
