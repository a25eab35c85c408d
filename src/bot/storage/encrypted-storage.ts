import type { Storage, StoreItems } from 'botbuilder';
import { CREATE_ONLY_ETAG, expectedETagOf } from '../../core/bilan/key-value-store.js';
import { StorageError } from '../../core/errors.js';
import { envelopeFormat, envelopeKeyId, openWith, PERSON_FORMAT, sealWith, type DataKeyRing } from '../../infra/crypto/data-key-ring.js';
import { PERSON_ID_PATTERN } from '../../infra/crypto/person-ids.js';
import type { PersonKeys } from '../../infra/crypto/person-keys.js';

/** What the wrapped storage holds for each key: the sealed item, and the eTag the wrapped storage manages. */
interface SealedItem {
  sealed: string;
  eTag?: string;
}

/** The person a storage key is about (a person id is one of its segments), if any. */
export function personOfKey(key: string): string | undefined {
  return PERSON_ID_PATTERN.exec(key)?.[1];
}

/**
 * Encryption at rest for every botbuilder Storage (lowdb, memory, blobs): each item is stored as one sealed
 * envelope, so bilan records, the consent ledger, the channel outbox, conversation references and any chat state
 * are all covered, whoever writes them. An item whose key names a person (their pseudonymous id) is sealed with
 * that person's own key (`personKeys`), destroyed at their erasure; the others with the master key. The eTag stays
 * outside the envelope, so the wrapped storage keeps doing optimistic concurrency exactly as before. Items read
 * with a previous key (or, for a person's item, with the master key, as earlier versions sealed them) are re-sealed
 * on their next write.
 */
export class EncryptedStorage implements Storage {
  constructor(
    private readonly inner: Storage,
    private readonly keys: DataKeyRing,
    private readonly personKeys?: PersonKeys,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const stored = await this.inner.read(keys);
    const items: StoreItems = {};
    for (const [key, item] of Object.entries(stored)) {
      if (item === undefined || item === null) continue;
      items[key] = await this.#open(key, item);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const sealed: StoreItems = {};
    for (const [key, item] of Object.entries(changes)) sealed[key] = await this.#seal(key, item);
    await this.inner.write(sealed);
  }

  async delete(keys: string[]): Promise<void> {
    await this.inner.delete(keys);
  }

  async #seal(key: string, item: unknown): Promise<SealedItem> {
    const { eTag, ...value } = (item ?? {}) as Record<string, unknown>;
    const sealedItem: SealedItem = { sealed: await this.#sealText(key, JSON.stringify(value), item) };
    if (typeof eTag === 'string') sealedItem.eTag = eTag;
    return sealedItem;
  }

  async #sealText(key: string, plaintext: string, item: unknown): Promise<string> {
    const person = this.personKeys && personOfKey(key);
    if (!person || !this.personKeys) return this.keys.seal(key, plaintext);
    // An update checked against the stored eTag fails if the item (and so its key) was erased meanwhile: the key in
    // memory is safe. A write that may create the item reads the key store, which another instance may have changed.
    const expected = expectedETagOf(item);
    const mayCreate = expected === undefined || expected === CREATE_ONLY_ETAG;
    return sealWith(await this.personKeys.sealingKey(person, mayCreate), key, plaintext, PERSON_FORMAT);
  }

  async #open(key: string, item: unknown): Promise<Record<string, unknown>> {
    const { sealed, eTag } = item as Partial<SealedItem>;
    if (typeof sealed !== 'string') {
      throw new StorageError(`Storage: item "${key}" is not encrypted (written before encryption at rest?): run \`npm run data:reencrypt\`.`);
    }
    const value = JSON.parse(await this.#openText(key, sealed)) as Record<string, unknown>;
    return eTag === undefined ? value : { ...value, eTag };
  }

  async #openText(key: string, sealed: string): Promise<string> {
    if (envelopeFormat(sealed) !== PERSON_FORMAT) return this.keys.open(key, sealed);
    const keyId = envelopeKeyId(key, sealed, PERSON_FORMAT);
    const person = personOfKey(key);
    const personKey = person && this.personKeys ? await this.personKeys.openingKey(person, keyId) : undefined;
    if (!personKey) throw new StorageError(`Storage: item "${key}" is sealed with a person key (${keyId}) that no longer exists: the person's data was erased.`);
    return openWith(personKey, key, sealed);
  }
}
