import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { JSONFile } from 'lowdb/node';
import { StorageError } from '../../core/errors.js';
import { CREATE_ONLY_ETAG, eTagConflict, expectedETagOf } from '../../core/bilan/key-value-store.js';

/*
 * One small JSON file per key: `<dir>/items/<sha256(key)[0..2]>/<sha256(key)>.json`, so a turn reads and
 * rewrites only its own keys, whatever the number of users stored.
 *
 * Single process only: like lowdb itself, this class assumes it is the only writer of `dir`. The eTag
 * check-then-write is made atomic by a per-key promise chain inside this process; two processes sharing
 * the directory could interleave (and would also share the per-file temp name).
 */

type StoredValue = Record<string, unknown>;

/** Stored items hold personal answers: readable by the bot's user only. */
const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

/** Keys whose last written eTag is remembered (the most recently written); about 100 bytes each. */
const REMEMBERED_ETAGS = 20_000;

/** Content of one key's file. The key is kept to detect hash collisions and to allow exports. */
interface StoredRecord {
  key: string;
  eTag: string;
  value: StoredValue;
}

/**
 * lowdb's JSONFile, with a durable write. lowdb writes through steno (temp file + rename), which survives a
 * process crash but never fsyncs: after a power loss or kernel crash the renamed file may be empty on some
 * file systems. Here the temp file is fsynced before the rename. The directory is not fsynced: a power loss
 * may then bring back the previous version of the file, which is still complete and readable.
 */
class DurableJSONFile<T> extends JSONFile<T> {
  readonly #path: string;

  constructor(path: string) {
    super(path);
    this.#path = path;
  }

