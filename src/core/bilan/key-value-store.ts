/**
 * The storage port the core needs: the shape of botbuilder's `Storage` (MemoryStorage, BlobStorage,
 * LowdbStorage all fit), so the core can use them without importing botbuilder.
 * A write whose item carries an `eTag` other than '*' must fail if the stored eTag differs.
 */
export interface KeyValueStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/**
 * The eTag to write with when the key was read absent: the write then succeeds only if the key still does not
 * exist, so of two callers creating the same key at the same instant exactly one wins (create-if-absent).
 * No store ever issues this value as an eTag. MemoryStorage and LowdbStorage already behave so (an absent key
 * accepts any eTag, a present one must match, checked atomically inside the process); BlobStorage turns it into
 * a conditional `If-None-Match: *` upload, which holds across instances. The storage contract tests all three.
 */
export const CREATE_ONLY_ETAG = 'bilan:create-only';

/** Whether a write failed because the stored eTag was not the expected one (the message every Storage uses). */
export function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /etag conflict/i.test(error.message);
}
