import { readFileSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import type { Storage } from 'botbuilder';
import { ConversationDirectory } from '../../src/bot/reminders/conversation-directory.js';
import { BlobStorage } from '../../src/bot/storage/blob-storage.js';
import { EncryptedStorage } from '../../src/bot/storage/encrypted-storage.js';
import { PersonKeys } from '../../src/infra/crypto/person-keys.js';
import { DataKeyRing, dataKeyFromBase64 } from '../../src/infra/crypto/data-key-ring.js';
import { newTestKey, personIdsIn } from '../support/encrypted-store.js';
import type { BilanRecord } from '../../src/core/bilan/bilan-record.js';
import { isoWeek, WeeklyCounts } from '../../src/core/stats/weekly-counts.js';
import { say } from '../support/activities.js';
import { Azurite } from '../support/azurite.js';
import { BotProcess, freePort } from '../support/bot-process.js';
import { recordKey, within } from '../support/http.js';
import { preliminaireByTyping } from '../support/records.js';

const USERS = 50;
/** What the user types as why they started (p01_trigger): the synthesis document quotes it. */
const TRIGGER = 'Envie de changer';
/** The préliminaire as typed, read from the flow: its answers, then the « oui » that confirms its recap. */
const PRELIMINAIRE = preliminaireByTyping({ p01_trigger: TRIGGER });
/**
 * Information, engagement, the préliminaire and its recap, « reprendre », then investigation questions passed:
 * 20 turns, each saving the record.
 */
const SCRIPT = ['bonjour', 'oui', 'oui', ...PRELIMINAIRE, 'reprendre', ...Array<string>(20).fill('passer')].slice(0, 20);
/** Turns that answer a question: information, engagement, each préliminaire answer (not the recap's « oui »), each « passer ». */
const ANSWER_TURNS = 2 + Math.min(PRELIMINAIRE.length - 1, SCRIPT.length - 3) + SCRIPT.filter((text) => text === 'passer').length;
/** Every turn whose index is in here is delivered twice at the same instant, once to each instance. */
const DUPLICATED = new Set([1, 4, 8, 12, 16, 19]);
const STARTUP_MS = 90_000;
/** Bounds only: the machine running the tests may be busy with other work. */
const TURN_MS = 60_000;

const COMMON_FR = JSON.parse(readFileSync(new URL('../../locales/fr/common.json', import.meta.url), 'utf8')) as { errors: { generic: string; busy: string } };

interface Delivery {
  readonly instance: number;
  readonly texts: string[];
}

/** What a question's answer is, without its time: the same script must give the same answers. */
function answersOf(record: BilanRecord | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record?.answers ?? {}).map(([id, answer]) => [id, answer.skipped ? 'skipped' : answer.value]));
}

