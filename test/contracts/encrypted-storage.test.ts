import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckedMemoryStorage } from '../../src/bot/storage/checked-memory-storage.js';
import { EncryptedStorage } from '../../src/bot/storage/encrypted-storage.js';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';
import { DataKeyRing, dataKeyFromBase64, newDataKeyBase64 } from '../../src/infra/crypto/data-key-ring.js';
import type { StoreItems } from 'botbuilder';
import { PersonIds } from '../../src/infra/crypto/person-ids.js';
import { PersonKeys } from '../../src/infra/crypto/person-keys.js';
import { storageContract } from './storage.contract.js';

const ring = () => new DataKeyRing(dataKeyFromBase64(newDataKeyBase64()));

storageContract('EncryptedStorage over LowdbStorage', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bilan-encrypted-contract-'));
  const lowdb = await LowdbStorage.open(dir);
  return Object.assign(new EncryptedStorage(lowdb, ring()), {
    close: async () => {
      await lowdb.flush();
      await rm(dir, { recursive: true, force: true });
    },
  });
});

storageContract('EncryptedStorage over CheckedMemoryStorage', () => Promise.resolve(new EncryptedStorage(new CheckedMemoryStorage(), ring())));

/**
 * Every key names a person (a person id segment), so every item is sealed with a person's own key; the keys the
 * contract uses are mapped to such keys and back. Several persons, as each contract key gets its own.
 */
storageContract('EncryptedStorage with person keys (every item sealed with its person key)', () => {
  const master = ring();
  const ids = new PersonIds(Buffer.alloc(32, 1));
  const personal = (key: string) => `contract/${ids.of(key)}/${key}`;
  const original = (key: string) => key.slice(key.indexOf('/', 'contract/'.length) + 1);
  const encrypted = new EncryptedStorage(new CheckedMemoryStorage(), master, new PersonKeys(new CheckedMemoryStorage(), master));
  return Promise.resolve({
    read: async (keys: string[]) => {
      if (!keys) throw new ReferenceError('Keys are required when reading.');
      const items = await encrypted.read(keys.map(personal));
      return Object.fromEntries(Object.entries(items).map(([key, item]) => [original(key), item]));
    },
    write: async (changes: StoreItems) => {
      if (!changes) throw new ReferenceError('Changes are required when writing.');
      await encrypted.write(Object.fromEntries(Object.entries(changes).map(([key, item]) => [personal(key), item]))).catch((error: unknown) => {
        // The conflict names the key written: the contract expects its own.
        throw error instanceof Error ? new Error(error.message.replace(/"contract\/u\.[A-Za-z0-9_-]{16}\//, '"')) : error;
      });
    },
    delete: (keys: string[]) => encrypted.delete(keys.map(personal)),
  });
});
