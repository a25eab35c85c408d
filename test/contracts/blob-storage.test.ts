import { ContainerClient } from '@azure/storage-blob';
import { BlobStorage } from '../../src/bot/storage/blob-storage.js';
import { Azurite } from '../support/azurite.js';
import { storageContract } from './storage.contract.js';

describe('BlobStorage on Azurite', function () {
  this.timeout(40_000);
  let azurite: Azurite;
  let containers = 0;

  before(async () => {
    azurite = await Azurite.start();
  });

  after(async () => {
    await azurite?.stop();
  });

  // A container per test, dropped afterwards: every test starts from an empty store.
  storageContract('BlobStorage', () => {
    const name = `contract-${process.pid}-${++containers}`;
    const storage = new BlobStorage(azurite.connectionString, name);
    return Promise.resolve(
      Object.assign(storage, {
        close: async () => {
          await new ContainerClient(azurite.connectionString, name).deleteIfExists();
        },
      }),
    );
  });
});
