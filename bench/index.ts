/**
 * `npm run bench`: the skill-extraction benchmark, then the turn benchmark, each in its own process (so one's
 * memory and JIT state do not colour the other). Their output is shown as it comes; the last line is
 * `BENCH {json}`, both results merged. `BENCH_QUICK=1` runs smaller samples (a smoke run, not figures to quote).
 */
import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from './support/processes.js';

function run(script: string, resultPrefix: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx/esm', script], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      process.stdout.write(chunk.replaceAll(/^(BENCH|TURNS|JOBS) .*\n?/gm, ''));
    });
    child.once('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith(`${resultPrefix} `));
      if (code !== 0 || !line) reject(new Error(`${script} failed (exit ${String(code)})`));
      else resolve(JSON.parse(line.slice(resultPrefix.length + 1)) as Record<string, unknown>);
    });
  });
}

process.stdout.write('== skill extraction\n');
const skills = await run('bench/skills.bench.ts', 'BENCH');
process.stdout.write('\n== job recognition\n');
const jobs = await run('bench/jobs.bench.ts', 'JOBS');
process.stdout.write('\n== turns over HTTP\n');
const turns = await run('bench/turns.bench.ts', 'TURNS');
process.stdout.write(`BENCH ${JSON.stringify({ ...turns, ...skills, ...jobs })}\n`);
