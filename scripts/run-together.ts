/**
 * Runs processes side by side as one command (`npm run dev`, `npm run playground`). SIGINT or SIGTERM stops them
 * all, and so does the exit of any one of them; the command then exits 0 if it was asked to stop and everything stopped cleanly, else with the first
 * failure's code (1 for a process killed by a signal).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Command {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

const FORCE_AFTER_MS = 15_000;

export function runTogether(commands: readonly Command[]): void {
  let stopRequested = false;
  let firstFailure: number | undefined;
  const running = new Set<ChildProcess>();
  const signalAll = (signal: NodeJS.Signals) => {
    for (const child of running) {
      child.kill(signal);
    }
  };
  const stopAll = () => {
    signalAll('SIGTERM');
    setTimeout(() => {
      process.stderr.write(`Still running after ${String(FORCE_AFTER_MS / 1000)} s: killing ${[...running].map((c) => c.spawnfile).join(', ')}\n`);
      signalAll('SIGKILL');
      process.exit(1);
    }, FORCE_AFTER_MS).unref();
  };

  for (const { name, command, args, env } of commands) {
    const child = spawn(command, args, { stdio: 'inherit', env: env ?? process.env });
    running.add(child);
    child.on('error', (error) => process.stderr.write(`${name} could not start: ${error.message}\n`));
    child.on('exit', (code, signal) => {
      running.delete(child);
      const failed = !stopRequested && (code !== 0 || signal !== null);
      if (failed) {
        process.stderr.write(`${name} stopped (${signal ?? `exit code ${String(code)}`}); stopping the rest.\n`);
        firstFailure ??= code && code > 0 ? code : 1;
      }
      if (!stopRequested) {
        stopRequested = true;
        stopAll();
      }
      if (running.size === 0) process.exit(firstFailure ?? 0);
    });
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopRequested) return;
      stopRequested = true;
      stopAll();
    });
  }
}
