import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';
import { storageContract } from './storage.contract.js';

storageContract('LowdbStorage', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bilan-storage-contract-'));
  const storage = await LowdbStorage.open(dir);
  return Object.assign(storage, {
    close: async () => {
      await storage.flush();
      await rm(dir, { recursive: true, force: true });
    },
  });
});
