import { randomUUID } from 'node:crypto';
import { ContainerClient } from '@azure/storage-blob';
import type { Storage, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
// Not re-exported by the package: created blobs must bear the very name BlobsStorage reads.
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey.js';
import { CREATE_ONLY_ETAG, eTagConflict } from '../../core/bilan/key-value-store.js';

/*
 * Azure Blob Storage shared by every instance of the bot: one JSON blob per key, written by botbuilder's own
 * BlobsStorage (same blob names and content, so data stays readable by any botbuilder bot).
 *
 * Around it, this class adds what the Bilan storage contract asks and BlobsStorage does not do:
 * - the MemoryStorage argument checks and a snapshot of each item taken when `write` is called;
 * - every key of a batch is attempted, then the first failure is thrown (BlobsStorage stops at the first);
 * - create-if-absent: an item whose eTag is CREATE_ONLY_ETAG is uploaded with `If-None-Match: *`, an atomic
 *   check on the service's side, so two instances creating the same key at once cannot both succeed.
 * eTag-checked writes are BlobsStorage's `If-Match`, also checked by the service: they hold across instances.
 */

type StoredValue = Record<string, unknown>;

/** Written and deleted by /healthz; one name per process, so instances never race on it. */
const HEALTH_PROBE = `bilan-healthz/${randomUUID()}`;

export class BlobStorage implements Storage {
  readonly #blobs: BlobsStorage;
  readonly #container: ContainerClient;
  #containerReady: Promise<unknown> | undefined;

  constructor(connectionString: string, containerName: string) {
    this.#blobs = new BlobsStorage(connectionString, containerName);
    this.#container = new ContainerClient(connectionString, containerName);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    return this.#blobs.read(keys);
  }

  /** Like MemoryStorage: a conflicting key is not written, the others are; the first conflict is then thrown. */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // Snapshot now: the caller may mutate the items while the uploads are under way.
    const snapshot = Object.entries(changes).map(([key, item]) => ({ key, eTag: eTagOf(item), value: toStoredValue(item) }));
    const writes = snapshot.map(({ key, eTag, value }) =>
      eTag === CREATE_ONLY_ETAG ? this.#create(key, value) : this.#blobs.write({ [key]: { ...value, ...(eTag ? { eTag } : {}) } }),
    );
    const failure = (await Promise.allSettled(writes)).find(
      (result): result is PromiseRejectedResult => result.status === 'rejected',
    );
    if (failure) throw failure.reason;
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length > 0) await this.#blobs.delete(keys);
  }

  /** Whether a blob can be written and deleted in the container now (for /healthz). */
  async checkHealth(): Promise<boolean> {
    try {
      await this.#ensureContainer();
      const probe = this.#container.getBlockBlobClient(HEALTH_PROBE);
      await probe.upload('{}', 2);
      await probe.delete();
      return true;
    } catch {
      return false;
    }
  }

  async #create(key: string, value: StoredValue): Promise<void> {
    await this.#ensureContainer();
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    try {
      await this.#container.getBlockBlobClient(sanitizeBlobKey(key)).upload(body, body.length, {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
    } catch (error: unknown) {
      // 409 BlobAlreadyExists (or 412 from some proxies): someone created the key first.
      const status = (error as { statusCode?: unknown } | null)?.statusCode;
      if (status === 409 || status === 412) throw eTagConflict(key);
      throw error;
    }
  }

  #ensureContainer(): Promise<unknown> {
    this.#containerReady ??= this.#container.createIfNotExists().catch((error: unknown) => {
      this.#containerReady = undefined;
      throw error;
    });
    return this.#containerReady;
  }
}

function eTagOf(item: unknown): string | undefined {
  const eTag: unknown = (item as { eTag?: unknown } | null | undefined)?.eTag;
  return typeof eTag === 'string' && eTag !== '' ? eTag : undefined;
}

/** A JSON-round-tripped copy of the item without its top-level eTag, as BlobsStorage stores it. */
function toStoredValue(item: unknown): StoredValue {
  const value = JSON.parse(JSON.stringify({ ...(item as object) })) as StoredValue;
  delete value['eTag'];
  return value;
}
