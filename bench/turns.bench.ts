/**
 * Turn benchmark (part of `npm run bench`): the cost of a Bilan turn against an echo bot on the same stack.
 *
 * Everything runs on loopback, each server in its own process started as users start it (the bot compiled,
 * `node dist/main.js`). Figures, each with its baseline from the same run:
 * - startup to ready (median of STARTS) against a bare Node HTTP server;
 * - turn latency p50/p99 (one at a time) and throughput (THROUGHPUT_CONCURRENCY in flight) of the bilan bot
 *   answering the investigation's first skill-extracting question (extraction + storage), against the echo bot
 *   with its conversation state on the same storage;
 * - the same bilan latency with 1k and with 100k users stored;
 * - resident memory idle, and per 1,000 conversations that have had turns.
 * Prints `TURNS {json}` last.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ratio, round3, median, runConcurrently, summarize, type Latencies } from './support/measure.js';
import { startBareNode, startBilan, startEcho, type ServerProcess } from './support/processes.js';
import { cloneUsers, seedTemplateUser } from './support/seed.js';
import { turn, userId } from './support/turns.js';

const quick = process.env['BENCH_QUICK'] === '1';
const STARTS = quick ? 2 : 5;
const WARM_UP_TURNS = quick ? 20 : 100;
const LATENCY_TURNS = quick ? 100 : 500;
const THROUGHPUT_TURNS = quick ? 200 : 1000;
const THROUGHPUT_CONCURRENCY = 8;
const SMALL_STORE = 1_000;
const LARGE_STORE = quick ? 10_000 : 100_000;
const ANSWER = "Je gère l'équipe de vente, je prépare les plannings, je fais les inventaires et je conseille les clients sur les produits.";

/** Lets the server finish what it does right after listening (the second language's skill index). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

const scratch = mkdtempSync(join(tmpdir(), 'bilan-bench-'));
const log = (line: string) => process.stdout.write(`${line}\n`);

/** `count` users, each with one untimed first turn (a resume for the bilan bot), then one timed answer. */
async function latencies(server: ServerProcess, prefix: string, from: number, count: number): Promise<Latencies> {
  const samples: number[] = [];
  for (let i = from; i < from + count; i++) await turn(server.url, userId(prefix, i), 'bonjour');
  for (let i = from; i < from + count; i++) {
    const start = performance.now();
    await turn(server.url, userId(prefix, i), ANSWER);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/** Turns per second with THROUGHPUT_CONCURRENCY users answering at once. */
async function throughput(server: ServerProcess, prefix: string, from: number, count: number): Promise<number> {
  const ids = Array.from({ length: count }, (_, i) => userId(prefix, from + i));
  await runConcurrently(ids.map((id) => () => turn(server.url, id, 'bonjour')), THROUGHPUT_CONCURRENCY);
  const wallMs = await runConcurrently(ids.map((id) => () => turn(server.url, id, ANSWER)), THROUGHPUT_CONCURRENCY);
  return (count / wallMs) * 1000;
}

/** Median time to ready and, for the bot, to its skill data loaded in the background (0 for the bare server). */
async function startupTimes(start: () => Promise<ServerProcess>, waitForData: boolean): Promise<{ readyMs: number; dataMs: number }> {
  const ready: number[] = [];
  const data: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const server = await start();
    ready.push(server.startupMs);
    data.push(waitForData ? await server.later() : 0);
    await server.stop();
  }
  return { readyMs: median(ready), dataMs: median(data) };
}

async function echoFigures() {
  const echo = await startEcho(join(scratch, 'echo'));
  await latencies(echo, 'echo-warm', 0, WARM_UP_TURNS);
  const latency = await latencies(echo, 'echo', 0, LATENCY_TURNS);
  const perSecond = await throughput(echo, 'echo-load', 0, THROUGHPUT_TURNS);
  await echo.stop();
  return { latency, perSecond };
}

async function bilanFigures() {
  const dataDir = join(scratch, 'bilan');
  let bilan = await startBilan(dataDir);
  await settle();
  const rssIdleMb = bilan.rssMb();
  const template = await seedTemplateUser(bilan.url, dataDir, 'bench-template');
  const measured = WARM_UP_TURNS + LATENCY_TURNS + THROUGHPUT_TURNS;
  const at = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => userId(prefix, i));
  await cloneUsers(dataDir, template, [...at('warm', WARM_UP_TURNS), ...at('small', LATENCY_TURNS), ...at('load', THROUGHPUT_TURNS)]);
  await cloneUsers(dataDir, template, at('filler', Math.max(0, SMALL_STORE - measured)));
  log(`bilan: ${String(SMALL_STORE)} users stored`);
  await latencies(bilan, 'warm', 0, WARM_UP_TURNS);
  const small = await latencies(bilan, 'small', 0, LATENCY_TURNS);
  const perSecond = await throughput(bilan, 'load', 0, THROUGHPUT_TURNS);
  const active = WARM_UP_TURNS + LATENCY_TURNS + THROUGHPUT_TURNS;
  const rssPerThousandMb = ((bilan.rssMb() - rssIdleMb) / active) * 1000;
  await bilan.stop();

  const fillers = Math.max(0, SMALL_STORE - measured);
  const grow = LARGE_STORE - SMALL_STORE - WARM_UP_TURNS - LATENCY_TURNS;
  const growStart = performance.now();
  await cloneUsers(dataDir, template, Array.from({ length: grow }, (_, i) => userId('filler', fillers + i)));
  await cloneUsers(dataDir, template, [...at('warm2', WARM_UP_TURNS), ...at('large', LATENCY_TURNS)]);
  log(`bilan: ${String(LARGE_STORE)} users stored (seeding took ${((performance.now() - growStart) / 1000).toFixed(0)} s)`);
  bilan = await startBilan(dataDir);
  await latencies(bilan, 'warm2', 0, WARM_UP_TURNS);
  const large = await latencies(bilan, 'large', 0, LATENCY_TURNS);
  await bilan.stop();
  return { small, large, perSecond, rssIdleMb, rssPerThousandMb };
}

