import type { KeyValueStore } from '../bilan/key-value-store.js';
import { ConcurrencyError } from '../errors.js';

const KEY = 'sharing/counsellor-index';
const ATTEMPTS = 5;

/**
 * The user ids that currently share their summary with the counsellor, so the counsellor tab can list them
 * without scanning every record. It holds ids only; the consent ledger in each record stays the authority
 * (a listed bilan whose share was revoked or deleted is simply not shown).
 */
export class SharedBilanIndex {
  constructor(private readonly store: KeyValueStore) {}

  async list(): Promise<readonly string[]> {
    return (await this.read()).userIds;
  }

  add(userId: string): Promise<void> {
    return this.update((ids) => (ids.includes(userId) ? ids : [...ids, userId]));
  }

  remove(userId: string): Promise<void> {
    return this.update((ids) => ids.filter((id) => id !== userId));
  }

  private async read(): Promise<{ userIds: string[]; eTag: string | undefined }> {
    const item = (await this.store.read([KEY]))[KEY] as { userIds?: unknown; eTag?: unknown } | undefined;
    const userIds = Array.isArray(item?.userIds) ? item.userIds.filter((id): id is string => typeof id === 'string') : [];
    return { userIds, eTag: typeof item?.eTag === 'string' ? item.eTag : undefined };
  }

  /**
   * Read-modify-write with the eTag, retried when two shares or revocations race. `change` is idempotent, so the
   * change is in place once applying it again changes nothing (this also covers two first writes, which have no eTag).
   */
  private async update(change: (ids: string[]) => string[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.read();
      const next = change(current.userIds);
      if (sameIds(next, current.userIds)) return;
      if (attempt === ATTEMPTS) throw new ConcurrencyError(`${KEY} kept changing while being updated`);
      try {
        await this.store.write({ [KEY]: { userIds: next, eTag: current.eTag ?? '*' } });
      } catch (error: unknown) {
        if (!(error instanceof Error && /etag conflict/i.test(error.message))) throw error;
      }
    }
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
