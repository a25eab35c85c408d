/**
 * `npm run data:reencrypt`: brings the lowdb store (DATA_DIR) up to what this version writes.
 * - Moves what earlier versions keyed by a user's Entra id under their pseudonymous person id (stop the bot first:
 *   the version that runs must not meet a user whose bilan is still under the old key).
 * - Seals every item with DATA_ENCRYPTION_KEY (or the key file), a person's items with their own key; re-wraps the
 *   person keys with it. Run it after a key rotation, then empty DATA_ENCRYPTION_KEY_PREVIOUS; or once on a store
 *   written before encryption at rest.
 * Safe to run again; the re-encryption alone is safe while the bot runs (eTag-checked writes).
 */
import { resolve } from 'node:path';
import { EncryptedStorage } from '../../src/bot/storage/encrypted-storage.js';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';
import { migrateToPersonIds } from '../../src/bot/storage/person-id-migration.js';
import { anySealed, reencryptAll } from '../../src/bot/storage/reencrypt.js';
import { loadConfig } from '../../src/config.js';
import { openPersonKeyStore } from '../../src/configured-storage.js';
import { loadDataKeys } from '../../src/infra/crypto/data-keys.js';
import { loadPersonIds } from '../../src/infra/crypto/person-ids.js';
import { PersonKeys } from '../../src/infra/crypto/person-keys.js';

/** The project root, as the bot resolves it (DATA_DIR and DATA_KEY_FILE are relative to it). */
const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.STORAGE !== 'lowdb') throw new Error(`STORAGE=${config.STORAGE}: only a lowdb store can be re-encrypted by this script.`);
  const store = await LowdbStorage.open(resolve(PROJECT_ROOT, config.DATA_DIR));
  const ring = await loadDataKeys(config, PROJECT_ROOT, { forPlaintextStore: !(await anySealed(store, await store.listKeys())) });
  const keyStore = await openPersonKeyStore(config);
  const personKeys = new PersonKeys(keyStore.store, ring);
  // Plaintext items first (a store written before encryption at rest): the migration reads through the decryption.
  const first = await reencryptAll(store, ring, await store.listKeys());
  const storage = new EncryptedStorage(store, ring, personKeys);
  const moved = await migrateToPersonIds(storage, await store.listKeys(), await loadPersonIds(storage));
  const second = await reencryptAll(store, ring, await store.listKeys(), personKeys);
  const rewrapped = await personKeys.rewrapAll((await keyStore.listKeys?.()) ?? []);
  await store.flush();
  await keyStore.flush();
  process.stdout.write(
    `${first.rewritten + second.rewritten} item(s) re-encrypted with key ${ring.currentKeyId}; ` +
      `${moved.people} person(s) and ${moved.proofs} erasure proof(s) moved under pseudonymous keys; ${rewrapped} person key(s) re-wrapped.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
