import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckedMemoryStorage } from '../../src/bot/storage/checked-memory-storage.js';
import { EncryptedStorage } from '../../src/bot/storage/encrypted-storage.js';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';
import { DataKeyRing, dataKeyFromBase64, newDataKeyBase64 } from '../../src/infra/crypto/data-key-ring.js';
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
