import { personIdsIn } from '../support/encrypted-store.js';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { typeset } from '../../src/bot/render/adaptive-card.js';
import { EncryptedStorage } from '../../src/bot/storage/encrypted-storage.js';
import { PersonKeys } from '../../src/infra/crypto/person-keys.js';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';
import { StoreBilanRepository } from '../../src/core/bilan/bilan-repository.js';
import { DataKeyRing, dataKeyFromBase64 } from '../../src/infra/crypto/data-key-ring.js';
import { say, teamsUserId } from '../support/activities.js';
import { BotProcess, freePort } from '../support/bot-process.js';
import { filesUnder, within } from '../support/http.js';

const USERS = 8;
const KILLS = 10;
const STARTUP_MS = 30_000;

const locale = JSON.parse(readFileSync(new URL('../../locales/fr/common.json', import.meta.url), 'utf8')) as {
  synthesis: { commentSaved: string };
  errors: { generic: string };
};
/** The copy as the bot sends it: typeset (non-breaking spaces inside « » and before « : ? ! »). */
const common = {
  synthesis: { commentSaved: typeset(locale.synthesis.commentSaved) },
  errors: { generic: typeset(locale.errors.generic) },
};

interface User {
  readonly aadObjectId: string;
  /** Comments the bot confirmed (HTTP 200 with commentSaved) before a kill: they must all survive it. */
  readonly acknowledged: string[];
  sent: number;
}

/**
 * The bot process is SIGKILLed while many users write: each user alternates a comment (« commentaire : … »,
 * appended to their record: easy to check) and a flow turn, over HTTP with expectReplies. After every kill,
 * every stored item must parse and decrypt, and every acknowledged comment must be there; then the same users
 * carry on with a restarted bot.
 */
describe('crash safety: the bot process killed (SIGKILL) in the middle of writes, again and again', function () {
  // Mostly the eleven bot starts (tsx, flows, skill data): about 4 s of CPU each.
  this.timeout(240_000);
  let root: string;
  let bot: BotProcess | undefined;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'bilan-crash-'));
  });

  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await rm(root, { recursive: true, force: true });
  });

  const dataDir = () => join(root, 'store');
  const keyFile = () => join(root, 'keys', 'data-encryption.key');

  const startBot = async (): Promise<string> => {
    bot = BotProcess.start({
      PORT: String(await freePort()),
      DATA_DIR: dataDir(),
      DATA_KEY_FILE: keyFile(),
      STORAGE: 'lowdb',
      LOG_LEVEL: 'info',
      MicrosoftAppId: '',
      REMINDER_AFTER_DAYS: '0',
      // The users here write far faster than people: the per-user rate limit would answer "slow down".
      RATE_LIMIT_PER_MINUTE: '0',
    });
    const ready = await bot.waitForLog((line) => line['msg'] === 'Bilan bot is ready', STARTUP_MS);
    return String(ready['url']);
  };

  const post = async (url: string, user: User, text: string): Promise<string | undefined> => {
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...say({ aadObjectId: user.aadObjectId }, text), deliveryMode: 'expectReplies' }),
    }).catch(() => undefined);
    if (response?.status !== 200) return undefined;
    const { activities = [] } = (await response.json().catch(() => ({}))) as { activities?: Partial<Activity>[] };
    return activities.map((a) => a.text ?? '').join('\n');
  };

  /** Writes until the connection breaks (the kill); records what the bot confirmed. */
  const keepWriting = async (url: string, user: User, onReply: () => void): Promise<void> => {
    for (;;) {
      const comment = `${user.aadObjectId} remarque ${++user.sent}`;
      const reply = await post(url, user, `commentaire : ${comment}`);
      if (reply === undefined) return;
      onReply();
      expect(reply, 'no failed turn while the bot is up').not.to.include(common.errors.generic);
      if (reply.includes(common.synthesis.commentSaved)) user.acknowledged.push(comment);
      if ((await post(url, user, 'passer')) === undefined) return;
    }
  };

  const checkStore = async (users: readonly User[], round: number): Promise<void> => {
    const items = (await filesUnder(join(dataDir(), 'items'))).filter((file) => !basename(file).startsWith('.'));
    for (const file of items) expect(() => JSON.parse(readFileSync(file, 'utf8')) as unknown, `round ${round}: ${file} parses`).not.to.throw();
    const lowdb = await LowdbStorage.open(dataDir());
    const ring = new DataKeyRing(dataKeyFromBase64(await readFile(keyFile(), 'utf8')));
    const storage = new EncryptedStorage(lowdb, ring, new PersonKeys(await LowdbStorage.open(`${dataDir()}-person-keys`), ring));
    const keys = await lowdb.listKeys();
    expect(keys.length, `round ${round}: one record and one conversation reference per user at least`).to.be.at.least(users.length * 2);
    const decrypted = await storage.read(keys);
    expect(Object.keys(decrypted).sort(), `round ${round}: every item decrypts`).to.deep.equal([...keys].sort());
    const repository = new StoreBilanRepository(storage);
    for (const user of users) {
      const comments = (await repository.load((await personIdsIn(storage)).personIds.of(teamsUserId(user.aadObjectId))))?.record.comments?.map((c) => c.text) ?? [];
      expect(comments, `round ${round}: ${user.aadObjectId} keeps every acknowledged comment`).to.include.members(user.acknowledged);
    }
  };

  it(`${KILLS} kills in a row with ${USERS} users writing: every item readable, nothing acknowledged lost, users carry on`, async () => {
    const users: User[] = Array.from({ length: USERS }, (_, i) => ({ aadObjectId: `aad-crash-${i}`, acknowledged: [], sent: 0 }));
    let url = await startBot();
    for (const user of users) for (const text of ['bonjour', 'oui', 'oui']) expect(await post(url, user, text)).to.be.a('string');

    for (let round = 1; round <= KILLS; round++) {
      let firstReply!: () => void;
      const replied = new Promise<void>((resolve) => (firstReply = resolve));
      const writing = users.map((user) => keepWriting(url, user, firstReply));
      // Once turns complete (the first ones after a start are slower), at a random moment within the writes.
      await within(replied, 30_000, 'a first reply after the start');
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
      bot!.signal('SIGKILL');
      await within(bot!.exited, 10_000, 'the kill');
      await within(Promise.all(writing), 10_000, 'requests cut by the kill');
      await checkStore(users, round);
      url = await startBot();
    }
    const total = users.reduce((sum, user) => sum + user.acknowledged.length, 0);
    expect(total, 'the users did write between the kills').to.be.greaterThan(KILLS * 2);
    for (const user of users) {
      expect(await post(url, user, 'commentaire : après la dernière relance'), `${user.aadObjectId} carries on`).to.include(common.synthesis.commentSaved);
    }
  });
});
