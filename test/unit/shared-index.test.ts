import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { SharedBilanIndex } from '../../src/core/sharing/shared-index.js';
import { teamsUserId } from '../support/activities.js';

describe('SharedBilanIndex (who currently shares with the counsellor)', () => {
  it('should keep every id when shares happen at the same time, including the very first ones', async () => {
    const index = new SharedBilanIndex(new MemoryStorage());
    await Promise.all([teamsUserId('a'), teamsUserId('b'), teamsUserId('c'), teamsUserId('d')].map((id) => index.add(id)));
    expect([...(await index.list())].sort()).to.deep.equal([teamsUserId('a'), teamsUserId('b'), teamsUserId('c'), teamsUserId('d')].sort());
  });

  it('should list an id once however often it is added, and forget it when removed', async () => {
    const index = new SharedBilanIndex(new MemoryStorage());
    await index.add(teamsUserId('a'));
    await index.add(teamsUserId('a'));
    await index.add(teamsUserId('b'));
    await index.remove(teamsUserId('a'));
    await index.remove(teamsUserId('unknown'));
    expect(await index.list()).to.deep.equal([teamsUserId('b')]);
  });
});
