import { resolve } from 'node:path';
import type { Storage } from 'botbuilder';
import { BlobStorage } from './bot/storage/blob-storage.js';
import { CheckedMemoryStorage } from './bot/storage/checked-memory-storage.js';
import { EncryptedStorage } from './bot/storage/encrypted-storage.js';
import { LowdbStorage } from './bot/storage/lowdb-storage.js';
import type { Config } from './config.js';
import { loadDataKeys } from './infra/crypto/data-keys.js';
import { PersonKeys } from './infra/crypto/person-keys.js';
import { PROJECT_ROOT } from './project-root.js';

/** A storage as the app uses it, with what shutdown and /healthz need. */
export interface OpenedStorage {
  readonly storage: Storage;
  /** Each person's own data key, destroyed at their erasure; absent for a storage given as is (tests). */
  readonly personKeys?: PersonKeys;
  flush(): Promise<void>;
  checkHealth(): Promise<boolean>;
}

/** A storage given as is (tests): nothing to flush, always healthy. */
export function inMemory(storage: Storage): OpenedStorage {
  return { storage, flush: () => Promise.resolve(), checkHealth: () => Promise.resolve(true) };
}

/** The storage the configuration names, encrypted, as the bot uses it (also for tools that prepare or inspect data). */
export async function openConfiguredStorage(config: Config): Promise<OpenedStorage> {
  const keys = await loadDataKeys(config, PROJECT_ROOT);
  const keyStore = await openPersonKeyStore(config);
  const personKeys = new PersonKeys(keyStore.store, keys);
  const encrypted = (inner: Storage) => new EncryptedStorage(inner, keys, personKeys);
  if (config.STORAGE === 'memory') return { ...inMemory(encrypted(new CheckedMemoryStorage())), personKeys };
  if (config.STORAGE === 'blob' && config.BLOB_CONNECTION_STRING) {
    // Every write is a completed request to Azure: nothing to flush. /healthz writes and deletes a probe blob.
    const blob = new BlobStorage(config.BLOB_CONNECTION_STRING, config.BLOB_CONTAINER);
    return { storage: encrypted(blob), personKeys, flush: () => Promise.resolve(), checkHealth: () => blob.checkHealth() };
  }
  const lowdb = await LowdbStorage.open(resolve(PROJECT_ROOT, config.DATA_DIR));
  return { storage: encrypted(lowdb), personKeys, flush: async () => (await lowdb.flush(), await keyStore.flush()), checkHealth: () => lowdb.checkHealth() };
}

/** Where the wrapped person keys are kept, apart from the data: their own directory, container or memory. */
export async function openPersonKeyStore(config: Config): Promise<{ store: Storage; flush(): Promise<void>; listKeys?(): Promise<string[]> }> {
  if (config.STORAGE === 'memory') return { store: new CheckedMemoryStorage(), flush: () => Promise.resolve() };
  if (config.STORAGE === 'blob' && config.BLOB_CONNECTION_STRING) {
    const blob = new BlobStorage(config.PERSON_KEYS_BLOB_CONNECTION_STRING ?? config.BLOB_CONNECTION_STRING, config.PERSON_KEYS_BLOB_CONTAINER);
    return { store: blob, flush: () => Promise.resolve() };
  }
  const lowdb = await LowdbStorage.open(personKeysDir(config));
  return { store: lowdb, flush: () => lowdb.flush(), listKeys: () => lowdb.listKeys() };
}

/** The directory of the wrapped person keys with lowdb: PERSON_KEYS_DIR, else next to DATA_DIR (`<DATA_DIR>-person-keys`). */
export function personKeysDir(config: Config): string {
  return resolve(PROJECT_ROOT, config.PERSON_KEYS_DIR ?? `${resolve(PROJECT_ROOT, config.DATA_DIR)}-person-keys`);
}
