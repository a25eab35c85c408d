/**
 * Turn benchmark (part of `npm run bench`): the cost of a Bilan turn against an echo bot on the same stack.
 *
 * Everything runs on loopback, each server in its own process started as users start it (the bot compiled,
 * `node dist/main.js`). Figures, each with its baseline from the same run:
 * - startup to ready (median of STARTS) against a bare Node HTTP server;
 * - turn latency p50/p99, one turn at a time, of the bilan bot answering the investigation's first
 *   skill-extracting question (extraction + storage) with 1k and with 100k users stored, and of the echo bot
 *   with its conversation state on the same storage. The three servers run side by side and take turns in
 *   rotation (echo, 1k, 100k, then 1k, 100k, echo…), so a machine that slows down or speeds up during the run
 *   moves every figure alike instead of skewing a ratio;
 * - the CPU time each server used per timed turn (all threads, from /proc: fsync waits are not in it);
 * - throughput (THROUGHPUT_CONCURRENCY in flight), echo then bilan, in alternating blocks;
 * - resident memory idle, and per 1,000 conversations that have had turns.
 * Prints `TURNS {json}` last.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BilanRecord } from '../src/core/bilan/bilan-record.js';
import { ratio, round3, median, runConcurrently, summarize, type Latencies } from './support/measure.js';
import { startBareNode, startBilan, startEcho, type ServerProcess } from './support/processes.js';
import { cloneUsers, seedTemplateUser } from './support/seed.js';
import { turn, userId } from './support/turns.js';

const quick = process.env['BENCH_QUICK'] === '1';
const STARTS = quick ? 2 : 5;
const WARM_UP_TURNS = quick ? 20 : 100;
const LATENCY_TURNS = quick ? 100 : 500;
const THROUGHPUT_BLOCKS = quick ? 2 : 4;
const THROUGHPUT_BLOCK_TURNS = quick ? 100 : 250;
const THROUGHPUT_CONCURRENCY = 8;
const SMALL_STORE = 1_000;
const LARGE_STORE = quick ? 10_000 : 100_000;
const ANSWER = "Je gère l'équipe de vente, je prépare les plannings, je fais les inventaires et je conseille les clients sur les produits.";

/** Lets a server finish what it does right after listening (the skill indexes, loaded in the background). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

const scratch = mkdtempSync(join(tmpdir(), 'bilan-bench-'));
const log = (line: string) => process.stdout.write(`${line}\n`);
const ids = (prefix: string, count: number, from = 0) => Array.from({ length: count }, (_, i) => userId(prefix, from + i));

interface TurnCost extends Latencies {
  /** CPU time the server process used per timed turn (all its threads), in ms. */
  readonly cpuMsPerTurn: number;
}

/**
 * One timed answer per user on every server, servers in rotation. Each user first has an untimed turn (a
 * resume for the bilan bot, the first message for the echo bot). Returns one summary per server, by name.
 */
async function interleavedLatencies<Name extends string>(servers: Record<Name, ServerProcess>, prefix: string, count: number): Promise<Record<Name, TurnCost>> {
  const runs = (Object.entries(servers) as [Name, ServerProcess][]).map(([name, server]) => ({ name, server, samples: [] as number[], cpuBefore: 0 }));
  for (let i = 0; i < count; i++) {
    for (const { server } of runs) await turn(server.url, userId(prefix, i), 'bonjour');
  }
  for (const run of runs) run.cpuBefore = run.server.cpuMs();
  for (let i = 0; i < count; i++) {
    for (const run of [...runs.slice(i % runs.length), ...runs.slice(0, i % runs.length)]) {
      const start = performance.now();
      await turn(run.server.url, userId(prefix, i), ANSWER);
      run.samples.push(performance.now() - start);
    }
  }
  const costs = runs.map(({ name, server, samples, cpuBefore }) => [name, { ...summarize(samples), cpuMsPerTurn: (server.cpuMs() - cpuBefore) / count }]);
  return Object.fromEntries(costs) as Record<Name, TurnCost>;
}

/** Wall time of one answer each from `users`, THROUGHPUT_CONCURRENCY at once (after an untimed first turn each). */
async function loadWallMs(server: ServerProcess, users: readonly string[]): Promise<number> {
  await runConcurrently(users.map((id) => () => turn(server.url, id, 'bonjour')), THROUGHPUT_CONCURRENCY);
  return runConcurrently(users.map((id) => () => turn(server.url, id, ANSWER)), THROUGHPUT_CONCURRENCY);
}

