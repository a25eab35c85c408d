import type { Storage, StoreItems } from 'botbuilder';
import { StorageError } from '../../core/errors.js';
import type { DataKeyRing } from '../../infra/crypto/data-key-ring.js';

/** What the wrapped storage holds for each key: the sealed item, and the eTag the wrapped storage manages. */
interface SealedItem {
  sealed: string;
  eTag?: string;
}

/**
 * Encryption at rest for every botbuilder Storage (lowdb, memory, blobs): each item is stored as one sealed
 * envelope, so bilan records, the consent ledger, the channel outbox, conversation references and any chat state
 * are all covered, whoever writes them. The eTag stays outside the envelope, so the wrapped storage keeps doing
 * optimistic concurrency exactly as before. Items read with a previous key are re-sealed with the current key on
 * their next write.
 */
export class EncryptedStorage implements Storage {
  constructor(
    private readonly inner: Storage,
    private readonly keys: DataKeyRing,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const stored = await this.inner.read(keys);
    const items: StoreItems = {};
    for (const [key, item] of Object.entries(stored)) {
      if (item === undefined || item === null) continue;
      items[key] = this.#open(key, item);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const sealed: StoreItems = {};
    for (const [key, item] of Object.entries(changes)) sealed[key] = this.#seal(key, item);
    await this.inner.write(sealed);
  }

  async delete(keys: string[]): Promise<void> {
    await this.inner.delete(keys);
  }

  #seal(key: string, item: unknown): SealedItem {
    const { eTag, ...value } = (item ?? {}) as Record<string, unknown>;
    const sealedItem: SealedItem = { sealed: this.keys.seal(key, JSON.stringify(value)) };
    if (typeof eTag === 'string') sealedItem.eTag = eTag;
    return sealedItem;
  }

  #open(key: string, item: unknown): Record<string, unknown> {
    const { sealed, eTag } = item as Partial<SealedItem>;
    if (typeof sealed !== 'string') {
      throw new StorageError(`Storage: item "${key}" is not encrypted (written before encryption at rest?): run \`npm run data:reencrypt\`.`);
    }
    const value = JSON.parse(this.keys.open(key, sealed)) as Record<string, unknown>;
    return eTag === undefined ? value : { ...value, eTag };
  }
}
