import { ConcurrencyError, DomainError, StorageError } from '../errors.js';
import { bilanRecordSchema, type BilanRecord } from './bilan-record.js';
import { CREATE_ONLY_ETAG, isETagConflict, type KeyValueStore } from './key-value-store.js';

/** A record as loaded, with the eTag to hand back when saving it. */
export interface LoadedBilan {
  readonly record: BilanRecord;
  readonly eTag: string | undefined;
}

/** Where bilan records live, keyed by the user's Entra (AAD) object id. */
export interface BilanRepository {
  load(userId: string): Promise<LoadedBilan | undefined>;
  /**
   * Saves; throws ConcurrencyError when the record changed since `eTag` was read, or, with no eTag (the record
   * was read absent), when someone created it meanwhile.
   */
  save(record: BilanRecord, eTag: string | undefined): Promise<void>;
  delete(userId: string): Promise<void>;
}

/**
 * Turns a record into what is stored and back. The plain codec stores JSON; an encrypting codec
 * (encryption at rest) can replace it without touching the repository or its callers.
 */
export interface RecordCodec {
  encode(record: BilanRecord): Record<string, unknown>;
  decode(stored: Record<string, unknown>): unknown;
}

export const plainRecordCodec: RecordCodec = {
  encode: (record) => ({ record }),
  decode: (stored) => stored['record'],
};

const KEY_PREFIX = 'bilan/records/';

/** BilanRepository over any botbuilder-compatible store, with eTag-checked saves. */
export class StoreBilanRepository implements BilanRepository {
  constructor(
    private readonly store: KeyValueStore,
    private readonly codec: RecordCodec = plainRecordCodec,
  ) {}

  async load(userId: string): Promise<LoadedBilan | undefined> {
    const key = KEY_PREFIX + userId;
    const item = (await this.store.read([key]))[key];
    if (item === undefined || item === null || typeof item !== 'object') return undefined;
    const { eTag, ...stored } = item as Record<string, unknown>;
    const parsed = bilanRecordSchema.safeParse(this.codec.decode(stored));
    if (!parsed.success) throw new StorageError(`Stored bilan record ${key} does not match the record schema`);
    return { record: parsed.data, eTag: typeof eTag === 'string' ? eTag : undefined };
  }

  async save(record: BilanRecord, eTag: string | undefined): Promise<void> {
    const key = KEY_PREFIX + record.userId;
    // Checked on the way in too: a record that could not be read back is never written (the turn fails instead).
    if (!bilanRecordSchema.safeParse(record).success) throw new DomainError(`Refusing to save bilan record ${key}: it does not match the record schema`);
    try {
      await this.store.write({ [key]: { ...this.codec.encode(record), eTag: eTag ?? CREATE_ONLY_ETAG } });
    } catch (error: unknown) {
      if (isETagConflict(error)) {
        throw new ConcurrencyError(`Bilan record ${key} changed since it was read`, { cause: error });
      }
      throw error;
    }
  }

  async delete(userId: string): Promise<void> {
    await this.store.delete([KEY_PREFIX + userId]);
  }
}
