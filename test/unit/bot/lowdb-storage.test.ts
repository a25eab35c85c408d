import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { LowdbStorage } from '../../../src/bot/storage/lowdb-storage.js';
import { StorageError } from '../../../src/core/errors.js';
import { checksumOf, crashKey, type CrashItem } from '../../support/storage-crash-writer.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CRASH_WRITER = fileURLToPath(new URL('../../support/storage-crash-writer.ts', import.meta.url));

function fileOf(dir: string, key: string): string {
  const hash = createHash('sha256').update(key, 'utf8').digest('hex');
  return join(dir, 'items', hash.slice(0, 2), `${hash}.json`);
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Identity of every file. A rewrite (temp file + rename) always changes the inode, whatever the clock resolution. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await listFiles(dir);
  const stats = await Promise.all(files.map((file) => stat(file)));
  return new Map(
    files.map((file, i) => [relative(dir, file), `${stats[i]?.ino}:${stats[i]?.mtimeMs}:${stats[i]?.size}`]),
  );
}

function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

async function expectStorageError(promise: Promise<unknown>): Promise<StorageError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(StorageError);
    return error as StorageError;
  }
  expect.fail('expected a StorageError');
}

describe('LowdbStorage on disk', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bilan-lowdb-storage-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps data and eTags across reopening the same directory', async () => {
    const key = 'msteams/users/29:abc';
    const first = await LowdbStorage.open(dir);
    await first.write({ [key]: { name: 'Zoë', answers: { q1: 'oui' } } });
    const written = (await first.read([key]))[key];

    const second = await LowdbStorage.open(dir);
    const reread = (await second.read([key]))[key];
    expect(reread).to.deep.equal(written);

    await second.write({ [key]: { ...reread, name: 'Zoé' } });
    const error = await second.write({ [key]: { ...written, name: 'stale' } }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.equal(`Storage: error writing "${key}" due to eTag conflict.`);
  });

  it('stores one file per key, named by sha256(key) and sharded by its first two hex digits', async () => {
    const storage = await LowdbStorage.open(dir);
    const key = 'msteams/conversations/19:abc@thread.tacv2;messageid=1/';
    await storage.write({ [key]: { step: 2 } });

    expect(await listFiles(dir)).to.deep.equal([fileOf(dir, key)]);
    const content = JSON.parse(await readFile(fileOf(dir, key), 'utf8')) as Record<string, unknown>;
    expect(content).to.have.keys(['key', 'eTag', 'value']);
    expect(content).to.include({ key });
    expect(content['value']).to.deep.equal({ step: 2 });
    expect((await stat(fileOf(dir, key))).mode & 0o777, 'personal data: owner-only file').to.equal(0o600);
  });

  it('rewrites only the file of the written key when 1,000 other users are stored', async function () {
    this.timeout(60_000);
    const storage = await LowdbStorage.open(dir);
    const others = Array.from({ length: 1000 }, (_, i) => `msteams/users/29:user-${i}`);
    await storage.write(Object.fromEntries(others.map((key, i) => [key, { answers: [`answer ${i}`] }])));
    await storage.write({ 'msteams/users/29:me': { turns: 1 } });

    const before = await snapshot(dir);
    await storage.write({ 'msteams/users/29:me': { turns: 2 } });
    await storage.write({ 'msteams/users/29:newcomer': { turns: 1 } });
    const after = await snapshot(dir);

    expect(before.size).to.equal(1001);
    const expected = [fileOf(dir, 'msteams/users/29:me'), fileOf(dir, 'msteams/users/29:newcomer')];
    expect(changedPaths(before, after)).to.deep.equal(expected.map((file) => relative(dir, file)).sort());
  });

  describe('with a corrupt file', () => {
    const secret = 'numéro de sécurité sociale 1 85 05 78 006 084 36';

    /** A file damaged by something outside the bot (a disk fault), found by the bot at its next start. */
    async function storageWithTruncatedFile(): Promise<{ storage: LowdbStorage; file: string }> {
      await (await LowdbStorage.open(dir)).write({ broken: { secret }, fine: { n: 1 }, 'also/fine': { n: 2 } });
      const file = fileOf(dir, 'broken');
      await truncate(file, 40);
      return { storage: await LowdbStorage.open(dir), file };
    }

    it('rejects the read with a StorageError that names the file but not its content', async () => {
      const { storage, file } = await storageWithTruncatedFile();
      const error = await expectStorageError(storage.read(['broken']));
      expect(error.message).to.include(file);
      expect(error.message).not.to.include('sécurité');
      expect(String((error.cause as Error | undefined)?.message)).not.to.include('sécurité');
    });

    it('keeps the other keys readable', async () => {
      const { storage } = await storageWithTruncatedFile();
      const items = await storage.read(['fine', 'also/fine']);
      expect([items['fine']?.n, items['also/fine']?.n]).to.deep.equal([1, 2]);
    });

    it('rejects an eTag-checked write to it, and lets a forced write repair it', async () => {
      const { storage } = await storageWithTruncatedFile();
      await expectStorageError(storage.write({ broken: { n: 1, eTag: 'some-etag' } }));
      await storage.write({ broken: { n: 2, eTag: '*' } });
      expect((await storage.read(['broken']))['broken']).to.include({ n: 2 });
    });

    it('reports an empty file or one of the wrong shape the same way', async () => {
      const { storage, file } = await storageWithTruncatedFile();
      await truncate(file, 0);
      expect((await expectStorageError(storage.read(['broken']))).message).to.include(file);
      await writeFile(file, '[1, 2, 3]');
      expect((await expectStorageError(storage.read(['broken']))).message).to.include(file);
    });
  });

  describe('flush()', () => {
    it('resolves at once when nothing is in flight', async () => {
      await (await LowdbStorage.open(dir)).flush();
    });

    it('waits for every write and delete in flight, failed ones included', async () => {
      const storage = await LowdbStorage.open(dir);
      await storage.write({ doomed: { n: 0 } });
      const settled: string[] = [];
      const track = (label: string, promise: Promise<void>): void => {
        promise.then(
          () => settled.push(label),
          () => settled.push(`${label} (rejected)`),
        );
      };
      for (let n = 1; n <= 20; n += 1) {
        track(`write ${n}`, storage.write({ counter: { n }, [`user-${n}`]: { n } }));
      }
      track('delete', storage.delete(['doomed']));
      track('conflict', storage.write({ counter: { n: -1, eTag: 'not-the-current-one' } }));

      await storage.flush();

      expect(settled).to.have.length(22);
      expect(settled).to.include('conflict (rejected)');
      const reopened = await LowdbStorage.open(dir);
      const items = await reopened.read(['counter', 'doomed', 'user-20']);
      expect(items['counter']).to.include({ n: 20 });
      expect(items).not.to.have.property('doomed');
      expect(items['user-20']).to.include({ n: 20 });
    });
  });

  describe('checkHealth()', () => {
    it('is true for a writable directory and leaves nothing behind', async () => {
      const storage = await LowdbStorage.open(dir);
      expect(await storage.checkHealth()).to.equal(true);
      expect(await readdir(dir, { recursive: true })).to.deep.equal(['items']);
    });

    it('recreates the directory if it was removed', async () => {
      const storage = await LowdbStorage.open(join(dir, 'store'));
      await rm(join(dir, 'store'), { recursive: true });
      expect(await storage.checkHealth()).to.equal(true);
    });

    it("rejects with the file system's error code when the directory cannot be written (its path now runs through a regular file)", async () => {
      const storage = await LowdbStorage.open(join(dir, 'store'));
      await rm(join(dir, 'store'), { recursive: true });
      await writeFile(join(dir, 'store'), 'not a directory');
      const error = await storage.checkHealth().catch((e: unknown) => e);
      expect((error as NodeJS.ErrnoException).code).to.be.oneOf(['EEXIST', 'ENOTDIR']);
    });

    it('open() rejects for a path under a regular file', async () => {
      await writeFile(join(dir, 'file'), '');
      const error = await LowdbStorage.open(join(dir, 'file', 'store')).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(Error);
    });
  });

  describe('crash safety', () => {
    const KEY_COUNT = 4;
    const KILLS = 12;

    function startWriter(): ChildProcess {
      return spawn(process.execPath, ['--import', 'tsx/esm', CRASH_WRITER, dir, String(KEY_COUNT)], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    }

    /** Resolves once the writer has written every key; rejects if it exits or stays silent first. */
    async function untilReady(child: ChildProcess): Promise<void> {
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`crash writer not ready after 20 s: ${stderr}`)), 20_000);
        child.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`crash writer exited early (${code}): ${stderr}`));
        });
      });
    }

    async function killAtRandomMoment(child: ChildProcess): Promise<void> {
      await sleep(Math.floor(Math.random() * 150));
      expect(child.exitCode, 'the writer must still be running when killed').to.equal(null);
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }

    /** Every stored file parses, and reads back through LowdbStorage with its eTag and an intact value. */
    async function expectConsistentStore(): Promise<void> {
      const files = (await listFiles(dir)).filter((file) => file.endsWith('.json'));
      expect(files).to.have.length(KEY_COUNT);
      const onDisk = await Promise.all(
        files.map(async (file) => JSON.parse(await readFile(file, 'utf8')) as { key: string; eTag: string }),
      );
      const keys = onDisk.map((record) => record.key);
      expect([...keys].sort()).to.deep.equal(Array.from({ length: KEY_COUNT }, (_, i) => crashKey(i)).sort());

      const items = await (await LowdbStorage.open(dir)).read(keys);
      for (const record of onDisk) {
        const item = items[record.key] as CrashItem & { eTag: string };
        expect(item.eTag).to.equal(record.eTag);
        expect(item.checksum).to.equal(checksumOf(item.seq, item.payload));
      }
    }

    it(`leaves every file readable and consistent after ${KILLS} SIGKILLs at random moments`, async function () {
      this.timeout(KILLS * 25_000);
      let child: ChildProcess | undefined;
      try {
        for (let kill = 0; kill < KILLS; kill += 1) {
          child = startWriter();
          await untilReady(child);
          await killAtRandomMoment(child);
          await expectConsistentStore();
        }
      } finally {
        if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    });
  });
});