try {
  const bareStartupMs = (await startupTimes(startBareNode, false)).readyMs;
  const { readyMs: startupMs, dataMs } = await startupTimes(() => startBilan(join(scratch, 'startup')), true);
  log(`startup to ready: ${startupMs.toFixed(0)} ms (bare Node HTTP server: ${bareStartupMs.toFixed(0)} ms, × ${ratio(startupMs, bareStartupMs)}); skill data loaded in the background at ${dataMs.toFixed(0)} ms`);
  const echo = await echoFigures();
  const bilan = await bilanFigures();
  const show = (name: string, l: Latencies) => log(`${name}: p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms, mean ${l.mean.toFixed(2)} ms (${String(l.count)} turns)`);
  show('echo turn', echo.latency);
  show(`bilan turn, ${String(SMALL_STORE)} users stored`, bilan.small);
  show(`bilan turn, ${String(LARGE_STORE)} users stored`, bilan.large);
  log(`throughput at ${String(THROUGHPUT_CONCURRENCY)} in flight: echo ${echo.perSecond.toFixed(0)}/s, bilan ${bilan.perSecond.toFixed(0)}/s`);
  log(`RSS: idle ${bilan.rssIdleMb.toFixed(0)} MB, + ${bilan.rssPerThousandMb.toFixed(1)} MB per 1,000 active conversations`);
  const figures = {
    startup_ms: round3(startupMs),
    baseline_node_startup_ms: round3(bareStartupMs),
    startup_vs_node: ratio(startupMs, bareStartupMs),
    skill_data_loaded_ms: round3(dataMs),
    echo_p50_ms: round3(echo.latency.p50),
    echo_p99_ms: round3(echo.latency.p99),
    bilan_p50_ms: round3(bilan.small.p50),
    bilan_p99_ms: round3(bilan.small.p99),
    bilan_vs_echo_p50: ratio(bilan.small.p50, echo.latency.p50),
    bilan_vs_echo_p99: ratio(bilan.small.p99, echo.latency.p99),
    echo_turns_per_s: round3(echo.perSecond),
    bilan_turns_per_s: round3(bilan.perSecond),
    bilan_vs_echo_throughput: ratio(bilan.perSecond, echo.perSecond),
    stored_users_small: SMALL_STORE,
    stored_users_large: LARGE_STORE,
    stored_large_p50_ms: round3(bilan.large.p50),
    stored_100k_vs_1k: ratio(bilan.large.p50, bilan.small.p50),
    stored_100k_vs_1k_p99: ratio(bilan.large.p99, bilan.small.p99),
    rss_idle_mb: round3(bilan.rssIdleMb),
    rss_per_1000_active_mb: round3(bilan.rssPerThousandMb),
  };
  log(`TURNS ${JSON.stringify(figures)}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