describe('two bot instances sharing Blob storage (Azurite)', function () {
  this.timeout(300_000);

  let azurite: Azurite | undefined;
  const bots: BotProcess[] = [];
  const ports: number[] = [];
  const urls: string[] = [];
  let storage: Storage;
  const dataKey = newTestKey();

  before(async () => {
    azurite = await Azurite.start();
    const container = `scale-${process.pid}`;
    // What the bots stored, read through the same decryption as theirs.
    const ring = new DataKeyRing(dataKeyFromBase64(dataKey), []);
    const personKeys = new PersonKeys(new BlobStorage(azurite.connectionString, `${container}-keys`), ring);
    storage = new EncryptedStorage(new BlobStorage(azurite.connectionString, container), ring, personKeys);
    for (let n = 0; n < 2; n++) {
      ports.push(await freePort());
      bots.push(
        BotProcess.start({
          PORT: String(ports[n]),
          STORAGE: 'blob',
          BLOB_CONNECTION_STRING: azurite.connectionString,
          PERSON_KEYS_BLOB_CONTAINER: `${container}-keys`,
          DATA_ENCRYPTION_KEY: dataKey,
          BLOB_CONTAINER: container,
          DEFAULT_LOCALE: 'fr',
          LOG_LEVEL: 'warn',
          // Scripted users answer far faster than people type: the per-user rate limit (tested on its own) would
          // refuse some of their turns, depending on how fast the machine runs them.
          RATE_LIMIT_PER_MINUTE: '0',
          REMINDER_AFTER_DAYS: '0',
          MicrosoftAppId: '',
          MicrosoftAppPassword: '',
          MicrosoftAppType: 'MultiTenant',
          MicrosoftAppTenantId: '',
        }),
      );
    }
    // LOG_LEVEL=warn hides the ready line: /healthz answering 200 (blob writable) says the instance is up.
    urls.push(...(await Promise.all(bots.map((bot, n) => waitForHealth(bot, n)))));
  });

  afterEach(function () {
    if (this.currentTest?.state !== 'failed') return;
    bots.forEach((bot, n) => console.log(`instance ${n} stderr:\n${bot.stderr.slice(-3000)}\nstdout:\n${bot.stdout.slice(-3000)}`));
  });

  after(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await azurite?.stop();
  });

  async function waitForHealth(bot: BotProcess, n: number): Promise<string> {
    const deadline = Date.now() + STARTUP_MS;
    const url = `http://127.0.0.1:${String(ports[n])}`;
    for (;;) {
      const exited = await Promise.race([bot.exited.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 250))]);
      if (exited) throw new Error(`instance ${n} exited: ${bot.stderr}`);
      const health = await fetch(`${url}/healthz`).catch(() => undefined);
      if (health?.status === 200) {
        const body = (await health.json()) as { storage?: unknown };
        expect(body.storage).to.deep.equal({ kind: 'blob', reachable: true });
        expect(JSON.stringify(body), 'no account key in /healthz').not.to.include('AccountKey');
        return url;
      }
      if (Date.now() > deadline) throw new Error(`instance ${n} not healthy after ${STARTUP_MS} ms`);
    }
  }

  async function deliver(instance: number, activity: Partial<Activity>): Promise<Delivery> {
    const response = await within(
      fetch(`${urls[instance]}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }),
      }),
      TURN_MS,
      `a turn on instance ${instance}`,
    );
    expect(response.status, `instance ${instance} answers 200`).to.equal(200);
    const body = (await response.json()) as { activities?: Partial<Activity>[] };
    const replies = (body.activities ?? []).filter((a) => a.type === 'message');
    const texts = replies.map((a) => a.text ?? (a.attachments?.length ? '[card]' : ''));
    return { instance, texts };
  }

  /** Runs the script for one user, alternating instances; duplicated turns go to both at once. */
  async function runUser(aadObjectId: string, offset: number, duplicate: boolean): Promise<Delivery[][]> {
    const turns: Delivery[][] = [];
    for (const [index, text] of SCRIPT.entries()) {
      const activity = say({ aadObjectId }, text);
      if (duplicate && DUPLICATED.has(index)) turns.push(await Promise.all([deliver(0, activity), deliver(1, activity)]));
      else turns.push([await deliver((index + offset) % 2, activity)]);
    }
    return turns;
  }

  it(`${USERS} users × ${SCRIPT.length} turns on alternating instances, with simultaneous redeliveries: every answer stored exactly once`, async () => {
    const weekAtStart = isoWeek(new Date());
    const referenceStarted = Date.now();
    const reference = await runUser('aad-scale-reference', 0, false);
    const expected = answersOf((await storedRecord('aad-scale-reference')));
    expect(Object.keys(expected), 'the reference user answered a question per answer turn').to.have.length(ANSWER_TURNS);
    expect(reference.flat().every((d) => d.texts.length > 0), 'the reference user got a reply at every turn').to.equal(true);

    const started = Date.now();
    const users = Array.from({ length: USERS }, (_, n) => `aad-scale-${n}`);
    const runs = await Promise.all(users.map((user, n) => runUser(user, n, true)));
    const elapsedMs = Date.now() - started;

    const deliveries = runs.flat(2);
    const apologies = deliveries.filter((d) => d.texts.some((t) => t === COMMON_FR.errors.busy || t === COMMON_FR.errors.generic));
    expect(apologies, 'no turn was answered with an apology').to.deep.equal([]);
    expect(deliveries.filter((d) => d.texts.length === 0), 'every delivery, duplicates included, got a reply').to.deep.equal([]);
    expect(new Set(deliveries.map((d) => d.instance)), 'both instances served turns').to.have.property('size', 2);

    for (const user of users) {
      const record = await storedRecord(user);
      expect(answersOf(record), `${user}: every answer stored once, none shifted to the next question`).to.deep.equal(expected);
      const applied = record?.appliedTurns ?? [];
      expect(new Set(applied).size, `${user}: no turn applied twice`).to.equal(applied.length);
    }

    const weeks = [...new Set([weekAtStart, isoWeek(new Date())])];
    const counts = await Promise.all(weeks.map((week) => new WeeklyCounts(storage).of(week)));
    const startedCount = counts.reduce((sum, week) => sum + week.started, 0);
    expect(startedCount, 'each engagement counted once for HR, redeliveries included').to.equal(USERS + 1);

    expect(await new ConversationDirectory(storage).userIds(), 'the shared reminder index lost no user').to.have.length(USERS + 1);

    for (const bot of bots) expect(bot.stdout, 'no failed turn logged').not.to.include('turn failed');

    console.log(`      reference user: ${SCRIPT.length} turns in ${started - referenceStarted} ms; load: ${deliveries.length} deliveries (${USERS * DUPLICATED.size} duplicated pairs) in ${elapsedMs} ms`);
  });

  it('serves on one instance the synthesis link the other sent (the browser reaches any instance)', async () => {
    const user = { aadObjectId: 'aad-scale-links' };
    for (const text of SCRIPT.slice(0, SCRIPT.indexOf(TRIGGER) + 1)) await deliver(0, say(user, text));
    const linkReply = await fetch(`${urls[0]}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...say(user, 'ma synthèse'), deliveryMode: 'expectReplies' }),
    });
    const path = /\/synthesis\/[A-Za-z0-9_-]+\.md/.exec(await linkReply.text())?.[0];
    expect(path, 'instance 0 sent a download link').to.be.a('string');
    expect((await fetch(`${urls[0]}${path!}`)).status, 'instance 0 serves its own link').to.equal(200);
    const download = await fetch(`${urls[1]}${path!}`);
    expect(download.status, 'instance 1 serves the link instance 0 sent').to.equal(200);
    expect(await download.text(), 'the document quotes what the user typed').to.include(TRIGGER);
  });

  async function storedRecord(aadObjectId: string): Promise<BilanRecord | undefined> {
    const key = recordKey(await personIdsIn(storage), aadObjectId);
    const item = (await storage.read([key]))[key] as { record?: BilanRecord } | undefined;
    return item?.record;
  }
});
