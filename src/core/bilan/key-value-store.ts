/**
 * The storage port the core needs: the shape of botbuilder's `Storage` (MemoryStorage, BlobsStorage,
 * LowdbStorage all fit), so the core can use them without importing botbuilder.
 * A write whose item carries an `eTag` other than '*' must fail if the stored eTag differs.
 */
export interface KeyValueStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}
