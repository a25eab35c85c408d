import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { typeset } from '../../src/bot/render/adaptive-card.js';
import { say } from '../support/activities.js';
import { BotProcess, PROJECT_ROOT, freePort } from '../support/bot-process.js';
import { newTestKey, openEncryptedStore, personIdsIn } from '../support/encrypted-store.js';
import { FakeConnector } from '../support/fake-connector.js';
import { recordKey, within } from '../support/http.js';

// A bound, not a target: on a loaded 2-core machine, startup has taken more than 30 s.
const STARTUP_MS = 90_000;

/** A sentence of the French locale files (the real process renders copy, not keys). */
function frenchCopy(namespace: string, ...path: string[]): string {
  let node: unknown = JSON.parse(readFileSync(new URL(`../../locales/fr/${namespace}.json`, import.meta.url), 'utf8'));
  for (const part of path) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no copy at ${namespace}:${path.join('.')}`);
  return node;
}

describe('the bot process (node src/main.ts)', function () {
  this.timeout(180_000);

  let dataDir: string;
  const dataKey = newTestKey();
  let bot: BotProcess | undefined;
  let connector: FakeConnector | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'bilan-process-'));
  });

  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await connector?.close();
    connector = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The environment of a local run: every variable set, so no .env file or host variable interferes. */
  const localEnv = async (overrides: Record<string, string> = {}) => ({
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    STORAGE: 'lowdb',
    DEFAULT_LOCALE: 'fr',
    LOG_LEVEL: 'info',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppType: 'MultiTenant',
    MicrosoftAppTenantId: '',
    DATA_ENCRYPTION_KEY: dataKey,
    DATA_ENCRYPTION_KEY_PREVIOUS: '',
    ...overrides,
  });

  const isReady = (line: Record<string, unknown>) => line['msg'] === 'Bilan bot is ready';

  it('logs JSON lines, warns that authentication is off, serves /healthz, and stops cleanly on SIGTERM', async () => {
    const env = await localEnv();
    bot = BotProcess.start(env);
    const ready = await bot.waitForLog(isReady, STARTUP_MS);

    expect(ready['url']).to.equal(`http://127.0.0.1:${env.PORT}`);
    const lines = bot.logLines;
    const warning = lines.find((line) => line['level'] === 40 && /authentication is off/i.test(String(line['msg'])));
    expect(warning, 'a warning says authentication is off').not.to.equal(undefined);
    expect(lines.indexOf(warning!), 'the warning comes before the bot is ready').to.be.below(lines.findIndex(isReady));

    // A bound, not a target: the skill data loads right after ready and holds the event loop for seconds on a loaded machine.
    const health = await within(fetch(`${String(ready['url'])}/healthz`), 30_000, 'GET /healthz');
    expect(health.status).to.equal(200);
    expect(await health.json()).to.deep.include({ status: 'ok', storage: { kind: 'lowdb', reachable: true } });

    bot.signal('SIGTERM');
    expect(await within(bot.exited, 15_000, 'exit after SIGTERM')).to.deep.equal({ code: 0, signal: null });
    expect(() => bot!.logLines, 'every stdout line is JSON').not.to.throw();
  });

  it('still stops on SIGTERM when whatever read its logs is gone (stdout is a broken pipe)', async () => {
    bot = BotProcess.start(await localEnv());
    await bot.waitForLog(isReady, STARTUP_MS);
    bot.closeStdout();

    bot.signal('SIGTERM');
    expect(await within(bot.exited, 15_000, 'exit after SIGTERM with stdout closed')).to.deep.equal({ code: 0, signal: null });
  });

  it('stops cleanly on a SIGTERM that arrives while it is still starting', async () => {
    bot = BotProcess.start(await localEnv());
    await bot.waitForLog((line) => /authentication is off/i.test(String(line['msg'])), STARTUP_MS);

    bot.signal('SIGTERM');
    expect(await within(bot.exited, 15_000, 'exit after SIGTERM during startup')).to.deep.equal({ code: 0, signal: null });
  });

  it('when PORT is taken: exits with code 1 and says to change PORT, without a stack trace', async () => {
    const taken = createNetServer();
    await new Promise<void>((listening) => taken.listen(0, '0.0.0.0', listening));
    const port = (taken.address() as AddressInfo).port;
    try {
      bot = BotProcess.start(await localEnv({ PORT: String(port) }));
      const { code } = await within(bot.exited, STARTUP_MS, 'exit when the port is taken');

      expect(code).to.equal(1);
      expect(bot.stderr).to.include(`Port ${String(port)} is already in use`).and.to.include('set PORT');
      expect(bot.stderr, 'no stack trace').not.to.match(/^\s+at /m);
    } finally {
      await new Promise((closed) => taken.close(closed));
    }
  });

  const invalid: [string, string, string[]][] = [
    ['PORT', 'abc', ['65535']],
    ['STORAGE', 'sql', ['lowdb', 'memory']],
    ['DEFAULT_LOCALE', 'de', ['fr', 'en']],
  ];
  for (const [variable, value, accepted] of invalid) {
    it(`exits with code 1 and names ${variable} and its accepted values when ${variable}=${value}`, async () => {
      bot = BotProcess.start(await localEnv({ [variable]: value }));
      const { code } = await within(bot.exited, STARTUP_MS, 'exit on invalid configuration');

      expect(code).to.equal(1);
      expect(bot.stderr).to.include(variable);
      for (const v of accepted) expect(bot.stderr, `accepted value ${v}`).to.include(v);
      expect(bot.stdout, 'it never became ready').not.to.include('Bilan bot is ready');
    });
  }

  it('reports every invalid variable at once', async () => {
    bot = BotProcess.start(await localEnv({ PORT: 'abc', STORAGE: 'sql', DEFAULT_LOCALE: 'de' }));
    const { code } = await within(bot.exited, STARTUP_MS, 'exit on invalid configuration');
    expect(code).to.equal(1);
    for (const variable of ['PORT', 'STORAGE', 'DEFAULT_LOCALE']) expect(bot.stderr).to.include(variable);
  });

  it('on SIGTERM during a turn waiting on Teams: finishes the turn, delivers the reply, saves, then exits 0', async () => {
    connector = await FakeConnector.start({ delayMs: 1500 });
    bot = BotProcess.start(await localEnv());
    const ready = await bot.waitForLog(isReady, STARTUP_MS);
    // The data built after listening blocks the process for a moment: the turn under test starts once it is done.
    await bot.waitForLog((line) => line['msg'] === 'job data loaded', STARTUP_MS);
    const user = { aadObjectId: 'aad-shutdown', serviceUrl: connector.url };

    const request = fetch(`${String(ready['url'])}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // « oui » to the information question (the welcome shown at install): the turn that stores the first record.
      body: JSON.stringify(say(user, 'oui')),
    });
    await connector.waitForCalls(1, 10_000);
    bot.signal('SIGTERM');

    const response = await within(request, 20_000, 'the in-flight request');
    expect(response.status, 'the in-flight request completes').to.equal(200);
    expect(response.headers.get('connection'), 'a draining server does not keep the connection alive').to.equal('close');
    await response.arrayBuffer();
    expect(await within(bot.exited, 20_000, 'exit after SIGTERM')).to.deep.equal({ code: 0, signal: null });

    expect(connector.messages.some((m) => m.attachments?.length), 'the engagement question card reached Teams').to.equal(true);
    const store = await openEncryptedStore(dataDir, dataKey);
    const key = recordKey(await personIdsIn(store), user.aadObjectId);
    const stored = await store.read([key]);
    const record = (stored[key] as { record?: { phases?: Record<string, { status?: string }> } } | undefined)?.record;
    expect(record?.phases?.['preliminaire']?.status, 'the record is on disk').to.equal('active');
  });

  it('the bundle `npm start` builds and runs (dist/main.js) answers a user and serves their synthesis as PDF, printing no deprecation warning', async function () {
    this.timeout(120_000);
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: PROJECT_ROOT, stdio: 'pipe' });
    bot = BotProcess.start(await localEnv(), 'built');
    const url = String((await bot.waitForLog(isReady, STARTUP_MS))['url']);
    const turn = async (text: string) => {
      const activity = { ...say({ aadObjectId: 'aad-built' }, text), deliveryMode: 'expectReplies' };
      const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(response.status).to.equal(200);
      return JSON.stringify(await response.json());
    };
    expect(await turn('bonjour'), 'the short welcome, as typeset').to.contain(JSON.stringify(typeset(frenchCopy('preliminaire', 'welcome', 'short'))).slice(1, -1));
    await turn('oui');
    await turn('oui');
    const pdfLink = /http:\/\/localhost:\d+\/synthesis\/[\w-]+\.pdf/.exec(await turn('ma synthèse'))?.[0];
    expect(pdfLink, 'the synthesis card links to the PDF').to.be.a('string');
    const pdf = await fetch(String(pdfLink).replace(/http:\/\/localhost:\d+/, url));
    expect(pdf.status).to.equal(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), 'pdfkit, left outside the bundle, is found').to.equal('%PDF-');
    expect(bot.stderr, 'no deprecation warning (restify 11 printed DEP0005 on the first message)').not.to.match(/DeprecationWarning|DEP0\d{3}/);
  });
});