  override async write(data: T): Promise<void> {
    await writeDurably(join(dirname(this.#path), `.${basename(this.#path)}.tmp`), this.#path, JSON.stringify(data, null, 2));
  }
}

export class LowdbStorage implements Storage {
  readonly #itemsDir: string;
  /** Tail of the write/delete chain of each busy key; removed once the key is idle. */
  readonly #pending = new Map<string, Promise<void>>();
  /**
   * The eTag this process last wrote for a key (null: deleted). This process is the only writer, so an eTag check
   * can trust it instead of reading the file back; keys it has not written yet are checked against the file.
   */
  readonly #writtenETags = new Map<string, string | null>();

  private constructor(dir: string) {
    this.#itemsDir = join(dir, 'items');
  }

  static async open(dir: string): Promise<LowdbStorage> {
    const storage = new LowdbStorage(dir);
    await mkdir(storage.#itemsDir, { recursive: true, mode: PRIVATE_DIR });
    return storage;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const records = await Promise.all(keys.map((key) => this.#readRecord(key)));
    const items: StoreItems = {};
    for (const record of records) {
      if (record) items[record.key] = { ...record.value, eTag: record.eTag };
    }
    return items;
  }

  /** Like MemoryStorage: a conflicting key is not written, the others are; the first conflict is then thrown. */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const writes = Object.entries(changes).map(([key, item]) => {
      // Snapshot now: the caller may mutate `item` while the write waits for its turn.
      const expectedETag = expectedETagOf(item);
      const value = toStoredValue(item);
      return this.#serialise(key, () => this.#writeRecord(key, expectedETag, value));
    });
    const failure = (await Promise.allSettled(writes)).find(
      (result): result is PromiseRejectedResult => result.status === 'rejected',
    );
    if (failure) throw failure.reason;
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await Promise.all(
      keys.map((key) =>
        this.#serialise(key, async () => {
          this.#writtenETags.delete(key);
          await removeIfPresent(this.#pathOf(key));
          this.#remember(key, null);
        }),
      ),
    );
  }

  /** Resolves once no write or delete is in flight, including those started while waiting. */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending.values());
  }

  /**
   * Whether the storage can take a write now: a small file is written, fsynced and removed, as a turn would. Throws
   * the file system's error (ENOSPC when the disk is full, EACCES, EROFS…) when it cannot.
   */
  async checkHealth(): Promise<boolean> {
    await mkdir(this.#itemsDir, { recursive: true, mode: PRIVATE_DIR });
    const probe = join(this.#itemsDir, `.health-${randomUUID()}`);
    await writeDurably(`${probe}.tmp`, probe, JSON.stringify({ probe: true, padding: ' '.repeat(1024) }));
    await unlink(probe);
    return true;
  }

  /** Every key stored (read from the files: the file names are hashes). For maintenance scripts, not for turns. */
  async listKeys(): Promise<string[]> {
    const entries = await readdir(this.#itemsDir, { recursive: true, withFileTypes: true });
    const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.json') && !entry.name.startsWith('.'));
    const records = await Promise.all(files.map((file) => new DurableJSONFile<unknown>(join(file.parentPath, file.name)).read().catch(() => null)));
    return records.filter(isStoredRecord).map((record) => record.key);
  }

  #serialise(key: string, operation: () => Promise<void>): Promise<void> {
    const previous = this.#pending.get(key) ?? Promise.resolve();
    const result = previous.then(operation);
    const tail = result.catch(() => undefined);
    this.#pending.set(key, tail);
    void tail.then(() => {
      if (this.#pending.get(key) === tail) this.#pending.delete(key);
    });
    return result;
  }

  async #writeRecord(key: string, expectedETag: unknown, value: StoredValue): Promise<void> {
    if (expectedETag !== undefined) {
      const current = this.#writtenETags.has(key) ? this.#writtenETags.get(key) : (await this.#readRecord(key))?.eTag;
      // A create-only write wants no item; any other eTag wants that very item, still there (not deleted meanwhile).
      const conflict = expectedETag === CREATE_ONLY_ETAG ? Boolean(current) : current !== expectedETag;
      if (conflict) throw eTagConflict(key);
    }
    const path = this.#pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR });
    const record: StoredRecord = { key, eTag: randomUUID(), value };
    this.#writtenETags.delete(key);
    await new DurableJSONFile<StoredRecord>(path).write(record);
    this.#remember(key, record.eTag);
  }

  #remember(key: string, eTag: string | null): void {
    this.#writtenETags.delete(key);
    this.#writtenETags.set(key, eTag);
    if (this.#writtenETags.size > REMEMBERED_ETAGS) this.#writtenETags.delete(this.#writtenETags.keys().next().value as string);
  }

  async #readRecord(key: string): Promise<StoredRecord | null> {
    const path = this.#pathOf(key);
    let data: unknown;
    try {
      data = await new DurableJSONFile<unknown>(path).read();
    } catch (error) {
      throw unreadableFileError(path, error);
    }
    if (data === null) return null;
    if (!isStoredRecord(data)) throw new StorageError(`Storage: file "${path}" does not hold a stored item.`);
    if (data.key !== key) throw new StorageError(`Storage: file "${path}" holds another key (sha256 collision).`);
    return data;
  }

  #pathOf(key: string): string {
    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    return join(this.#itemsDir, hash.slice(0, 2), `${hash}.json`);
  }
}

/**
 * Writes `text` to `tempPath`, fsyncs it and renames it to `path`. A write that fails (a full disk) leaves no temp
 * file behind.
 */
async function writeDurably(tempPath: string, path: string, text: string): Promise<void> {
  try {
    const handle = await open(tempPath, 'w', PRIVATE_FILE);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, path);
  } catch (error: unknown) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
}

/** A JSON-round-tripped copy of the item without its top-level eTag, as MemoryStorage stores it. */
function toStoredValue(item: unknown): StoredValue {
  const value = JSON.parse(JSON.stringify({ ...(item as object) })) as StoredValue;
  delete value['eTag'];
  return value;
}

function isStoredRecord(data: unknown): data is StoredRecord {
  if (typeof data !== 'object' || data === null) return false;
  const { key, eTag, value } = data as Partial<Record<keyof StoredRecord, unknown>>;
  const valueIsObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof key === 'string' && typeof eTag === 'string' && valueIsObject;
}

/** Names the file but never quotes it: JSON.parse errors include a snippet of the (personal) content. */
function unreadableFileError(path: string, error: unknown): StorageError {
  if (error instanceof SyntaxError) {
    return new StorageError(`Storage: file "${path}" is corrupt (not valid JSON).`, {
      cause: new SyntaxError('Invalid JSON (parser message withheld: it quotes the file content).'),
    });
  }
  return new StorageError(`Storage: file "${path}" cannot be read.`, { cause: error });
}

async function removeIfPresent(path: string): Promise<void> {
  await unlink(path).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  });
}
