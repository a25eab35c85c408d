import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';
import { PROJECT_ROOT } from '../support/bot-process.js';
import { newTestKey, openEncryptedStore, personIdsIn } from '../support/encrypted-store.js';

const run = promisify(execFile);
const OID = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const ITEMS = {
  [`bilan/records/aad:${OID}`]: { record: { userId: `aad:${OID}`, answers: { p01: { value: 'première réponse' } } } },
  'msteams/conversations/a:personal-aad-one/': { dialogState: { stack: [] } },
};
/** Where this version keeps the same items: the record under the person id, sealed with the person's key. */
const migratedKeys = (personId: string) => [`bilan/records/${personId}`, 'msteams/conversations/a:personal-aad-one/'];
const migratedItems = (personId: string) => ({
  [`bilan/records/${personId}`]: { record: { userId: personId, answers: { p01: { value: 'première réponse' } } } },
  'msteams/conversations/a:personal-aad-one/': { dialogState: { stack: [] } },
});

function withoutETags(items: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(items).map(([key, item]) => {
      const { eTag: _eTag, ...value } = item as Record<string, unknown>;
      return [key, value];
    }),
  );
}

describe('npm run data:reencrypt (scripts/data/reencrypt-store.ts)', function () {
  this.timeout(60_000);
  let root: string;
  let dataDir: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'bilan-reencrypt-'));
    dataDir = join(root, 'store');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const reencrypt = async (env: Record<string, string>) => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx/esm', 'scripts/data/reencrypt-store.ts'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir, STORAGE: 'lowdb', DATA_KEY_FILE: join(root, 'keys', 'data.key'), ...env },
    });
    return stdout;
  };

  it('rotation: items sealed with the previous key are re-sealed with the new one, then the previous key can go', async () => {
    const oldKey = newTestKey();
    await (await openEncryptedStore(dataDir, oldKey)).write(ITEMS);
    const newKey = newTestKey();

    expect(await reencrypt({ DATA_ENCRYPTION_KEY: newKey, DATA_ENCRYPTION_KEY_PREVIOUS: oldKey })).to.match(/^2 item\(s\) re-encrypted.* 1 person\(s\)/);
    expect(await reencrypt({ DATA_ENCRYPTION_KEY: newKey, DATA_ENCRYPTION_KEY_PREVIOUS: oldKey }), 'a second run has nothing to do').to.match(/^0 item\(s\) re-encrypted.* 0 person\(s\).* 0 person key/);

    const withNewKeyOnly = await openEncryptedStore(dataDir, newKey);
    const personId = (await personIdsIn(withNewKeyOnly)).personIds.of(`aad:${OID}`);
    expect(withoutETags(await withNewKeyOnly.read(migratedKeys(personId)))).to.deep.equal(migratedItems(personId));
  });

  it('rotation with person keys: the person keys are re-wrapped, their items stay as they are and open with the new key alone', async () => {
    const oldKey = newTestKey();
    await (await openEncryptedStore(dataDir, oldKey)).write(ITEMS);
    expect(await reencrypt({ DATA_ENCRYPTION_KEY: oldKey })).to.match(/ 1 person\(s\) .* 0 person key/);
    const personId = (await personIdsIn(await openEncryptedStore(dataDir, oldKey))).personIds.of(`aad:${OID}`);
    const sealedRecord = async () => JSON.stringify((await (await LowdbStorage.open(dataDir)).read([`bilan/records/${personId}`]))[`bilan/records/${personId}`]);
    const before = await sealedRecord();
    expect(before, 'sealed with the person key').to.include('bilanp1.');
    const newKey = newTestKey();

    expect(await reencrypt({ DATA_ENCRYPTION_KEY: newKey, DATA_ENCRYPTION_KEY_PREVIOUS: oldKey })).to.match(/ 1 person key\(s\) re-wrapped/);

    expect(await sealedRecord(), 'the person item is not rewritten').to.equal(before);
    const withNewKeyOnly = await openEncryptedStore(dataDir, newKey);
    expect(withoutETags(await withNewKeyOnly.read(migratedKeys(personId)))).to.deep.equal(migratedItems(personId));
    const withOldKeyOnly = await openEncryptedStore(dataDir, oldKey);
    const refused: unknown = await withOldKeyOnly.read([`bilan/records/${personId}`]).catch((error: unknown) => error);
    expect(String(refused), 'the old master key no longer unwraps the person key').to.include('wrong key?');
  });

  it('a store written before encryption at rest: encrypts it under a new key file', async () => {
    await (await LowdbStorage.open(dataDir)).write(ITEMS);

    expect(await reencrypt({})).to.match(/^\d+ item\(s\) re-encrypted/);
    expect((await stat(join(root, 'keys', 'data.key'))).mode & 0o777).to.equal(0o600);
    const raw = await (await LowdbStorage.open(dataDir)).read(Object.keys(ITEMS));
    expect(JSON.stringify(raw)).not.to.include('première réponse');
    const keyFromFile = await readFile(join(root, 'keys', 'data.key'), 'utf8');
    const store = await openEncryptedStore(dataDir, keyFromFile.trim());
    const personId = (await personIdsIn(store)).personIds.of(`aad:${OID}`);
    expect(withoutETags(await store.read(migratedKeys(personId)))).to.deep.equal(migratedItems(personId));
  });
});
