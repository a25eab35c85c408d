import type { Clock } from '../clock.js';

export interface RateLimit {
  /** Messages a user may send at once after a quiet moment. */
  readonly burst: number;
  /** Messages per minute a user may keep sending after the burst; 0 turns the limit off. */
  readonly perMinute: number;
}

/** `refused`: tell the user to slow down; `ignored`: they were already told during this flood, say nothing more. */
export type Admission = 'accepted' | 'refused' | 'ignored';

interface Bucket {
  tokens: number;
  at: number;
  told: boolean;
}

/**
 * A token bucket per user, in memory: each message takes a token, tokens come back at `perMinute`, up to
 * `burst`. Only the first refused message of a flood gets an answer, so a flood cannot make the bot flood back.
 * Buckets of quiet users are forgotten when more than `maxTracked` are held.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock,
    private readonly maxTracked = 10_000,
  ) {}

  admit(key: string): Admission {
    if (this.limit.perMinute <= 0) return 'accepted';
    const now = this.clock.now().getTime();
    const bucket = this.refilled(this.buckets.get(key), now);
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.forgetQuietUsers(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.told = false;
      return 'accepted';
    }
    if (bucket.told) return 'ignored';
    bucket.told = true;
    return 'refused';
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.limit.burst, at: now, told: false };
    const earned = (Math.max(0, now - bucket.at) * this.limit.perMinute) / 60_000;
    return { tokens: Math.min(this.limit.burst, bucket.tokens + earned), at: now, told: bucket.told };
  }

  /** Drops the least recently seen buckets beyond `maxTracked` (a full bucket and a new one are the same). */
  private forgetQuietUsers(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.buckets.size <= this.maxTracked) return;
      if (this.refilled(bucket, now).tokens >= this.limit.burst || this.buckets.size > this.maxTracked * 2) this.buckets.delete(key);
    }
  }
}
