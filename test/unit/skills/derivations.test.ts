import { expect } from 'chai';
import { derivations, type DerivationLabel, type DerivationWords } from '../../../scripts/skills/derivations.js';
import { DEFAULT_SKILLS_DATA_DIR, loadSkillExtractor } from '../../../src/infra/skills/load-skill-extractor.js';
import type { LexiconSkillExtractor } from '../../../src/infra/skills/lexicon-skill-extractor.js';
import { readDerivationsFile } from '../../../src/infra/skills/resource-files.js';
import { StemCanon } from '../../../src/infra/skills/stem-canon.js';
import { WordStemmer } from '../../../src/infra/skills/word-keys.js';

const activity = (text: string): DerivationLabel => ({ text, activity: true });
const savoir = (text: string): DerivationLabel => ({ text, activity: false });
const stop = new Set(['de', 'des', 'du', 'd', "d'", 'le', 'la', 'les', 'un', 'une', 'et', 'ou', 'pour', 'à', 'the', 'of', 'a']);
const words = (fixed: readonly string[] = []): DerivationWords => ({
  isStopword: (w) => stop.has(w),
  isLightNoun: (w) => w === 'techniques',
  isLightVerb: (w) => ['mener', 'realiser', 'perform'].includes(w),
  isFixed: (w) => fixed.includes(w),
});
const french = new WordStemmer('fr');
const pairsOf = (labels: DerivationLabel[], fixed: readonly string[] = []): string[] => derivations(labels, 'fr', french, words(fixed)).map(({ noun, verb }) => `${noun}>${verb}`);

describe('derivations: action nouns and their verbs, from the taxonomy labels', () => {
  it('should pair a French -age noun with the verb a label writes, when the stemmer gives them two keys', () => {
    expect(pairsOf([activity('Polir des pièces'), savoir('Techniques de polissage')])).to.deep.equal(['polissage>polir']);
    expect(pairsOf([activity('Entretenir, désherber un jardin'), savoir('Techniques de désherbage')])).to.deep.equal(['desherbage>desherber']);
  });

  it('should not pair a noun whose verb no label writes as a verb', () => {
    expect(pairsOf([savoir('Techniques de polissage'), savoir('Polir')])).to.deep.equal([]);
  });

  it('should not fold a noun onto a light verb, nor a word whose key the language file sets', () => {
    expect(pairsOf([activity('Mener un entretien'), savoir('Produits de ménage')])).to.deep.equal([]);
    expect(pairsOf([activity('Équiper un véhicule'), savoir("Équipage d'un navire")], ['equiper'])).to.deep.equal([]);
  });

  it('should pair a noun of a less reliable ending (-ure) only when it shares an object with the verb', () => {
    expect(pairsOf([activity('Souder des tubes'), savoir('Soudure des tubes')])).to.deep.equal(['soudure>souder']);
    expect(pairsOf([activity('Lever une charge'), savoir('Levure de boulanger')])).to.deep.equal([]);
  });
});

describe('StemCanon with derivations', () => {
  it('should give an action noun the key of its verb, after the synonym groups', () => {
    const canon = new StemCanon(french, { description: '', groups: [['former', 'formation']], abbreviations: {}, acronyms: {} }, [
      ['polissage', 'polir'],
      ['formation', 'formaliser'],
    ]);
    const key = (word: string): string => canon.of(french.keys(word)[0] ?? '');
    expect(key('polissage')).to.equal(key('polir'));
    expect(canon.isAction(key('polir'))).to.equal(true);
    expect(key('formation')).to.equal(key('former'));
  });

  it('should read derivations.json: French pairs, none onto a light verb', () => {
    const file = readDerivationsFile(DEFAULT_SKILLS_DATA_DIR);
    expect(file.fr).to.deep.include(['polissage', 'polir']);
    expect(file.fr.map(([, verb]) => verb)).to.not.include.members(['mener', 'realiser', 'effectuer']);
  });
});

describe('LexiconSkillExtractor: an activity said as its action noun', () => {
  let extractor: LexiconSkillExtractor;
  before(() => {
    extractor = loadSkillExtractor();
  });
  const ids = (text: string): string[] => extractor.extract(text, 'fr').map((match) => match.id);

  it('should read « Techniques de X » from the action noun X (« désherbage », « ponçage », « débroussaillage »)', () => {
    expect(ids("Je m'occupe du désherbage.")).to.include('122840');
    expect(ids('Je fais le ponçage des parquets.')).to.include('104927');
    expect(ids("J'ai fait du débroussaillage le long des routes.")).to.include('124552');
  });

  it('should read a label written with the verb from its action noun (« triage » meets « tri », « trier »)', () => {
    expect(ids('Le triage du courrier.')).to.include('498861');
  });

  it('should still not read « Techniques de vente » from « vente »', () => {
    expect(ids('Je fais de la vente en boutique.')).to.not.include('498870');
  });
});
