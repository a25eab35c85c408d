import type { Storage, StoreItems } from 'botbuilder';
import { CheckedMemoryStorage } from '../../src/bot/storage/checked-memory-storage.js';

/** The bot's memory storage, remembering which keys each call read or wrote (to count a turn's or a job's I/O). */
export class RecordingStorage implements Storage {
  private readonly inner = new CheckedMemoryStorage();
  reads: string[] = [];
  writes: string[] = [];

  read(keys: string[]): Promise<StoreItems> {
    this.reads.push(...keys);
    return this.inner.read(keys);
  }

  write(changes: StoreItems): Promise<void> {
    this.writes.push(...Object.keys(changes));
    return this.inner.write(changes);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }

  /** Starts counting afresh. */
  forget(): void {
    this.reads = [];
    this.writes = [];
  }
}
