import type { Storage } from 'botbuilder';
import { EncryptedStorage } from '../../src/bot/storage/encrypted-storage.js';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';
import { DataKeyRing, dataKeyFromBase64, newDataKeyBase64 } from '../../src/infra/crypto/data-key-ring.js';

/** A fresh data encryption key in the DATA_ENCRYPTION_KEY format. */
export const newTestKey = (): string => newDataKeyBase64();

/** The store a bot process wrote under `dataDir`, read through the same decryption as the bot. */
export async function openEncryptedStore(dataDir: string, keyBase64: string, previous: string[] = []): Promise<Storage> {
  return new EncryptedStorage(await LowdbStorage.open(dataDir), new DataKeyRing(dataKeyFromBase64(keyBase64), previous.map(dataKeyFromBase64)));
}
