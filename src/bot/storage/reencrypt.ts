import type { Storage } from 'botbuilder';
import type { DataKeyRing } from '../../infra/crypto/data-key-ring.js';
import { EncryptedStorage } from './encrypted-storage.js';

export interface ReencryptSummary {
  readonly rewritten: number;
  readonly alreadyCurrent: number;
}

/**
 * Rewrites every item of `keys` sealed with the current key: items sealed with a previous key (after a
 * rotation) and plaintext items (written before encryption at rest). Each write carries the eTag read, so an
 * item the running bot changes meanwhile is left to it (it seals with the current key anyway).
 */
export async function reencryptAll(inner: Storage, ring: DataKeyRing, keys: readonly string[]): Promise<ReencryptSummary> {
  const sealedStorage = new EncryptedStorage(inner, ring);
  let rewritten = 0;
  for (const key of keys) {
    const raw = (await inner.read([key]))[key] as { sealed?: unknown; eTag?: string } | undefined;
    if (!raw || (typeof raw.sealed === 'string' && !ring.isSealedWithOlderKey(raw.sealed))) continue;
    const item: unknown = typeof raw.sealed === 'string' ? (await sealedStorage.read([key]))[key] : raw;
    await sealedStorage.write({ [key]: { ...(item as object), eTag: raw.eTag } });
    rewritten++;
  }
  return { rewritten, alreadyCurrent: keys.length - rewritten };
}

/** Whether any of `keys` is already sealed (then a new key must never be made: it could not open them). */
export async function anySealed(inner: Storage, keys: readonly string[]): Promise<boolean> {
  const items = await inner.read([...keys]);
  return Object.values(items).some((item) => typeof (item as { sealed?: unknown } | undefined)?.sealed === 'string');
}
