import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';
import { PROJECT_ROOT } from '../support/bot-process.js';
import { newTestKey, openEncryptedStore } from '../support/encrypted-store.js';

const run = promisify(execFile);
const ITEMS = {
  'bilan/records/aad:one': { record: { answers: { p01: { value: 'première réponse' } } } },
  'msteams/conversations/a:personal-aad-one/': { dialogState: { stack: [] } },
};

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

    expect(await reencrypt({ DATA_ENCRYPTION_KEY: newKey, DATA_ENCRYPTION_KEY_PREVIOUS: oldKey })).to.match(/^2 item\(s\) re-encrypted/);
    expect(await reencrypt({ DATA_ENCRYPTION_KEY: newKey, DATA_ENCRYPTION_KEY_PREVIOUS: oldKey }), 'a second run has nothing to do').to.match(/^0 item\(s\) re-encrypted.*2 already/);

    const withNewKeyOnly = await openEncryptedStore(dataDir, newKey);
    expect(withoutETags(await withNewKeyOnly.read(Object.keys(ITEMS)))).to.deep.equal(ITEMS);
  });

  it('a store written before encryption at rest: encrypts it under a new key file', async () => {
    await (await LowdbStorage.open(dataDir)).write(ITEMS);

    expect(await reencrypt({})).to.match(/^2 item\(s\) re-encrypted/);
    expect((await stat(join(root, 'keys', 'data.key'))).mode & 0o777).to.equal(0o600);
    const raw = await (await LowdbStorage.open(dataDir)).read(Object.keys(ITEMS));
    expect(JSON.stringify(raw)).not.to.include('première réponse');
    const keyFromFile = await readFile(join(root, 'keys', 'data.key'), 'utf8');
    expect(withoutETags(await (await openEncryptedStore(dataDir, keyFromFile.trim())).read(Object.keys(ITEMS)))).to.deep.equal(ITEMS);
  });
});
