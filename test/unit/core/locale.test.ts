import { expect } from 'chai';
import { resolveLocale, toLocale } from '../../../src/core/locale.js';

describe('toLocale', () => {
  const cases: readonly [unknown, 'fr' | 'en' | undefined][] = [
    ['fr-FR', 'fr'],
    ['EN-us', 'en'],
    ['fr_CA', 'fr'],
    ['en', 'en'],
    [' fr-BE ', 'fr'],
    ['de-DE', undefined],
    ['french', undefined],
    ['', undefined],
    [undefined, undefined],
    [null, undefined],
    [42, undefined],
    [{ locale: 'fr-FR' }, undefined],
  ];
  for (const [tag, expected] of cases) {
    it(`should map ${JSON.stringify(tag) ?? 'undefined'} to ${expected ?? 'no locale'}`, () => {
      expect(toLocale(tag)).to.equal(expected);
    });
  }
});

describe('resolveLocale', () => {
  it("should prefer the user's saved choice over what the client says", () => {
    expect(resolveLocale('en', ['fr-FR'], 'fr')).to.equal('en');
  });

  it('should otherwise take the first client tag it supports, in order', () => {
    expect(resolveLocale(undefined, ['de-DE', 'en-GB', 'fr-FR'], 'fr')).to.equal('en');
  });

  it('should fall back to the configured default when no client tag is supported', () => {
    expect(resolveLocale(undefined, [undefined, 'de-DE', 7], 'en')).to.equal('en');
    expect(resolveLocale(undefined, [], 'fr')).to.equal('fr');
  });
});
