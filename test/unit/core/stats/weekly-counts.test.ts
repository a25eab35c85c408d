import { MemoryStorage } from 'botbuilder';
import { expect } from 'chai';
import { emptyRecord, type BilanRecord } from '../../../../src/core/bilan/bilan-record.js';
import { eventsBetween, isoWeek, WeeklyCounts } from '../../../../src/core/stats/weekly-counts.js';

describe('weekly counts for HR', () => {
  it('should name ISO weeks, including across a year boundary', () => {
    expect(isoWeek(new Date('2026-11-24T10:00:00Z'))).to.equal('2026-W48');
    expect(isoWeek(new Date('2027-01-01T10:00:00Z'))).to.equal('2026-W53');
    expect(isoWeek(new Date('2025-12-29T10:00:00Z'))).to.equal('2026-W01');
  });

  it('should count an engagement and the completion of the last phase, once each', () => {
    const at = '2026-11-24T10:00:00.000Z';
    const fresh = emptyRecord('u', new Date(at));
    const engaged: BilanRecord = { ...fresh, consent: { engagedAt: at } };
    const done: BilanRecord = { ...engaged, phases: { conclusion: { flowId: 'c', flowVersion: 1, stepId: 'x', status: 'completed', startedAt: at, completedAt: at } } };
    expect(eventsBetween(undefined, engaged)).to.deep.equal(['started']);
    expect(eventsBetween(engaged, engaged)).to.deep.equal([]);
    expect(eventsBetween(engaged, done)).to.deep.equal(['completed']);
    expect(eventsBetween(done, done)).to.deep.equal([]);
  });

  it('should not lose a count when turns increment the same week at once', async () => {
    const counts = new WeeklyCounts(new MemoryStorage(), () => Promise.resolve());
    const at = new Date('2026-11-24T10:00:00Z');
    await counts.add('started', at);
    await Promise.all(Array.from({ length: 10 }, () => counts.add('started', at)));
    expect(await counts.of('2026-W48')).to.deep.equal({ started: 11, completed: 0 });
  });

  it('should not lose a count when every increment lands in the same shard at once', async () => {
    const counts = new WeeklyCounts(new MemoryStorage(), () => Promise.resolve(), () => 0);
    const at = new Date('2026-11-24T10:00:00Z');
    await Promise.all(Array.from({ length: 5 }, () => counts.add('completed', at)));
    expect(await counts.of('2026-W48')).to.deep.equal({ started: 0, completed: 5 });
  });

  it('should add up counts stored before sharding (the week\'s own key) with the shards', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'stats/weeks/2026-W48': { started: 3, completed: 1 } });
    await new WeeklyCounts(storage, () => Promise.resolve(), () => 0.99).add('started', new Date('2026-11-24T10:00:00Z'));
    expect(await new WeeklyCounts(storage).of('2026-W48')).to.deep.equal({ started: 4, completed: 1 });
  });
});
