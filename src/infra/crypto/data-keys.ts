import { resolve } from 'node:path';
import type { Config } from '../../config.js';
import { DataKeyRing, dataKeyFromBase64, newDataKeyBase64 } from './data-key-ring.js';
import { loadOrCreateKeyFile } from './key-file.js';

/**
 * The keys that seal stored data, from the configuration: DATA_ENCRYPTION_KEY when set; else with lowdb the
 * local key file (created on first start); else (memory storage) a throwaway key, as the data itself is.
 */
export async function loadDataKeys(config: Config, projectRoot: string, options: { forPlaintextStore?: boolean } = {}): Promise<DataKeyRing> {
  const previous = config.DATA_ENCRYPTION_KEY_PREVIOUS.map(dataKeyFromBase64);
  if (config.DATA_ENCRYPTION_KEY) return new DataKeyRing(dataKeyFromBase64(config.DATA_ENCRYPTION_KEY), previous);
  if (config.STORAGE === 'memory') return new DataKeyRing(dataKeyFromBase64(newDataKeyBase64()), previous);
  const keyFile = resolve(projectRoot, config.DATA_KEY_FILE);
  return new DataKeyRing(await loadOrCreateKeyFile(keyFile, resolve(projectRoot, config.DATA_DIR), options), previous);
}
