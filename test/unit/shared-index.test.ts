import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { SharedBilanIndex } from '../../src/core/sharing/shared-index.js';

describe('SharedBilanIndex (who currently shares with the counsellor)', () => {
  it('should keep every id when shares happen at the same time, including the very first ones', async () => {
    const index = new SharedBilanIndex(new MemoryStorage());
    await Promise.all(['aad:a', 'aad:b', 'aad:c', 'aad:d'].map((id) => index.add(id)));
    expect([...(await index.list())].sort()).to.deep.equal(['aad:a', 'aad:b', 'aad:c', 'aad:d']);
  });

  it('should list an id once however often it is added, and forget it when removed', async () => {
    const index = new SharedBilanIndex(new MemoryStorage());
    await index.add('aad:a');
    await index.add('aad:a');
    await index.add('aad:b');
    await index.remove('aad:a');
    await index.remove('aad:unknown');
    expect(await index.list()).to.deep.equal(['aad:b']);
  });
});
