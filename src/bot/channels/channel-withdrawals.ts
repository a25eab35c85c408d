import { CREATE_ONLY_ETAG } from '../../core/bilan/key-value-store.js';
import type { Logger } from '../../core/logger.js';
import { ChannelPostError } from './channel-post-failures.js';
import { outboxKey, toPosted, toPostedFields, type OutboxRecord, type OutboxStore } from './channel-outbox.js';
import type { ChannelPoster } from './channel-poster.js';

/** `withdrawn`: no card is (or will be) in the channel under the key; `pending`: recorded, the deletion goes on. */
export type WithdrawalOutcome = 'withdrawn' | 'pending';

export interface ChannelWithdrawalsOptions {
  /**
   * How long a withdrawal waits for the card deletion before answering `pending` and letting it finish in the
   * background (Teams gives a turn 15 s; a deletion with retries can take 30 s). Default 5 s.
   */
  readonly answerWithinMs?: number;
  /**
   * A withdrawal recorded while a post was in flight, whose post never recorded where its card went (the posting
   * process died), is given up after this long: nothing is known to delete. Default 10 min.
   */
  readonly giveUpUnknownAfterMs?: number;
  readonly now?: () => Date;
  readonly logger?: Logger;
}

const TRANSITION_ATTEMPTS = 10;

/**
 * Withdraws channel posts by idempotency key through the outbox state machine (channel-outbox.ts): the withdrawal
 * is recorded first (`withdrawing`, or `cancelled` when nothing was posted), so a post still in flight deletes its
 * card as soon as it lands and a later post under the key posts nothing; then the card is deleted. A deletion that
 * Teams refuses or delays stays `withdrawing` and is retried by `retryPending` (the sweeper) until it is gone.
 * Every step is idempotent: concurrent withdrawals of one key make one DELETE in a process.
 */
export class ChannelWithdrawals {
  readonly #running = new Set<Promise<unknown>>();
  readonly #answerWithinMs: number;
  readonly #giveUpUnknownAfterMs: number;
  readonly #now: () => Date;

  constructor(
    private readonly poster: ChannelPoster,
    private readonly options: ChannelWithdrawalsOptions = {},
  ) {
    this.#answerWithinMs = options.answerWithinMs ?? 5_000;
    this.#giveUpUnknownAfterMs = options.giveUpUnknownAfterMs ?? 10 * 60_000;
    this.#now = options.now ?? (() => new Date());
  }

  private get outbox(): OutboxStore {
    return this.poster.outbox;
  }

  /**
   * Withdraws what was posted, or is being posted, under `idempotencyKey`. Answers within `answerWithinMs`: past it,
   * `pending`, and the deletion finishes in the background.
   */
  async withdraw(idempotencyKey: string): Promise<WithdrawalOutcome> {
    const key = outboxKey(idempotencyKey);
    if ((await this.record(key)) === 'done') return 'withdrawn';
    const finishing = this.track(this.outbox.withKeyLock(key, () => this.finish(key)));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<WithdrawalOutcome>((resolve) => {
      timer = setTimeout(() => resolve('pending'), this.#answerWithinMs);
      timer.unref();
    });
    try {
      return await Promise.race([finishing, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Retries every unfinished withdrawal (the sweeper); returns how many are finished now. */
  async retryPending(): Promise<number> {
    let done = 0;
    for (const key of await this.outbox.withdrawals()) {
      const outcome = await this.track(this.outbox.withKeyLock(key, () => this.finish(key)));
      if (outcome === 'withdrawn') done++;
    }
    return done;
  }

  /** Stops the retries in progress (shutdown) and waits for the calls in flight; the sweeper resumes them later. */
  async stop(): Promise<void> {
    this.poster.stop();
    await Promise.allSettled([...this.#running]);
  }

  /** Records the withdrawal: `done` when nothing is or will be posted, `recorded` when a card may need deleting. */
  private async record(key: string): Promise<'done' | 'recorded'> {
    for (let attempt = 1; attempt <= TRANSITION_ATTEMPTS; attempt++) {
      const current = await this.outbox.read(key);
      const at = this.#now().toISOString();
      if (!current || current.state === 'failed') {
        if (await this.outbox.tryWrite(key, { state: 'cancelled', cancelledAt: at }, current?.eTag ?? CREATE_ONLY_ETAG)) return 'done';
        continue;
      }
      if (current.state === 'cancelled' || current.state === 'deleted') return 'done';
      if (current.state === 'withdrawing') {
        await this.outbox.listWithdrawal(key);
        return 'recorded';
      }
      const next: OutboxRecord =
        current.state === 'sent'
          ? { state: 'withdrawing', requestedAt: at, posted: { ...toPostedFields(toPosted(current)), sentAt: current.sentAt } }
          : { state: 'withdrawing', requestedAt: at };
      // Listed first: a crash between the two writes leaves a listed key with nothing to do, never an unlisted one.
      await this.outbox.listWithdrawal(key);
      if (await this.outbox.tryWrite(key, next, current.eTag)) return 'recorded';
    }
    throw new Error(`the outbox record "${key}" kept changing while a withdrawal was recorded`);
  }

  /** Deletes the card of a `withdrawing` record, if it is known; a finished record leaves the list. */
  private async finish(key: string): Promise<WithdrawalOutcome> {
    const current = await this.outbox.read(key);
    if (!current || current.state === 'deleted' || current.state === 'cancelled') {
      await this.outbox.unlistWithdrawal(key);
      return 'withdrawn';
    }
    if (current.state !== 'withdrawing') return 'pending';
    if (!current.posted) return this.unknownCard(key, current);
    const { sentAt, ...fields } = current.posted;
    try {
      await this.poster.delete(fields);
    } catch (error: unknown) {
      const failure = error instanceof ChannelPostError ? error.failure : 'unknown';
      this.options.logger?.warn({ failure, status: error instanceof ChannelPostError ? error.status : undefined }, 'channel card not deleted yet: will retry');
      await this.outbox.listWithdrawal(key);
      return 'pending';
    }
    const deleted: OutboxRecord = { state: 'deleted', owner: 'withdrawal', sentAt, deletedAt: this.#now().toISOString(), ...fields };
    if (!(await this.outbox.tryWrite(key, deleted, current.eTag))) return 'pending';
    await this.outbox.unlistWithdrawal(key);
    return 'withdrawn';
  }

  /** Withdrawn while being posted, and the post has not said where its card went: wait for it, up to a point. */
  private async unknownCard(key: string, current: OutboxRecord & { state: 'withdrawing'; eTag?: string }): Promise<WithdrawalOutcome> {
    if (this.#now().getTime() - Date.parse(current.requestedAt) < this.#giveUpUnknownAfterMs) return 'pending';
    this.options.logger?.warn({}, 'a post withdrawn in flight never reported its card: nothing known to delete');
    if (!(await this.outbox.tryWrite(key, { state: 'cancelled', cancelledAt: this.#now().toISOString() }, current.eTag))) return 'pending';
    await this.outbox.unlistWithdrawal(key);
    return 'withdrawn';
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.#running.add(work);
    void work.finally(() => this.#running.delete(work)).catch(() => undefined);
    return work;
  }
}
