import { createHash, createHmac, randomBytes } from 'node:crypto';
import { CREATE_ONLY_ETAG, isETagConflict, type KeyValueStore } from '../../core/bilan/key-value-store.js';
import { StorageError } from '../../core/errors.js';

/** Where the secret of the pseudonyms is kept: in the store, sealed with the master key like every item. */
export const PERSON_ID_SECRET_KEY = 'bilan/keys/person-ids';
const SECRET_BYTES = 32;
const PREFIX = 'u.';
/** 96 bits of the HMAC: no collision among any realistic number of users (about 1e-17 for a million), and short keys and links. */
const ID_CHARS = 16;

/** A person id as stored: `u.` and 16 base64url characters. Any storage key holding one is about that person. */
export const PERSON_ID_PATTERN = /(?:^|\/)(u\.[A-Za-z0-9_-]{16})(?=\/|$)/;

export function isPersonId(text: string): boolean {
  return text.length === PREFIX.length + ID_CHARS && PERSON_ID_PATTERN.test(text);
}

/**
 * The hash earlier versions keyed erasure proofs by (`erasures/proofs/<hash>`). A person id is the keyed hash of
 * it, so that the data script can move those proofs, whose subjects it cannot know, under the person's id.
 */
export function legacySubjectOf(rawId: string): string {
  return createHash('sha256').update(`bilan/erasure-subject/${rawId}`).digest('hex');
}

/**
 * Pseudonyms: the only user id the bot stores or keys anything by is a keyed hash (HMAC-SHA256) of the Entra
 * object id, so a listing of the store, a log line or an index says nothing about who does a bilan. Without the
 * secret, a known object id cannot be turned into its pseudonym either.
 */
export class PersonIds {
  readonly #secret: Buffer;

  constructor(secret: Buffer) {
    if (secret.length !== SECRET_BYTES) throw new RangeError(`the person id secret is ${SECRET_BYTES} bytes`);
    this.#secret = secret;
  }

  /** The person id of a raw channel user id (`aad:<oid>`, or `<channel>:<id>` without Entra). */
  of(rawId: string): string {
    return this.ofLegacySubject(legacySubjectOf(rawId));
  }

  /** The person id of whoever earlier versions knew by `legacySubject` (see legacySubjectOf). */
  ofLegacySubject(legacySubject: string): string {
    return PREFIX + createHmac('sha256', this.#secret).update(legacySubject).digest('base64url').slice(0, ID_CHARS);
  }
}

/** The pseudonym secret of this store: read, or created once (create-only, so every instance gets the same). */
export async function loadPersonIds(store: KeyValueStore): Promise<PersonIds> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const stored = (await store.read([PERSON_ID_SECRET_KEY]))[PERSON_ID_SECRET_KEY] as { key?: unknown } | undefined;
    if (typeof stored?.key === 'string') return new PersonIds(Buffer.from(stored.key, 'base64'));
    const secret = randomBytes(SECRET_BYTES);
    try {
      await store.write({ [PERSON_ID_SECRET_KEY]: { key: secret.toString('base64'), eTag: CREATE_ONLY_ETAG } });
      return new PersonIds(secret);
    } catch (error: unknown) {
      if (!isETagConflict(error)) throw error; // another instance created it first: read theirs
    }
  }
  throw new StorageError(`Could not read or create ${PERSON_ID_SECRET_KEY}`);
}
