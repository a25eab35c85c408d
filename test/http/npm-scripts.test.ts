import { createServer as createHttpServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { BotProcess, freePort } from '../support/bot-process.js';
import { within } from '../support/http.js';

const STARTUP_MS = 90_000;

/** True while something accepts TCP connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const isReady = (line: Record<string, unknown>) => line['msg'] === 'Bilan bot is ready';

describe('the npm scripts a developer runs (npm start, npm run dev, npm run playground)', function () {
  this.timeout(180_000);

  let dataDir: string;
  let script: BotProcess | undefined;
  const servers: Server[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'bilan-scripts-'));
  });

  afterEach(async () => {
    await script?.stop();
    script = undefined;
    await Promise.all(servers.splice(0).map((server) => new Promise((closed) => server.close(closed))));
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A local run's environment, complete so that no .env file interferes. */
  const localEnv = async (overrides: Record<string, string> = {}) => ({
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    STORAGE: 'memory',
    LOG_LEVEL: 'info',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    ...overrides,
  });

  /** Something else on a port, as when another program already uses it. */
  const occupy = async (): Promise<number> => {
    const server = createHttpServer((_req, res) => res.end());
    servers.push(server);
    await new Promise<void>((ready) => server.listen(0, '0.0.0.0', ready));
    return (server.address() as { port: number }).port;
  };

  it('npm start: SIGTERM to npm stops the server (nothing listens any more) and npm exits 0', async () => {
    const env = await localEnv();
    script = BotProcess.npm(['start'], env);
    await script.waitForLog(isReady, STARTUP_MS);

    script.signal('SIGTERM');
    expect(await within(script.exited, 30_000, 'npm start exiting after SIGTERM')).to.deep.equal({ code: 0, signal: null });
    expect(await listening(Number(env.PORT)), 'the bot port is closed').to.equal(false);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`npm run dev: ${signal} stops the bot and the Playground, and the command exits`, async () => {
      const env = await localEnv();
      const playgroundPort = await freePort();
      script = BotProcess.npm(['run', 'dev', '--', '-p', String(playgroundPort)], env);
      await script.waitForLog(isReady, STARTUP_MS);
      await within(waitFor(() => listening(playgroundPort)), STARTUP_MS, 'the Playground listening');

      script.signal(signal);
      const { code } = await within(script.exited, 40_000, `npm run dev exiting after ${signal}`);
      expect(code, 'npm run dev stopped on request').to.equal(0);
      expect(await listening(Number(env.PORT)), 'the bot port is closed').to.equal(false);
      expect(await listening(playgroundPort), 'the Playground port is closed').to.equal(false);
    });
  }

  it('npm run dev: when the bot cannot start (PORT taken), stops the Playground and exits non-zero, naming PORT', async () => {
    const playgroundPort = await freePort();
    script = BotProcess.npm(['run', 'dev', '--', '-p', String(playgroundPort)], await localEnv({ PORT: String(await occupy()) }));

    const { code } = await within(script.exited, STARTUP_MS, 'npm run dev exiting');
    expect(code).to.not.equal(0);
    expect(script.stderr).to.include('set PORT');
    expect(await listening(playgroundPort), 'the Playground port is closed').to.equal(false);
  });

  it('npm run playground: talks to the bot endpoint on PORT', async () => {
    const requests: string[] = [];
    const bot = createHttpServer((req, res) => (requests.push(`${String(req.method)} ${String(req.url)}`), res.end()));
    servers.push(bot);
    await new Promise<void>((ready) => bot.listen(0, '127.0.0.1', ready));
    const port = (bot.address() as { port: number }).port;
    const playgroundPort = await freePort();

    script = BotProcess.npm(['run', 'playground', '--', '-p', String(playgroundPort)], await localEnv({ PORT: String(port) }));
    await within(waitFor(() => listening(playgroundPort)), STARTUP_MS, 'the Playground listening');
    // The Playground's UI configuration waits until the bot endpoint answers.
    // Right after it starts listening, the Playground (a third-party tool) may still reset or refuse a connection (it
    // restarts its server once under load): ask again.
    const config = await within(fetchAgainOnReset(`http://127.0.0.1:${String(playgroundPort)}/_internal/v1/config`), 30_000, 'the Playground config');

    expect(config.status).to.equal(200);
    expect(requests, 'the Playground checked the bot on PORT').to.include('HEAD /api/messages');
  });
});

async function fetchAgainOnReset(url: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url);
    } catch (error: unknown) {
      const code = ((error as { cause?: { code?: string } }).cause)?.code;
      if ((code !== 'ECONNRESET' && code !== 'ECONNREFUSED') || attempt >= 20) throw error;
      await new Promise((wait) => setTimeout(wait, 300));
    }
  }
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((wait) => setTimeout(wait, 200));
}

