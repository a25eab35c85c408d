import { MemoryStorage, type StoreItems } from 'botbuilder';
import { CREATE_ONLY_ETAG, eTagConflict, expectedETagOf } from '../../core/bilan/key-value-store.js';

/**
 * botbuilder's MemoryStorage, except that a write carrying the eTag of an item that no longer exists is a conflict,
 * as with LowdbStorage and Azure Blob storage: a turn that read a record before it was erased cannot write it back.
 * (MemoryStorage writes it: it only compares eTags when the item is there.)
 */
export class CheckedMemoryStorage extends MemoryStorage {
  override async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const gone = Object.keys(changes).filter((key) => expectsExisting(changes[key]) && this.memory[key] === undefined);
    if (gone.length === 0) return super.write(changes);
    await super.write(Object.fromEntries(Object.entries(changes).filter(([key]) => !gone.includes(key))));
    throw eTagConflict(gone[0] ?? '');
  }
}

function expectsExisting(item: unknown): boolean {
  const eTag = expectedETagOf(item);
  return eTag !== undefined && eTag !== CREATE_ONLY_ETAG;
}
