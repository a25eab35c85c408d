import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ConfigError } from '../../../src/core/errors.js';
import { dataKeyFromBase64 } from '../../../src/infra/crypto/data-key-ring.js';
import { loadOrCreateKeyFile } from '../../../src/infra/crypto/key-file.js';

async function expectConfigError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as Error).message).to.match(pattern);
    return;
  }
  expect.fail('expected a ConfigError');
}

describe('the local data key file', () => {
  let root: string;
  let keyFile: string;
  let dataDir: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'bilan-key-'));
    keyFile = join(root, 'keys', 'data-encryption.key');
    dataDir = join(root, 'store');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is created on first start, private (file 0600, directory 0700), in the DATA_ENCRYPTION_KEY format, and reused', async () => {
    const created = await loadOrCreateKeyFile(keyFile, dataDir);
    expect((await stat(keyFile)).mode & 0o777).to.equal(0o600);
    expect((await stat(join(root, 'keys'))).mode & 0o777).to.equal(0o700);
    expect(dataKeyFromBase64(await readFile(keyFile, 'utf8')).id).to.equal(created.id);
    expect((await loadOrCreateKeyFile(keyFile, dataDir)).id, 'the next start uses the same key').to.equal(created.id);
  });

  it('refuses a key file other users can read', async () => {
    await loadOrCreateKeyFile(keyFile, dataDir);
    await chmod(keyFile, 0o644);
    await expectConfigError(loadOrCreateKeyFile(keyFile, dataDir), /accessible to other users.*chmod 600/);
  });

  it('refuses a key file that does not hold a key', async () => {
    await mkdir(join(root, 'keys'), { mode: 0o700 });
    await writeFile(keyFile, 'not a key\n', { mode: 0o600 });
    await expectConfigError(loadOrCreateKeyFile(keyFile, dataDir), /does not hold a key/);
  });

  it('never makes a new key while the store holds data (it would become unreadable): says to restore the file', async () => {
    await mkdir(join(dataDir, 'items', 'ab'), { recursive: true });
    await writeFile(join(dataDir, 'items', 'ab', 'abcd.json'), '{}');
    await expectConfigError(loadOrCreateKeyFile(keyFile, dataDir), /missing but .* holds stored items: restore the key file/);
    expect(await stat(keyFile).catch(() => undefined), 'no key file was made').to.equal(undefined);
  });
});
