// `npm run dev`: the bot (rebuilt if needed) and the Microsoft 365 Agents Playground, together.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3978';
const children = [
  spawn('npm', ['start'], { stdio: 'inherit', env: process.env }),
  spawn('node_modules/.bin/agentsplayground', ['-e', `http://127.0.0.1:${port}/api/messages`, '-c', 'msteams', '--disable-telemetry'], {
    stdio: 'inherit',
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none' },
  }),
];
const stopAll = (signal) => children.forEach((child) => child.kill(signal));
process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
children.forEach((child) => child.on('exit', (code) => { stopAll('SIGTERM'); process.exitCode = code ?? 0; }));
