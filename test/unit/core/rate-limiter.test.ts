import { expect } from 'chai';
import type { Clock } from '../../../src/core/clock.js';
import { RateLimiter } from '../../../src/core/limits/rate-limiter.js';

class ManualClock implements Clock {
  private ms = Date.parse('2026-03-02T09:00:00Z');
  now(): Date {
    return new Date(this.ms);
  }
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

describe('RateLimiter', () => {
  let clock: ManualClock;
  let limiter: RateLimiter;

  beforeEach(() => {
    clock = new ManualClock();
    limiter = new RateLimiter({ burst: 3, perMinute: 6 }, clock);
  });

  const admitMany = (key: string, count: number) => Array.from({ length: count }, () => limiter.admit(key));

  it('should accept a burst, refuse the next message once with an answer, then ignore the rest of the flood', () => {
    expect(admitMany('alice', 6)).to.deep.equal(['accepted', 'accepted', 'accepted', 'refused', 'ignored', 'ignored']);
  });

  it('should give one message back every 60/perMinute seconds, and answer again at the next flood', () => {
    admitMany('alice', 4);
    clock.advance(9);
    expect(limiter.admit('alice'), 'not yet 10 s').to.equal('ignored');
    clock.advance(1);
    expect(admitMany('alice', 2)).to.deep.equal(['accepted', 'refused']);
  });

  it('should never hold more than the burst, however long the user was away', () => {
    admitMany('alice', 3);
    clock.advance(3600);
    expect(admitMany('alice', 4)).to.deep.equal(['accepted', 'accepted', 'accepted', 'refused']);
  });

  it('should count each user apart', () => {
    admitMany('alice', 5);
    expect(admitMany('bob', 3)).to.deep.equal(['accepted', 'accepted', 'accepted']);
  });

  it('should accept everything when perMinute is 0 (limit off)', () => {
    const off = new RateLimiter({ burst: 1, perMinute: 0 }, clock);
    expect(Array.from({ length: 50 }, () => off.admit('alice')).every((a) => a === 'accepted')).to.equal(true);
  });

  it('should forget quiet users beyond maxTracked, and keep the bucket of a user who is flooding', () => {
    const small = new RateLimiter({ burst: 2, perMinute: 6 }, clock, 3);
    small.admit('flood');
    small.admit('flood');
    for (let i = 0; i < 4; i++) small.admit(`quiet-${String(i)}`);
    expect(small.admit('flood')).to.equal('refused');
  });
});
