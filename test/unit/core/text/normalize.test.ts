import { expect } from 'chai';
import { foldForMatching, KeywordSet } from '../../../../src/core/text/normalize.js';

describe('foldForMatching', () => {
  const cases: readonly [string, string][] = [
    ['Préférer', 'preferer'],
    ['ÇA VA', 'ca va'],
    ['Où j’en suis', "ou j'en suis"],
    ['où j‘en suis', "ou j'en suis"],
    ['  « Oui » !  ', 'oui'],
    ['OUI!!!', 'oui'],
    ['"non".', 'non'],
    ['...pause?', 'pause'],
    ['je   préfère\tne  pas répondre', 'je prefere ne pas repondre'],
    ['d\'accord', "d'accord"],
    ['', ''],
    ['?!', ''],
  ];
  for (const [input, expected] of cases) {
    it(`should fold ${JSON.stringify(input)} to ${JSON.stringify(expected)}`, () => {
      expect(foldForMatching(input)).to.equal(expected);
    });
  }

  it('should keep punctuation inside the utterance', () => {
    expect(foldForMatching('1, 3')).to.equal('1, 3');
  });
});

describe('KeywordSet', () => {
  const keywords = new KeywordSet(['oui', "d'accord", 'Où j’en suis', '  ', '']);

  const cases: readonly [string, boolean][] = [
    ['oui', true],
    ['OUI !', true],
    ['« Oui »', true],
    ['D’accord.', true],
    ["ou j'en suis ?", true],
    ['oui merci', false],
    ['ou', false],
    ['', false],
    ['   ', false],
  ];
  for (const [utterance, expected] of cases) {
    it(`should ${expected ? '' : 'not '}match ${JSON.stringify(utterance)}, folded by the caller or not`, () => {
      expect(keywords.matches(utterance)).to.equal(expected);
      expect(keywords.matchesFolded(foldForMatching(utterance))).to.equal(expected);
    });
  }
});
