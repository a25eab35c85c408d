import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';

/** The error a FlakyStorage throws while it is failing (its name is what the logs should show). */
export class SimulatedStorageOutage extends Error {
  constructor(operation: string) {
    super(`simulated storage outage during ${operation}`);
    this.name = 'SimulatedStorageOutage';
  }
}

/** Which operations fail. */
export type Outage = 'none' | 'reads' | 'writes' | 'all';

/**
 * A MemoryStorage that fails on demand, to test what a user and an admin see when storage breaks,
 * and that can simulate another turn saving a key between this turn's read and its write.
 */
export class FlakyStorage implements Storage {
  readonly inner = new MemoryStorage();
  outage: Outage = 'none';
  private concurrentWrites = new Map<string, (current: Record<string, unknown> | undefined) => Record<string, unknown>>();
  private readonly everyTime = new Set<string>();

  async read(keys: string[]): Promise<StoreItems> {
    if (this.outage === 'reads' || this.outage === 'all') throw new SimulatedStorageOutage('read');
    return this.inner.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    if (this.outage === 'writes' || this.outage === 'all') throw new SimulatedStorageOutage('write');
    for (const key of Object.keys(changes)) {
      const concurrent = this.concurrentWrites.get(key);
      if (!concurrent) continue;
      if (!this.everyTime.has(key)) this.concurrentWrites.delete(key);
      const current = (await this.inner.read([key]))[key] as Record<string, unknown> | undefined;
      await this.inner.write({ [key]: { ...concurrent(current), eTag: '*' } });
    }
    return this.inner.write(changes);
  }

  async delete(keys: string[]): Promise<void> {
    if (this.outage === 'writes' || this.outage === 'all') throw new SimulatedStorageOutage('delete');
    return this.inner.delete(keys);
  }

  /** Just before the next write of `key`, someone else saves `change(current)` under it (a new eTag). */
  concurrentWriteBeforeNextWrite(key: string, change: (current: Record<string, unknown> | undefined) => Record<string, unknown>): void {
    this.concurrentWrites.set(key, change);
  }

  /** Like concurrentWriteBeforeNextWrite, before every write of `key` until `stopConcurrentWrites`. */
  concurrentWriteBeforeEveryWrite(key: string, change: (current: Record<string, unknown> | undefined) => Record<string, unknown>): void {
    this.everyTime.add(key);
    this.concurrentWrites.set(key, change);
  }

  stopConcurrentWrites(): void {
    this.everyTime.clear();
    this.concurrentWrites.clear();
  }

  /** What is stored under `key`, eTag included, regardless of the outage. */
  async peek(key: string): Promise<Record<string, unknown> | undefined> {
    return (await this.inner.read([key]))[key] as Record<string, unknown> | undefined;
  }
}
