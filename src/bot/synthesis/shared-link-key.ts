import { randomBytes } from 'node:crypto';
import { CREATE_ONLY_ETAG, isETagConflict, type KeyValueStore } from '../../core/bilan/key-value-store.js';
import { StorageError } from '../../core/errors.js';

const KEY_BYTES = 32;

/** One key per kind of link, so that a synthesis link can never be used as a data-export link. */
export type LinkPurpose = 'download-links' | 'export-links';

/**
 * The key sealing synthesis download (or data export) links, shared by every instance through the shared storage: the browser
 * that opens a link reaches whichever instance the load balancer picks, not the one that sent the link.
 * Created once, create-only, by the first instance to start; the others read it. Whoever can read the store can
 * read the bilans themselves, so keeping the key there exposes nothing more.
 */
export async function sharedLinkKey(store: KeyValueStore, purpose: LinkPurpose = 'download-links'): Promise<Buffer> {
  const KEY = `bilan/keys/${purpose}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const stored = (await store.read([KEY]))[KEY] as { key?: unknown } | undefined;
    if (typeof stored?.key === 'string') {
      const key = Buffer.from(stored.key, 'base64');
      if (key.length !== KEY_BYTES) throw new StorageError(`Stored item ${KEY} does not hold a ${KEY_BYTES}-byte key`);
      return key;
    }
    const key = randomBytes(KEY_BYTES);
    try {
      await store.write({ [KEY]: { key: key.toString('base64'), eTag: CREATE_ONLY_ETAG } });
      return key;
    } catch (error: unknown) {
      if (!isETagConflict(error)) throw error; // another instance created it first: read theirs
    }
  }
  throw new StorageError(`Could not read or create ${KEY}`);
}
