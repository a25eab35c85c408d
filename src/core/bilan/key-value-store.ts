/**
 * The storage port the core needs: the shape of botbuilder's `Storage` (MemoryStorage, BlobStorage,
 * LowdbStorage all fit), so the core can use them without importing botbuilder.
 * A write whose item carries an `eTag` other than '*' must fail if the stored eTag differs, or if the item is gone
 * (deleted since it was read: an erased record must not be written back).
 */
export interface KeyValueStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/**
 * The eTag to write with when the key was read absent: the write then succeeds only if the key still does not
 * exist, so of two callers creating the same key at the same instant exactly one wins (create-if-absent).
 * No store ever issues this value as an eTag. LowdbStorage and CheckedMemoryStorage check it atomically inside the
 * process; BlobStorage turns it into a conditional `If-None-Match: *` upload, which holds across instances. The
 * storage contract tests them all.
 */
export const CREATE_ONLY_ETAG = 'bilan:create-only';

/** The eTag a write is conditioned on, or undefined when it overwrites unconditionally (no eTag, or '*'). */
export function expectedETagOf(item: unknown): unknown {
  const eTag: unknown = (item as { eTag?: unknown } | null | undefined)?.eTag;
  return !eTag || eTag === '*' ? undefined : eTag;
}

/** The error every store raises for a conditional write that fails (botbuilder MemoryStorage's message). */
export function eTagConflict(key: string): Error {
  return new Error(`Storage: error writing "${key}" due to eTag conflict.`);
}

/** Whether a write failed because the stored eTag was not the expected one (the message every Storage uses). */
export function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /etag conflict/i.test(error.message);
}
