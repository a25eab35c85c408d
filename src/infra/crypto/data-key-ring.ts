import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { StorageError } from '../../core/errors.js';

/*
 * Authenticated encryption of stored items: AES-256-GCM, a fresh 96-bit nonce per write, and the storage key
 * as additional authenticated data, so a ciphertext copied under another key (another user) fails to open.
 *
 * Envelope (one string): `bilan1.<keyId>.<nonce>.<tag>.<ciphertext>`, parts in base64url. The key id names the
 * key that sealed it, so old items stay readable with a previous key after a rotation. Items about one person are
 * sealed the same way with that person's own key instead (`bilanp1`, see person-keys.ts).
 */

const FORMAT = 'bilan1';
export const PERSON_FORMAT = 'bilanp1';
const ALGORITHM = 'aes-256-gcm';
export const DATA_KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface DataKey {
  readonly id: string;
  readonly secret: Buffer;
}

/** A key from its base64 text (the format of DATA_ENCRYPTION_KEY and of the key file). */
export function dataKeyFromBase64(text: string): DataKey {
  const secret = Buffer.from(text.trim(), 'base64');
  if (secret.length !== DATA_KEY_BYTES) throw new RangeError(`a data encryption key is ${DATA_KEY_BYTES} bytes`);
  return { id: keyIdOf(secret), secret };
}

/** A short, public fingerprint of a key: says which key sealed an item without revealing the key. */
export function keyIdOf(secret: Buffer): string {
  return createHash('sha256').update('bilan data key id\0').update(secret).digest('base64url').slice(0, 8);
}

export function newDataKeyBase64(): string {
  return randomBytes(DATA_KEY_BYTES).toString('base64');
}

/** The current key seals; the current key and the previous ones open. */
export class DataKeyRing {
  readonly #current: DataKey;
  readonly #byId: ReadonlyMap<string, DataKey>;

  constructor(current: DataKey, previous: readonly DataKey[] = []) {
    this.#current = current;
    this.#byId = new Map([...previous, current].map((key) => [key.id, key]));
  }

  get currentKeyId(): string {
    return this.#current.id;
  }

  /** Whether `sealed` was sealed with a key other than the current one (it is re-sealed on its next write). */
  isSealedWithOlderKey(sealed: string): boolean {
    return sealed.split('.')[1] !== this.#current.id;
  }

  seal(storageKey: string, plaintext: string): string {
    return sealWith(this.#current, storageKey, plaintext);
  }

  /** The key of this ring named `keyId`, if any (the current one or a previous one). */
  keyById(keyId: string): DataKey | undefined {
    return this.#byId.get(keyId);
  }

  /** The plaintext; a StorageError (never an empty result) when the envelope is malformed, tampered or sealed with an unknown key. */
  open(storageKey: string, sealed: string): string {
    const keyId = envelopeKeyId(storageKey, sealed, FORMAT);
    const key = this.#byId.get(keyId);
    if (!key) {
      throw new StorageError(
        `Storage: item "${storageKey}" was encrypted with key ${keyId}, which is neither DATA_ENCRYPTION_KEY (${this.#current.id}) nor a DATA_ENCRYPTION_KEY_PREVIOUS: wrong key?`,
      );
    }
    return openWith(key, storageKey, sealed);
  }
}

/** The format of an envelope (`bilan1`: sealed with a master key; `bilanp1`: with a person's own key), or undefined. */
export function envelopeFormat(sealed: string): string | undefined {
  const format = sealed.split('.', 1)[0];
  return format === FORMAT || format === PERSON_FORMAT ? format : undefined;
}

/** The id of the key that sealed `sealed`, checking the envelope has the expected `format` and shape. */
export function envelopeKeyId(storageKey: string, sealed: string, format: string): string {
  const [found, keyId, nonce, tag, ciphertext, ...extra] = sealed.split('.');
  if (found !== format || !keyId || nonce === undefined || tag === undefined || ciphertext === undefined || extra.length > 0) {
    throw new StorageError(`Storage: item "${storageKey}" is not a ${format} envelope.`);
  }
  return keyId;
}

/** Seals with one given key; `format` says which kind of key it is (a master key by default). */
export function sealWith(key: DataKey, storageKey: string, plaintext: string, format = FORMAT): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.secret, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(format, key.id, storageKey));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [format, key.id, nonce, cipher.getAuthTag(), ciphertext].map(base64url).join('.');
}

/** Opens an envelope sealed with `key` (its format and key id already checked by the caller). */
export function openWith(key: DataKey, storageKey: string, sealed: string): string {
  const [format = FORMAT, keyId = '', nonce = '', tag = '', ciphertext = ''] = sealed.split('.');
  try {
    const decipher = createDecipheriv(ALGORITHM, key.secret, Buffer.from(nonce, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(format, keyId, storageKey));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch (error: unknown) {
    throw new StorageError(`Storage: item "${storageKey}" fails authentication with key ${keyId}: tampered, truncated or moved from another key.`, {
      cause: error,
    });
  }
}

function associatedData(format: string, keyId: string, storageKey: string): Buffer {
  return Buffer.from(`${format}\0${keyId}\0${storageKey}`, 'utf8');
}

function base64url(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}
