import { randomBytes } from 'node:crypto';
import { CREATE_ONLY_ETAG, isETagConflict, type KeyValueStore } from '../../core/bilan/key-value-store.js';
import { StorageError } from '../../core/errors.js';
import { DATA_KEY_BYTES, keyIdOf, type DataKey, type DataKeyRing } from './data-key-ring.js';

/** Unwrapped keys kept in memory: enough for every user active at once on an instance. */
const CACHED_KEYS = 10_000;
/** How long an unwrapped key stays in memory unused by a read; another instance's erasure is seen after at most this. */
const CACHE_MS = 10 * 60 * 1000;

const wrappedKeyOf = (personId: string) => `persons/${personId}`;

interface CachedKey {
  readonly key: DataKey;
  readonly until: number;
}

/**
 * Envelope encryption: each person's items are sealed with that person's own data key; the key is stored apart
 * from the data (its own store), wrapped (sealed) by the master key. Destroying it at erasure leaves every copy of
 * the person's items (Blob soft delete, versions, backups) unreadable, even with the master key (crypto-shredding).
 * Rotating the master key only re-wraps these keys (`rewrapAll`); the data items do not change.
 */
export class PersonKeys {
  readonly #cache = new Map<string, CachedKey>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly master: DataKeyRing,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The key to seal a person's item with, created when they have none. `fresh` reads the key store even when the key
   * is in memory: for a write that may create the item, since another instance may have destroyed the key meanwhile.
   */
  async sealingKey(personId: string, fresh: boolean): Promise<DataKey> {
    const cached = fresh ? undefined : this.#cached(personId);
    if (cached) return cached;
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await this.#read(personId);
      if (stored) return stored;
      const key = newPersonKey();
      try {
        await this.store.write({ [wrappedKeyOf(personId)]: { wrapped: this.#wrap(personId, key), eTag: CREATE_ONLY_ETAG } });
        return this.#remember(personId, key);
      } catch (error: unknown) {
        if (!isETagConflict(error)) throw error; // created by another turn or instance meanwhile: use theirs
      }
    }
    throw new StorageError(`Could not read or create the data key of ${personId}`);
  }

  /** The key `keyId` of the person, or undefined when it no longer exists (destroyed at erasure). */
  async openingKey(personId: string, keyId: string): Promise<DataKey | undefined> {
    const cached = this.#cached(personId);
    if (cached?.id === keyId) return cached;
    const stored = await this.#read(personId);
    return stored?.id === keyId ? stored : undefined;
  }

  /** Destroys the person's key (crypto-shredding) and forgets it in memory. */
  async destroy(personId: string): Promise<void> {
    this.#cache.delete(personId);
    await this.store.delete([wrappedKeyOf(personId)]);
  }

  /** Re-wraps with the current master key each wrapped key of `storageKeys` (the key store's) sealed with an older one; returns how many. */
  async rewrapAll(storageKeys: readonly string[]): Promise<number> {
    let rewrapped = 0;
    for (const storageKey of storageKeys) {
      const item = (await this.store.read([storageKey]))[storageKey] as { wrapped?: unknown; eTag?: string } | undefined;
      if (typeof item?.wrapped !== 'string' || !this.master.isSealedWithOlderKey(item.wrapped)) continue;
      const personId = storageKey.slice(wrappedKeyOf('').length);
      const key = this.#unwrap(personId, item.wrapped);
      await this.store.write({ [storageKey]: { wrapped: this.#wrap(personId, key), eTag: item.eTag ?? '*' } });
      rewrapped++;
    }
    return rewrapped;
  }

  async #read(personId: string): Promise<DataKey | undefined> {
    const item = (await this.store.read([wrappedKeyOf(personId)]))[wrappedKeyOf(personId)] as { wrapped?: unknown } | undefined;
    if (item === undefined || item === null) return undefined;
    if (typeof item.wrapped !== 'string') throw new StorageError(`The data key of ${personId} is not a wrapped key`);
    return this.#remember(personId, this.#unwrap(personId, item.wrapped));
  }

  #cached(personId: string): DataKey | undefined {
    const entry = this.#cache.get(personId);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.#cache.delete(personId);
      return undefined;
    }
    return entry.key;
  }

  #remember(personId: string, key: DataKey): DataKey {
    this.#cache.delete(personId);
    this.#cache.set(personId, { key, until: this.now() + CACHE_MS });
    if (this.#cache.size > CACHED_KEYS) this.#cache.delete(this.#cache.keys().next().value as string);
    return key;
  }

  #wrap(personId: string, key: DataKey): string {
    return this.master.seal(wrappedKeyOf(personId), key.secret.toString('base64'));
  }

  #unwrap(personId: string, wrapped: string): DataKey {
    const secret = Buffer.from(this.master.open(wrappedKeyOf(personId), wrapped), 'base64');
    if (secret.length !== DATA_KEY_BYTES) throw new StorageError(`The data key of ${personId} does not unwrap to ${DATA_KEY_BYTES} bytes`);
    return { id: keyIdOf(secret), secret };
  }
}

function newPersonKey(): DataKey {
  const secret = randomBytes(DATA_KEY_BYTES);
  return { id: keyIdOf(secret), secret };
}
