/**
 * `npm run data:reencrypt`: seals every item of the lowdb store (DATA_DIR) with DATA_ENCRYPTION_KEY (or the
 * key file). Run it after a key rotation, then empty DATA_ENCRYPTION_KEY_PREVIOUS; or once on a store written
 * before encryption at rest. Safe while the bot runs (eTag-checked writes) and safe to run again.
 */
import { resolve } from 'node:path';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';
import { anySealed, reencryptAll } from '../../src/bot/storage/reencrypt.js';
import { loadConfig } from '../../src/config.js';
import { loadDataKeys } from '../../src/infra/crypto/data-keys.js';

/** The project root, as the bot resolves it (DATA_DIR and DATA_KEY_FILE are relative to it). */
const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.STORAGE !== 'lowdb') throw new Error(`STORAGE=${config.STORAGE}: only a lowdb store can be re-encrypted by this script.`);
  const store = await LowdbStorage.open(resolve(PROJECT_ROOT, config.DATA_DIR));
  const keys = await store.listKeys();
  const ring = await loadDataKeys(config, PROJECT_ROOT, { forPlaintextStore: !(await anySealed(store, keys)) });
  const summary = await reencryptAll(store, ring, keys);
  await store.flush();
  process.stdout.write(`${summary.rewritten} item(s) re-encrypted with key ${ring.currentKeyId}, ${summary.alreadyCurrent} already were.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
