import { expect } from 'chai';
import { emptyRecord } from '../../../../src/core/bilan/bilan-record.js';
import { RecentLoads } from '../../../../src/core/bilan/recent-loads.js';
import { teamsUserId } from '../../../support/activities.js';

describe('RecentLoads (one record read per turn)', () => {
  const loaded = { record: emptyRecord(teamsUserId('u1'), new Date('2026-11-28T10:00:00Z')), eTag: 'e1' };

  it('hands a kept record over once, to the same user only', () => {
    const recent = new RecentLoads();
    recent.keep(teamsUserId('u1'), loaded);
    expect(recent.take(teamsUserId('u2'))).to.equal(undefined);
    expect(recent.take(teamsUserId('u1'))).to.equal(loaded);
    expect(recent.take(teamsUserId('u1')), 'a second take reads storage again').to.equal(undefined);
  });
});
