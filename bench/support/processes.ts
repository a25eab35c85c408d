import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A server started as its users start it, in its own process. */
export interface ServerProcess {
  readonly url: string;
  /** From spawn to the "ready" line, in ms. */
  readonly startupMs: number;
  /** From spawn to the first line `laterLine` recognises (resolves once seen). */
  later(): Promise<number>;
  rssMb(): number;
  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/**
 * Spawns `node args…` in the project root with only `env` (plus PATH/HOME) and waits for the line that
 * `readyUrl` recognises (it returns the server's URL).
 */
export function startServer(
  args: readonly string[],
  env: Record<string, string>,
  readyUrl: (line: string) => string | undefined,
  laterLine: (line: string) => boolean = () => false,
): Promise<ServerProcess> {
  const started = performance.now();
  let laterMs: ((ms: number) => void) | undefined;
  const later = new Promise<number>((resolve) => (laterMs = resolve));
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${String(code)}) before ready:\n${stderr}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const url = readyUrl(line);
        if (url) resolve(serverProcess(child, url, performance.now() - started, later));
        if (laterLine(line)) laterMs?.(performance.now() - started);
      }
    });
  });
}

function serverProcess(child: ChildProcess, url: string, startupMs: number, later: Promise<number>): ServerProcess {
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const pid = child.pid ?? 0;
  return {
    url,
    startupMs,
    later: () => later,
    rssMb: () => residentMb(pid),
    cpuMs: () => cpuTimeMs(pid),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident set size of a process, from /proc (Linux). */
function residentMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/** utime + stime of a process, from /proc (Linux; fields 14 and 15 of stat, in clock ticks of 10 ms). */
function cpuTimeMs(pid: number): number {
  const afterName = readFileSync(`/proc/${String(pid)}/stat`, 'utf8').split(') ')[1] ?? '';
  const fields = afterName.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** This run's data encryption key, shared by the bot and the seeding (bench/support/seed.ts). */
export const BENCH_DATA_KEY = randomBytes(32).toString('base64');

/** The bot as `npm start` runs it (compiled), anonymous, on any free port; ready when it logs its URL. */
export function startBilan(dataDir: string): Promise<ServerProcess> {
  const env = { PORT: '0', STORAGE: 'lowdb', DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: BENCH_DATA_KEY, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info', REMINDER_AFTER_DAYS: '0', DOTENV_CONFIG_QUIET: 'true' };
  return startServer(
    ['dist/main.js'],
    env,
    (line) => (line.includes('Bilan bot is ready') ? (JSON.parse(line) as { url?: string }).url : undefined),
    (line) => line.includes('skill and occupation data loaded'),
  );
}

/** The echo baseline (bench/support/echo-bot.ts) on the same stack. */
export function startEcho(dataDir: string): Promise<ServerProcess> {
  return startServer(['--import', 'tsx/esm', 'bench/support/echo-bot.ts'], { DATA_DIR: dataDir }, (line) =>
    line.startsWith('READY ') ? line.slice('READY '.length).trim() : undefined,
  );
}

/** A bare Node HTTP server, to tell Node's own start from the bot's. */
export function startBareNode(): Promise<ServerProcess> {
  const script = "require('node:http').createServer().listen(0,'127.0.0.1',function(){console.log('READY http://127.0.0.1:'+this.address().port)})";
  return startServer(['-e', script], {}, (line) => (line.startsWith('READY ') ? line.slice(6).trim() : undefined));
}
