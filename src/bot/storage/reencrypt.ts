import type { Storage } from 'botbuilder';
import { envelopeFormat, PERSON_FORMAT, type DataKeyRing } from '../../infra/crypto/data-key-ring.js';
import type { PersonKeys } from '../../infra/crypto/person-keys.js';
import { EncryptedStorage, personOfKey } from './encrypted-storage.js';

export interface ReencryptSummary {
  readonly rewritten: number;
  readonly alreadyCurrent: number;
}

/**
 * Rewrites every item of `keys` not sealed as this version seals it: items sealed with a previous master key
 * (after a rotation), plaintext items (written before encryption at rest), and a person's items still sealed with
 * the master key (written before person keys). A person's items sealed with their own key stay as they are: a
 * rotation of the master key re-wraps the person keys instead (PersonKeys.rewrapAll). Each write carries the eTag
 * read, so an item the running bot changes meanwhile is left to it (it seals as it should anyway).
 */
export async function reencryptAll(inner: Storage, ring: DataKeyRing, keys: readonly string[], personKeys?: PersonKeys): Promise<ReencryptSummary> {
  const sealedStorage = new EncryptedStorage(inner, ring, personKeys);
  let rewritten = 0;
  for (const key of keys) {
    const raw = (await inner.read([key]))[key] as { sealed?: unknown; eTag?: string } | undefined;
    if (!raw || (typeof raw.sealed === 'string' && isSealedAsItShouldBe(key, raw.sealed, ring, personKeys !== undefined))) continue;
    const item: unknown = typeof raw.sealed === 'string' ? (await sealedStorage.read([key]))[key] : raw;
    await sealedStorage.write({ [key]: { ...(item as object), eTag: raw.eTag } });
    rewritten++;
  }
  return { rewritten, alreadyCurrent: keys.length - rewritten };
}

function isSealedAsItShouldBe(key: string, sealed: string, ring: DataKeyRing, withPersonKeys: boolean): boolean {
  if (envelopeFormat(sealed) === PERSON_FORMAT) return true; // its person key is re-wrapped instead
  if (withPersonKeys && personOfKey(key)) return false; // a person's item still sealed with the master key
  return !ring.isSealedWithOlderKey(sealed);
}

/** Whether any of `keys` is already sealed (then a new key must never be made: it could not open them). */
export async function anySealed(inner: Storage, keys: readonly string[]): Promise<boolean> {
  const items = await inner.read([...keys]);
  return Object.values(items).some((item) => typeof (item as { sealed?: unknown } | undefined)?.sealed === 'string');
}
