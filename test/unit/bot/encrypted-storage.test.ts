import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { EncryptedStorage } from '../../../src/bot/storage/encrypted-storage.js';
import { LowdbStorage } from '../../../src/bot/storage/lowdb-storage.js';
import { StorageError } from '../../../src/core/errors.js';
import { DataKeyRing, dataKeyFromBase64, newDataKeyBase64, type DataKey } from '../../../src/infra/crypto/data-key-ring.js';
import { filesUnder } from '../../support/http.js';
import { teamsUserId } from '../../support/activities.js';

const KEY = `bilan/records/${teamsUserId('alice')}`;
const OTHER_KEY = `bilan/records/${teamsUserId('bob')}`;
const ITEM = { record: { answers: { p01: { value: 'Je veux quitter mon manager' } }, skills: [{ label: 'Gestion de budget' }] } };

const newKey = (): DataKey => dataKeyFromBase64(newDataKeyBase64());

async function expectStorageError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(StorageError);
    expect((error as Error).message).to.match(pattern);
    return;
  }
  expect.fail('expected a StorageError, got a result');
}

describe('EncryptedStorage', () => {
  let inner: MemoryStorage;
  let current: DataKey;

  beforeEach(() => {
    inner = new MemoryStorage();
    current = newKey();
  });

  const storage = (key = current, previous: DataKey[] = []) => new EncryptedStorage(inner, new DataKeyRing(key, previous));
  const rawOf = async (key: string) => (await inner.read([key]))[key] as { sealed: string; eTag: string };

  it('stores nothing but an envelope and an eTag, and reads the item back whole', async () => {
    await storage().write({ [KEY]: ITEM });
    const raw = await rawOf(KEY);
    expect(Object.keys(raw).sort()).to.deep.equal(['eTag', 'sealed']);
    expect(raw.sealed).to.match(/^bilan1\.[\w-]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(JSON.stringify(raw)).not.to.include('manager').and.not.to.include('budget');
    expect(await storage().read([KEY])).to.deep.equal({ [KEY]: { ...ITEM, eTag: raw.eTag } });
  });

  it('seals the same item differently each time (fresh nonce)', async () => {
    await storage().write({ [KEY]: ITEM, [OTHER_KEY]: ITEM });
    expect((await rawOf(KEY)).sealed.split('.')[4]).not.to.equal((await rawOf(OTHER_KEY)).sealed.split('.')[4]);
  });

  it('keeps optimistic concurrency: a write with a stale eTag is refused', async () => {
    await storage().write({ [KEY]: ITEM });
    const read = (await storage().read([KEY]))[KEY] as { eTag: string };
    await storage().write({ [KEY]: { ...ITEM, eTag: read.eTag } });
    try {
      await storage().write({ [KEY]: { ...ITEM, eTag: read.eTag } });
      expect.fail('the stale write was accepted');
    } catch (error) {
      expect((error as Error).message).to.match(/etag conflict/i);
    }
  });

  it('with the wrong key: a StorageError naming the item and the key ids, never an empty result', async () => {
    await storage().write({ [KEY]: ITEM });
    await expectStorageError(storage(newKey()).read([KEY]), new RegExp(`"${KEY}".*${current.id}.*wrong key`));
  });

  it('a ciphertext altered by one bit fails authentication', async () => {
    await storage().write({ [KEY]: ITEM });
    const raw = await rawOf(KEY);
    const parts = raw.sealed.split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString('base64url');
    await inner.write({ [KEY]: { sealed: parts.join('.') } });
    await expectStorageError(storage().read([KEY]), /fails authentication/);
  });

  it('an envelope moved under another user\'s key fails authentication (the key is authenticated)', async () => {
    await storage().write({ [KEY]: ITEM });
    await inner.write({ [OTHER_KEY]: { sealed: (await rawOf(KEY)).sealed } });
    await expectStorageError(storage().read([OTHER_KEY]), /fails authentication/);
  });

  it('a truncated envelope or a plaintext item is refused, not taken for state', async () => {
    await storage().write({ [KEY]: ITEM });
    await inner.write({ [KEY]: { sealed: (await rawOf(KEY)).sealed.split('.').slice(0, 3).join('.') } });
    await expectStorageError(storage().read([KEY]), /not a bilan1 envelope/);
    await inner.write({ [KEY]: ITEM });
    await expectStorageError(storage().read([KEY]), /not encrypted.*data:reencrypt/);
  });

  it('after a rotation: reads items sealed with the previous key, re-seals them with the new key when written', async () => {
    const old = current;
    await storage(old).write({ [KEY]: ITEM, [OTHER_KEY]: ITEM });
    const rotated = newKey();
    const afterRotation = storage(rotated, [old]);

    const read = await afterRotation.read([KEY, OTHER_KEY]);
    expect(read[KEY]).to.deep.include(ITEM);
    await afterRotation.write({ [KEY]: read[KEY] });
    expect((await rawOf(KEY)).sealed.split('.')[1], 'rewritten with the new key').to.equal(rotated.id);
    expect((await rawOf(OTHER_KEY)).sealed.split('.')[1], 'untouched items keep the old key until written').to.equal(old.id);

    const withoutPrevious = storage(rotated);
    expect((await withoutPrevious.read([KEY]))[KEY]).to.deep.include(ITEM);
    await expectStorageError(withoutPrevious.read([OTHER_KEY]), /wrong key/);
  });
});

describe('EncryptedStorage over LowdbStorage: the files on disk', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bilan-encrypted-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('hold no plaintext, and a file edited on disk is reported, not read as empty', async () => {
    const key = newKey();
    const storage = new EncryptedStorage(await LowdbStorage.open(dir), new DataKeyRing(key));
    await storage.write({ [KEY]: ITEM });
    const [file] = await filesUnder(dir);
    const text = await readFile(file!, 'utf8');
    for (const secret of ['quitter', 'manager', 'Gestion de budget', 'answers', 'skills']) expect(text).not.to.include(secret);

    // One character of the ciphertext changed (to another one: it may already be an « A »).
    const edited = text.replace(/"sealed": "(bilan1\.[^.]+\.[^.]+\.)([A-Za-z0-9_-])/, (_all, head: string, first: string) => `"sealed": "${head}${first === 'A' ? 'B' : 'A'}`);
    expect(edited).to.not.equal(text);
    await writeFile(file!, edited);
    await expectStorageError(storage.read([KEY]), /fails authentication/);
  });
});
