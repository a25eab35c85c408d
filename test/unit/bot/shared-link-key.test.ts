import { MemoryStorage } from 'botbuilder';
import { expect } from 'chai';
import { DownloadTokens } from '../../../src/bot/synthesis/download-token.js';
import { sharedLinkKey } from '../../../src/bot/synthesis/shared-link-key.js';
import { StorageError } from '../../../src/core/errors.js';

describe('sharedLinkKey', () => {
  it('gives every instance starting together the same key, so a link sealed by one opens on the other', async () => {
    const storage = new MemoryStorage();
    const [first, second, third] = await Promise.all([sharedLinkKey(storage), sharedLinkKey(storage), sharedLinkKey(storage)]);
    expect(first).to.have.length(32);
    expect(second.equals(first) && third.equals(first)).to.equal(true);
    const claim = { userId: 'aad:5c8f2a1e-3b4d-4e6f-9a0b-1c2d3e4f5a6b', locale: 'fr' as const, expiresAt: Math.ceil(Date.now() / 1000) * 1000 + 60_000, dataStamp: 0 };
    expect(new DownloadTokens(second).open(new DownloadTokens(first).seal(claim), Date.now())).to.deep.equal(claim);
  });

  it('keeps the stored key across restarts', async () => {
    const storage = new MemoryStorage();
    const before = await sharedLinkKey(storage);
    expect((await sharedLinkKey(storage)).equals(before)).to.equal(true);
  });

  it('refuses a stored key of the wrong size instead of sealing links with it', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'bilan/keys/download-links': { key: Buffer.alloc(5).toString('base64') } });
    const error: unknown = await sharedLinkKey(storage).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StorageError);
  });
});
