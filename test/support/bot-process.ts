import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { within } from './http.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A TCP port that was free a moment ago (listen on 0, read the port, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The bot as users start it (`node src/main.ts` through tsx), in the project root so it reads
 * dialogs/ and locales/ as in production. Only `env` is passed: nothing leaks in from the test run.
 */
export class BotProcess {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stdoutText = '';
  private stderrText = '';
  private readonly waiters: (() => void)[] = [];

  private constructor(
    private readonly child: ChildProcess,
    private readonly ownGroup = false,
  ) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.append('out', chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.append('err', chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** `entry` 'built' runs dist/main.js, the bundle `npm start` runs (build it first). */
  static start(env: Record<string, string>, entry: 'sources' | 'built' = 'sources'): BotProcess {
    const args = entry === 'built' ? ['dist/main.js'] : ['--import', 'tsx/esm', 'src/main.ts'];
    const child = spawn(process.execPath, args, {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new BotProcess(child);
  }

  /**
   * An npm script as a developer runs it (`npm start`, `npm run dev -- …`), in its own process group so that
   * stop() also kills whatever it started, even when the script failed to.
   */
  static npm(args: readonly string[], env: Record<string, string>): BotProcess {
    const child = spawn('npm', [...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    return new BotProcess(child, true);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stdout(): string {
    return this.stdoutText;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Every stdout line, parsed as JSON (throws if a line is not JSON). */
  get logLines(): Record<string, unknown>[] {
    return this.stdoutText
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          throw new Error(`stdout line is not JSON: ${line}`);
        }
      });
  }

  /** Resolves with the first log line matching `predicate`; rejects on exit or after `timeoutMs`. */
  async waitForLog(predicate: (line: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>> {
    const found = () => this.parsedSoFar().find(predicate);
    const wait = new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const line = found();
        if (line) return resolve(line);
        this.waiters.push(check);
      };
      void this.exited.then(({ code, signal }) => {
        const line = found();
        if (line) resolve(line);
        else reject(new Error(`the bot exited (code ${code}, signal ${signal}) before logging the expected line; stderr: ${this.stderrText}`));
      });
      check();
    });
    return within(wait, timeoutMs, 'waiting for a log line');
  }

  /** Stops reading the bot's stdout, as when whatever collected its logs dies: its next writes fail with EPIPE. */
  closeStdout(): void {
    this.child.stdout?.destroy();
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Kills the process if it still runs, and waits (bounded) for it to exit. */
  async stop(): Promise<void> {
    if (this.ownGroup && this.child.pid !== undefined) {
      // The script's own cleanup first (it stops what it started), then everything left in its group.
      this.signalGroup('SIGTERM');
      await within(this.exited, 15_000, 'the script stopping').catch(() => undefined);
      this.signalGroup('SIGKILL');
    }
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await within(this.exited, 5000, 'killing the bot').catch(() => undefined);
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-(this.child.pid ?? 0), signal);
    } catch {
      // the group is gone already
    }
  }

  private append(stream: 'out' | 'err', chunk: string): void {
    if (stream === 'out') this.stdoutText += chunk;
    else this.stderrText += chunk;
    this.waiters.splice(0).forEach((check) => check());
  }

  private parsedSoFar(): Record<string, unknown>[] {
    return this.stdoutText
      .split('\n')
      .slice(0, -1)
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  }
}
