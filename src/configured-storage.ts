import { resolve } from 'node:path';
import type { Storage } from 'botbuilder';
import { BlobStorage } from './bot/storage/blob-storage.js';
import { CheckedMemoryStorage } from './bot/storage/checked-memory-storage.js';
import { EncryptedStorage } from './bot/storage/encrypted-storage.js';
import { LowdbStorage } from './bot/storage/lowdb-storage.js';
import type { Config } from './config.js';
import { loadDataKeys } from './infra/crypto/data-keys.js';
import { PROJECT_ROOT } from './project-root.js';

/** A storage as the app uses it, with what shutdown and /healthz need. */
export interface OpenedStorage {
  readonly storage: Storage;
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
  if (config.STORAGE === 'memory') return inMemory(new EncryptedStorage(new CheckedMemoryStorage(), keys));
  if (config.STORAGE === 'blob' && config.BLOB_CONNECTION_STRING) {
    // Every write is a completed request to Azure: nothing to flush. /healthz writes and deletes a probe blob.
    const blob = new BlobStorage(config.BLOB_CONNECTION_STRING, config.BLOB_CONTAINER);
    return { storage: new EncryptedStorage(blob, keys), flush: () => Promise.resolve(), checkHealth: () => blob.checkHealth() };
  }
  const lowdb = await LowdbStorage.open(resolve(PROJECT_ROOT, config.DATA_DIR));
  return { storage: new EncryptedStorage(lowdb, keys), flush: () => lowdb.flush(), checkHealth: () => lowdb.checkHealth() };
}
