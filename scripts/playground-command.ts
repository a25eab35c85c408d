import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/core/errors.js';
import type { Command } from './run-together.js';

/**
 * The Microsoft 365 Agents Playground pointed at the bot's endpoint on PORT (from the environment or `.env`, as the
 * bot reads it). `extraArgs` go to the Playground, e.g. `-p 56151` for its own port (default 56150).
 */
export function playgroundCommand(extraArgs: readonly string[]): Command {
  const endpoint = `http://127.0.0.1:${String(botPort())}/api/messages`;
  return {
    name: 'the Agents Playground',
    command: process.execPath,
    args: ['node_modules/@microsoft/m365agentsplayground/cli.js', '-e', endpoint, '-c', 'msteams', '--disable-telemetry', ...extraArgs],
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env['TEAMSAPPTESTER_BROWSER'] ?? 'none' },
  };
}

function botPort(): number {
  try {
    return loadConfig().PORT;
  } catch (error: unknown) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
