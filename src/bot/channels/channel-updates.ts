import type { Logger } from '../../core/logger.js';
import { ChannelPostError } from './channel-post-failures.js';
import { outboxKey, revisionOf, toPosted, type OutboxStore, type StoredOutboxRecord } from './channel-outbox.js';
import type { ChannelPoster } from './channel-poster.js';

/**
 * `updated`: the card in the channel shows the new version; `unchanged`: it did already; `gone`: no card is (or will
 * stay) in the channel under the key, nothing to update; `pending`: Teams has not taken it yet (or the card is still
 * being posted by another instance), the sweeper tries again.
 */
export type UpdateOutcome = 'updated' | 'unchanged' | 'gone' | 'pending';

export interface ChannelUpdatesOptions {
  /** How long an update is waited for before answering `pending` and finishing in the background. Default 5 s. */
  readonly answerWithinMs?: number;
  readonly now?: () => Date;
  readonly logger?: Logger;
}

const WRITE_ATTEMPTS = 5;

/**
 * Updates posted cards in place, through the outbox (channel-outbox.ts): only a `sent` card is updated, never posted
 * anew, so an update can add no second card and cannot bring back a withdrawn one. The key is listed first
 * (`outbox/updating`): an update Teams refuses or delays is tried again by the sweeper with the card as it is then.
 * Updates and withdrawals of one key take turns in a process (per-key lock); across instances, a withdrawal
 * recorded during an update keeps where the card is and deletes it, and an update of a deleted card gets 404.
 */
export class ChannelUpdates {
  readonly #running = new Set<Promise<unknown>>();
  readonly #answerWithinMs: number;
  readonly #now: () => Date;

  constructor(
    private readonly poster: ChannelPoster,
    private readonly options: ChannelUpdatesOptions = {},
  ) {
    this.#answerWithinMs = options.answerWithinMs ?? 5_000;
    this.#now = options.now ?? (() => new Date());
  }

  private get outbox(): OutboxStore {
    return this.poster.outbox;
  }

  /** Makes the card posted under `idempotencyKey` show `card`; answers within `answerWithinMs` (`pending` past it). */
  async update(idempotencyKey: string, card: object): Promise<UpdateOutcome> {
    await this.outbox.listUpdate(outboxKey(idempotencyKey));
    const updating = this.updateNow(idempotencyKey, card);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<UpdateOutcome>((resolve) => {
      timer = setTimeout(() => resolve('pending'), this.#answerWithinMs);
      timer.unref();
    });
    try {
      return await Promise.race([updating, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The same, waited for to the end (the sweeper); the key leaves the list unless the outcome is `pending`. */
  updateNow(idempotencyKey: string, card: object): Promise<UpdateOutcome> {
    const key = outboxKey(idempotencyKey);
    const work = this.outbox.withKeyLock(key, () => this.apply(key, card)).catch((error: unknown): UpdateOutcome => {
      const failure = error instanceof ChannelPostError ? error.failure : 'unknown';
      this.options.logger?.warn({ failure, status: error instanceof ChannelPostError ? error.status : undefined }, 'channel card not updated yet: will retry');
      return 'pending';
    });
    return this.track(work.then(async (outcome) => {
      if (outcome !== 'pending') await this.outbox.unlistUpdate(key);
      return outcome;
    }));
  }

  /** The idempotency keys whose update is not done, for the sweeper. */
  async pending(): Promise<string[]> {
    return (await this.outbox.updates()).map((key) => key.replace(/^posts\//, ''));
  }

  /** Nothing to update any more under `idempotencyKey` (its agreement ended): it leaves the list. */
  forget(idempotencyKey: string): Promise<void> {
    return this.outbox.unlistUpdate(outboxKey(idempotencyKey));
  }

  /** Waits for the updates in flight (shutdown; the poster's retries stop with the withdrawals'). */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.#running]);
  }

  private async apply(key: string, card: object): Promise<UpdateOutcome> {
    const current = await this.outbox.read(key);
    if (current?.state === 'pending') return 'pending';
    if (current?.state !== 'sent') return 'gone';
    const revision = revisionOf(card);
    if (current.revision === revision) return 'unchanged';
    try {
      await this.poster.replace(toPosted(current), card);
    } catch (error: unknown) {
      if (error instanceof ChannelPostError && error.failure === 'not-found') return 'gone';
      throw error;
    }
    await this.noteRevision(key, current, revision);
    return 'updated';
  }

  /** Records what the card shows now, unless the record moved on (a withdrawal: it keeps where the card is). */
  private async noteRevision(key: string, read: StoredOutboxRecord, revision: string): Promise<void> {
    let current: StoredOutboxRecord | undefined = read;
    for (let attempt = 0; attempt < WRITE_ATTEMPTS && current?.state === 'sent'; attempt++) {
      const { eTag, ...record } = current;
      if (await this.outbox.tryWrite(key, { ...record, revision, updatedAt: this.#now().toISOString() }, eTag)) return;
      current = await this.outbox.read(key);
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.#running.add(work);
    void work.finally(() => this.#running.delete(work)).catch(() => undefined);
    return work;
  }
}
