import { expect } from 'chai';
import { DownloadTokens, type DownloadClaim } from '../../../src/bot/synthesis/download-token.js';

/** Router limit on a path segment (find-my-way's maxParamLength): a longer token makes the link a 404. */
const MAX_PATH_PARAM = 100;
const NOW = Date.parse('2026-03-02T09:00:00.000Z');

const claimOf = (userId: string): DownloadClaim => ({ userId, locale: 'fr', expiresAt: NOW + 15 * 60 * 1000, dataStamp: Date.parse('2026-03-01T08:00:00.123Z') });

describe('DownloadTokens', () => {
  const tokens = new DownloadTokens();

  for (const [kind, userId] of [
    ['a Teams user (Entra object id, a GUID)', 'aad:5c8f2a1e-3b4d-4e6f-9a0b-1c2d3e4f5a6b'],
    ['an upper-case GUID', 'aad:5C8F2A1E-3B4D-4E6F-9A0B-1C2D3E4F5A6B'],
    ["the Agents Playground's default user (13 digits in the last group)", 'aad:00000000-0000-0000-0000-0000000000020'],
  ] as const) {
    it(`seals ${kind} in a token short enough for a link path (with its .pdf suffix)`, () => {
      const token = tokens.seal(claimOf(userId));
      expect(`${token}.pdf`.length).to.be.at.most(MAX_PATH_PARAM);
      expect(token).to.match(/^[\w-]+$/);
      expect(token, 'opaque').not.to.contain(userId.slice(4, 12));
      expect(tokens.open(token, NOW)).to.deep.equal(claimOf(userId));
    });
  }

  it('keeps any other user id as it is (emulator channels)', () => {
    expect(tokens.open(tokens.seal(claimOf('emulator:user-1')), NOW)).to.deep.equal(claimOf('emulator:user-1'));
  });

  it('opens nothing once expired, under another key, or altered', () => {
    const token = tokens.seal(claimOf('aad:5c8f2a1e-3b4d-4e6f-9a0b-1c2d3e4f5a6b'));
    expect(tokens.open(token, NOW + 15 * 60 * 1000)).to.equal(undefined);
    expect(new DownloadTokens().open(token, NOW)).to.equal(undefined);
    expect(tokens.open(`${token.slice(0, 40)}${token[40] === 'A' ? 'B' : 'A'}${token.slice(41)}`, NOW)).to.equal(undefined);
  });
});
