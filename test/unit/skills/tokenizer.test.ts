import { expect } from 'chai';
import { foldAccents, foldWord, tokenize } from '../../../src/infra/skills/tokenizer.js';

const words = (text: string): string[] => tokenize(text).filter((t) => t.isWord).map((t) => t.text);

describe('skill tokenizer', () => {
  const cases: readonly [string, string[]][] = [
    ["J'ai géré l'équipe", ["J'", 'ai', 'géré', "l'", 'équipe']],
    ['J’ai géré l’équipe', ["J'", 'ai', 'géré', "l'", 'équipe']],
    ["qu'il n'est pas d'accord", ["qu'", 'il', "n'", 'est', 'pas', "d'", 'accord']],
    ["aujourd'hui, presqu'île", ["aujourd'hui", "presqu'", 'île']],
    ['C++, C#, F# et Node.js', ['C++', 'C#', 'F#', 'et', 'Node.js']],
    ['du .NET et de l’ASP.NET', ['du', '.NET', 'et', 'de', "l'", 'ASP.NET']],
    ['Résumé. Fin.', ['Résumé', 'Fin']],
    ['e-mail, check-in, R&D', ['e-mail', 'check-in', 'R&D']],
    ["I've never, I can't", ["I've", 'never', 'I', "can't"]],
    ['œuvre, Ça, ÉTÉ', ['œuvre', 'Ça', 'ÉTÉ']],
    ['', []],
  ];
  for (const [text, expected] of cases) {
    it(`should split ${JSON.stringify(text)}`, () => {
      expect(words(text)).to.deep.equal(expected);
    });
  }

  it('should keep clause punctuation as tokens and positions in the text', () => {
    const tokens = tokenize('Oui, non ; peut-être !');
    expect(tokens.filter((t) => !t.isWord).map((t) => t.text)).to.deep.equal([',', ';', '!']);
    expect(tokens[1]?.start).to.equal(3);
  });

  it('should fold accents and ligatures, and elided clitics to their bare form', () => {
    expect(foldAccents('Équipe œuvre façade')).to.equal('Equipe oeuvre facade');
    expect(foldWord("qu'")).to.equal('qu');
    expect(tokenize('Préparé')[0]?.folded).to.equal('prepare');
  });

  it('should cap very long input', () => {
    expect(tokenize('a '.repeat(50_000)).length).to.be.at.most(10_000);
  });
});