/** Echo and bilan turns per second, in alternating blocks so both see the same machine. */
async function alternatingThroughput(echo: ServerProcess, bilan: ServerProcess): Promise<{ echo: number; bilan: number }> {
  const wallMs = { echo: 0, bilan: 0 };
  for (let block = 0; block < THROUGHPUT_BLOCKS; block++) {
    const users = ids('load', THROUGHPUT_BLOCK_TURNS, block * THROUGHPUT_BLOCK_TURNS);
    wallMs.echo += await loadWallMs(echo, users);
    wallMs.bilan += await loadWallMs(bilan, users);
  }
  const turns = THROUGHPUT_BLOCKS * THROUGHPUT_BLOCK_TURNS;
  return { echo: (turns / wallMs.echo) * 1000, bilan: (turns / wallMs.bilan) * 1000 };
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

/** Seeds `dataDir` with `total` copies of `template`: the `measured` users, then fillers. */
async function storeOf(dataDir: string, template: BilanRecord, measured: readonly string[], total: number): Promise<void> {
  const started = performance.now();
  await cloneUsers(dataDir, template, measured);
  await cloneUsers(dataDir, template, ids('filler', Math.max(0, total - measured.length)));
  log(`bilan: ${String(total)} users stored (seeding took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

async function turnFigures() {
  const smallDir = join(scratch, 'bilan-1k');
  const largeDir = join(scratch, 'bilan-100k');
  const echo = await startEcho(join(scratch, 'echo'));
  const small = await startBilan(smallDir);
  await settle();
  const rssIdleMb = small.rssMb();
  const template = await seedTemplateUser(small.url, smallDir, 'bench-template');
  const measured = [...ids('warm', WARM_UP_TURNS), ...ids('timed', LATENCY_TURNS)];
  await storeOf(smallDir, template, measured, SMALL_STORE - 1);
  await storeOf(largeDir, template, measured, LARGE_STORE);
  const large = await startBilan(largeDir);
  await settle();

  await interleavedLatencies({ echo, small, large }, 'warm', WARM_UP_TURNS);
  const latency = await interleavedLatencies({ echo, small, large }, 'timed', LATENCY_TURNS);
  await large.stop();

  await cloneUsers(smallDir, template, ids('load', THROUGHPUT_BLOCKS * THROUGHPUT_BLOCK_TURNS));
  const perSecond = await alternatingThroughput(echo, small);
  const active = WARM_UP_TURNS + LATENCY_TURNS + THROUGHPUT_BLOCKS * THROUGHPUT_BLOCK_TURNS;
  const rssPerThousandMb = ((small.rssMb() - rssIdleMb) / active) * 1000;
  await Promise.all([echo.stop(), small.stop()]);
  return { ...latency, perSecond, rssIdleMb, rssPerThousandMb };
}

try {
  const bareStartupMs = (await startupTimes(startBareNode, false)).readyMs;
  const { readyMs: startupMs, dataMs } = await startupTimes(() => startBilan(join(scratch, 'startup')), true);
  log(`startup to ready: ${startupMs.toFixed(0)} ms (bare Node HTTP server: ${bareStartupMs.toFixed(0)} ms, × ${ratio(startupMs, bareStartupMs)}); skill data loaded in the background at ${dataMs.toFixed(0)} ms`);
  const t = await turnFigures();
  const show = (name: string, l: TurnCost) =>
    log(`${name}: p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms, mean ${l.mean.toFixed(2)} ms, CPU ${l.cpuMsPerTurn.toFixed(2)} ms per turn (${String(l.count)} turns)`);
  show('echo turn', t.echo);
  show(`bilan turn, ${String(SMALL_STORE)} users stored`, t.small);
  show(`bilan turn, ${String(LARGE_STORE)} users stored`, t.large);
  log(`throughput at ${String(THROUGHPUT_CONCURRENCY)} in flight: echo ${t.perSecond.echo.toFixed(0)}/s, bilan ${t.perSecond.bilan.toFixed(0)}/s`);
  log(`RSS: idle ${t.rssIdleMb.toFixed(0)} MB, + ${t.rssPerThousandMb.toFixed(1)} MB per 1,000 active conversations`);
  const figures = {
    startup_ms: round3(startupMs),
    baseline_node_startup_ms: round3(bareStartupMs),
    startup_vs_node: ratio(startupMs, bareStartupMs),
    skill_data_loaded_ms: round3(dataMs),
    echo_p50_ms: round3(t.echo.p50),
    echo_p99_ms: round3(t.echo.p99),
    bilan_p50_ms: round3(t.small.p50),
    bilan_p99_ms: round3(t.small.p99),
    bilan_vs_echo_p50: ratio(t.small.p50, t.echo.p50),
    bilan_vs_echo_p99: ratio(t.small.p99, t.echo.p99),
    echo_cpu_ms_per_turn: round3(t.echo.cpuMsPerTurn),
    bilan_cpu_ms_per_turn: round3(t.small.cpuMsPerTurn),
    bilan_vs_echo_cpu: ratio(t.small.cpuMsPerTurn, t.echo.cpuMsPerTurn),
    echo_turns_per_s: round3(t.perSecond.echo),
    bilan_turns_per_s: round3(t.perSecond.bilan),
    bilan_vs_echo_throughput: ratio(t.perSecond.bilan, t.perSecond.echo),
    stored_users_small: SMALL_STORE,
    stored_users_large: LARGE_STORE,
    stored_large_p50_ms: round3(t.large.p50),
    stored_large_p99_ms: round3(t.large.p99),
    stored_100k_vs_1k: ratio(t.large.p50, t.small.p50),
    stored_100k_vs_1k_p99: ratio(t.large.p99, t.small.p99),
    rss_idle_mb: round3(t.rssIdleMb),
    rss_per_1000_active_mb: round3(t.rssPerThousandMb),
  };
  log(`TURNS ${JSON.stringify(figures)}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
