import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Storage } from 'botbuilder';
import { EncryptedStorage } from '../../src/bot/storage/encrypted-storage.js';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';
import { DataKeyRing, dataKeyFromBase64, newDataKeyBase64 } from '../../src/infra/crypto/data-key-ring.js';
import { loadPersonIds } from '../../src/infra/crypto/person-ids.js';
import { PersonKeys } from '../../src/infra/crypto/person-keys.js';
import { anyFileContains, filesUnder, type WithPersonIds } from './http.js';
import type { TestApp } from './test-app.js';

/** A fresh data encryption key in the DATA_ENCRYPTION_KEY format. */
export const newTestKey = (): string => newDataKeyBase64();

/** The store a bot process wrote under `dataDir` (its person keys beside it, as by default), read through the same decryption as the bot. */
export async function openEncryptedStore(dataDir: string, keyBase64: string, previous: string[] = []): Promise<Storage> {
  const ring = new DataKeyRing(dataKeyFromBase64(keyBase64), previous.map(dataKeyFromBase64));
  return new EncryptedStorage(await LowdbStorage.open(dataDir), ring, new PersonKeys(await LowdbStorage.open(`${dataDir}-person-keys`), ring));
}

/** The pseudonyms of the store (read through {@link openEncryptedStore}). */
export async function personIdsIn(store: Storage): Promise<WithPersonIds> {
  return { personIds: await loadPersonIds(store) };
}

/** Every item the app under test has stored, decrypted as the app reads it (keys come from the lowdb files). */
export async function decryptedItems(app: TestApp): Promise<Record<string, unknown>> {
  const files = (await filesUnder(join(app.dataDir, 'items'))).filter((file) => !basename(file).startsWith('.'));
  const keys = await Promise.all(files.map(async (file) => (JSON.parse(await readFile(file, 'utf8')) as { key: string }).key));
  return app.app.storage.read(keys);
}

/** Whether `needle` is stored anywhere: in the clear in a file, or inside an encrypted item once decrypted. */
export async function storedAnywhere(app: TestApp, needle: string): Promise<boolean> {
  return (await anyFileContains(app.dataDir, needle)) || JSON.stringify(await decryptedItems(app)).includes(needle);
}
