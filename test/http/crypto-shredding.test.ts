import { randomUUID } from 'node:crypto';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { EncryptedStorage } from '../../src/bot/storage/encrypted-storage.js';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';
import { DataKeyRing, dataKeyFromBase64 } from '../../src/infra/crypto/data-key-ring.js';
import { PersonKeys } from '../../src/infra/crypto/person-keys.js';
import { Conversation } from '../support/conversation.js';
import { recordKey } from '../support/http.js';
import { engage } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SECRET = 'Je voudrais quitter Vénissieux pour ouvrir une librairie';

/**
 * Each person's items are sealed with their own key, kept apart from the data and destroyed at erasure: a copy of
 * the store taken before (a backup, Blob soft delete, a blob version) can no longer be read, even with the master key.
 */
describe('crypto-shredding: one data key per person, destroyed at erasure', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await startTestApp();
  });

  afterEach(() => app.close());

  const rawItem = async (dir: string, key: string) => (await (await LowdbStorage.open(dir)).read([key]))[key] as { sealed: string } | undefined;

  it('two people: two keys; a backup taken before one erasure keeps only unreadable copies of that person, even with the master key', async () => {
    const leaving = new Conversation(app, { aadObjectId: randomUUID() });
    const staying = new Conversation(app, { aadObjectId: randomUUID() });
    for (const chat of [leaving, staying]) {
      await engage(chat);
      await chat.say(SECRET);
    }
    const leavingKey = recordKey(app.app, String(leaving.user.aadObjectId));
    const stayingKey = recordKey(app.app, String(staying.user.aadObjectId));
    const [leavingSealed, stayingSealed] = await Promise.all([rawItem(app.dataDir, leavingKey), rawItem(app.dataDir, stayingKey)]);
    expect(leavingSealed?.sealed.split('.')[0], 'sealed with a person key').to.equal('bilanp1');
    expect(leavingSealed?.sealed.split('.')[1], 'each person their own key').not.to.equal(stayingSealed?.sealed.split('.')[1]);

    const backup = join(app.root, 'backup-of-the-store');
    await cp(app.dataDir, backup, { recursive: true });
    await leaving.say('supprimer mes données');
    await leaving.click('rights:erase.yes');
    expect(leaving.keys()[0]).to.equal('rights:certificate.title');

    const master = new DataKeyRing(dataKeyFromBase64(await readFile(app.keyFile, 'utf8')));
    const fromBackup = new EncryptedStorage(await LowdbStorage.open(backup), master, new PersonKeys(await LowdbStorage.open(`${app.dataDir}-person-keys`), master));
    expect(await rawItem(backup, leavingKey), 'the backup holds the copy').not.to.equal(undefined);
    const refused: unknown = await fromBackup.read([leavingKey]).catch((error: unknown) => error);
    expect(String(refused), 'the copy of the erased person no longer opens').to.include('no longer exists');
    expect(JSON.stringify(await fromBackup.read([stayingKey])), 'the other person restores from the backup').to.include(SECRET);
    const masterOnly: unknown = await new EncryptedStorage(await LowdbStorage.open(backup), master).read([stayingKey]).catch((error: unknown) => error);
    expect(String(masterOnly), 'the master key alone opens no person item').to.include('no longer exists');
  });
});
