import { mkdir, open, readdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../../core/errors.js';
import { dataKeyFromBase64, newDataKeyBase64, type DataKey } from './data-key-ring.js';

const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;
const GROUP_OR_OTHER_ACCESS = 0o077;

/**
 * The local data key (lowdb without DATA_ENCRYPTION_KEY): read from `path`, or created there on first start.
 * The file holds the key in the DATA_ENCRYPTION_KEY format, so it can be moved into a secret store as is.
 * A new key is never made while `dataDir` already holds items (they would become unreadable), except to
 * encrypt a store written before encryption at rest (`forPlaintextStore`, checked by the caller).
 */
export async function loadOrCreateKeyFile(path: string, dataDir: string, options: { forPlaintextStore?: boolean } = {}): Promise<DataKey> {
  const existing = await readKeyFile(path);
  if (existing !== undefined) return existing;
  if (!options.forPlaintextStore && (await holdsFiles(dataDir))) {
    throw new ConfigError(
      `The data encryption key file ${path} is missing but ${dataDir} holds stored items: restore the key file from its backup, or set DATA_ENCRYPTION_KEY (see README, "Encryption at rest"). A store written before encryption at rest: run \`npm run data:reencrypt\` once.`,
    );
  }
  await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR });
  const text = newDataKeyBase64();
  try {
    const handle = await open(path, 'wx', PRIVATE_FILE);
    try {
      await handle.writeFile(`${text}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error: unknown) {
    // Another process created it in the meantime: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKeyFile(path, dataDir, options);
    throw error;
  }
  return dataKeyFromBase64(text);
}

async function readKeyFile(path: string): Promise<DataKey | undefined> {
  const info = await stat(path).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (!info) return undefined;
  if ((info.mode & GROUP_OR_OTHER_ACCESS) !== 0) {
    throw new ConfigError(`The data encryption key file ${path} is accessible to other users: run \`chmod 600 ${path}\`.`);
  }
  const text = await readFile(path, 'utf8');
  try {
    return dataKeyFromBase64(text);
  } catch {
    throw new ConfigError(`The data encryption key file ${path} does not hold a key (32 bytes in base64).`);
  }
}

async function holdsFiles(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.some((entry) => entry.isFile());
}
