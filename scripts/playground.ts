// `npm run playground [-- <Playground options>]`: the Microsoft 365 Agents Playground for a bot already running on PORT.
import { playgroundCommand } from './playground-command.js';
import { runTogether } from './run-together.js';

runTogether([playgroundCommand(process.argv.slice(2))]);
