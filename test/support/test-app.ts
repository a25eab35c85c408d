import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Activity, Storage } from 'botbuilder';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Clock } from '../../src/core/clock.js';
import { newDataKeyBase64 } from '../../src/infra/crypto/data-key-ring.js';
import { PinoLogger } from '../../src/infra/logging/pino-logger.js';

const TEST_RUN_DATA_KEY = newDataKeyBase64();

export interface TestApp {
  readonly url: string;
  readonly app: App;
  readonly dataDir: string;
  /** The local data encryption key file (used unless the env sets DATA_ENCRYPTION_KEY). */
  readonly keyFile: string;
  /** The directory holding the store and the key file. */
  readonly root: string;
  /** Every log line the app wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  /** The raw log output (to scan for leaked user text). */
  rawLogs(): string;
  /** POSTs an activity with deliveryMode expectReplies; resolves with the bot's replies (typing indicators removed). */
  send(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  readonly cimode?: boolean;
  readonly storage?: Storage;
  readonly clock?: Clock;
  /** Run on this directory (store and key file, e.g. left by an earlier app: a restart) and leave it on close. */
  readonly root?: string;
  /** OpenID metadata of a local token issuer (test/support/fake-token-issuer.ts). */
  readonly openIdMetadataUrl?: string;
}

/** Starts the real restify server and CloudAdapter on a free loopback port, with lowdb in a temp dir. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // The store and its key file side by side, as in the default layout (data/store, data/keys).
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'bilan-test-')));
  const dataDir = join(root, 'store');
  const keyFile = join(root, 'keys', 'data-encryption.key');
  // A caller's own DATA_DIR (reused by several apps) gets a key shared by the whole test run, as the key file would be.
  const sharedKey = options.env?.['DATA_DIR'] && !options.env['DATA_KEY_FILE'] ? { DATA_ENCRYPTION_KEY: TEST_RUN_DATA_KEY } : {};
  // The rate limit is off unless a test sets it: conversation tests answer much faster than a person.
  const config: Config = loadConfig({ PORT: '0', DATA_DIR: dataDir, DATA_KEY_FILE: keyFile, LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '0', ...sharedKey, ...options.env }, '/nonexistent/.env');
  let raw = '';
  const sink = new Writable({ write: (chunk, _enc, done) => { raw += String(chunk); done(); } });
  const logger = PinoLogger.create(config.LOG_LEVEL, sink);
  const app = await createApp(config, {
    logger,
    cimode: options.cimode ?? true,
    ...(options.storage ? { storage: options.storage } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.openIdMetadataUrl ? { openIdMetadataUrl: options.openIdMetadataUrl } : {}),
  });
  const url = await app.listen();
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return {
    url,
    app,
    dataDir,
    keyFile,
    root,
    get logs() {
      return raw.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    rawLogs: () => raw,
    post,
    async send(activity) {
      const response = await post({ ...activity, deliveryMode: 'expectReplies' });
      if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { activities?: Partial<Activity>[] };
      return (body.activities ?? []).filter((a) => a.type !== 'typing');
    },
    async close() {
      await app.close();
      if (!options.root) await rm(root, { recursive: true, force: true });
    },
  };
}
