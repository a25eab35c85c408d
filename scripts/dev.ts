// `npm run dev [-- <Playground options>]`: the bot (rebuilt if needed) and the Microsoft 365 Agents Playground,
// together. Ctrl-C (or SIGTERM) stops both; if either stops on its own, the other is stopped too.
import { execFileSync } from 'node:child_process';
import { playgroundCommand } from './playground-command.js';
import { runTogether } from './run-together.js';

const playground = playgroundCommand(process.argv.slice(2));
execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], { stdio: 'inherit' });
runTogether([{ name: 'the bot', command: process.execPath, args: ['dist/main.js'] }, playground]);
