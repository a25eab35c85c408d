import { expect } from 'chai';
import { WishConcepts, type WishConcept } from '../../../src/core/jobs/wish-concepts.js';

describe('WishConcepts: what a wish says about the work, through work contexts and RIASEC', () => {
  const concept = (id: string, fr: string[], en: string[], contexts: string[], extra: Partial<WishConcept> = {}): WishConcept => ({ id, triggers: { fr, en }, words: true, contexts, ...extra });
  const concepts = [
    concept('animals', ['animal', 'bête'], ['animal', 'pet'], ['ctx-animals']),
    concept('outdoors', ['dehors', 'plein air'], ['outdoors'], ['ctx-outside'], { words: false }),
    concept('nights', ['nuit'], ['night'], ['ctx-night'], { words: false }),
    concept('helping', ['aider les gens'], ['help people'], [], { words: false, riasec: 'S' }),
  ];
  const fiches = [
    { code: 'VET', contexts: ['ctx-animals'], riasec: 'S' },
    { code: 'FARM', contexts: ['ctx-animals', 'ctx-outside', 'ctx-night'], riasec: 'R' },
    { code: 'PARK', contexts: ['ctx-outside'], riasec: 'R' },
    { code: 'DESK', contexts: [], riasec: 'C' },
  ];
  const wishes = new WishConcepts(concepts, fiches);

  it('finds a concept by its words whatever their accents, case, plural and feminine endings, and phrases word by word', () => {
    expect(wishes.find('Quelque chose avec les BÊTES', 'fr').concepts.map((c) => c.id)).to.deep.equal(['animals']);
    expect(wishes.find('Travailler en plein air', 'fr').concepts.map((c) => c.id)).to.deep.equal(['outdoors']);
    expect(wishes.find('Travailler en plein centre, à l’air', 'fr').concepts, 'a phrase is whole').to.deep.equal([]);
    expect(wishes.find('I would like to help people', 'en').concepts.map((c) => c.id)).to.deep.equal(['helping']);
  });

  it('leaves out of the words compared with fiche texts those that only say how the person wants to work', () => {
    expect(wishes.find('Travailler dehors avec des animaux', 'fr').rest.split(/\s+/u).filter((w) => w !== '')).to.deep.equal(['Travailler', 'avec', 'des', 'animaux']);
  });

  it('favours the fiches carrying what the wishes name, the targets counting more than what they want more of', () => {
    const reading = wishes.read('Travailler dehors', 'avec des animaux', '', 'fr');
    expect(reading.favoured.get('FARM')).to.equal(1);
    expect(reading.favoured.get('PARK')).to.be.greaterThan(reading.favoured.get('VET') ?? 0);
    expect(reading.favoured.has('DESK')).to.equal(false);
  });

  it('counts a RIASEC letter half as much as a work context', () => {
    const reading = wishes.read('Aider les gens, avec des animaux', '', '', 'fr');
    expect(reading.favoured.get('VET')).to.equal(1);
    expect(reading.favoured.get('FARM')).to.equal(2 / 3);
  });

  it('weighs down the fiches carrying a working condition the person wants less of, unless they also wish for it', () => {
    expect([...wishes.read('Avec des animaux', '', 'Les nuits', 'fr').disfavoured]).to.deep.equal(['FARM']);
    expect([...wishes.read('Le travail de nuit me va', '', 'Les nuits en semaine', 'fr').disfavoured]).to.deep.equal([]);
    expect([...wishes.read('', '', 'Helping people', 'en').disfavoured], 'a RIASEC letter never weighs down').to.deep.equal([]);
  });

  it('counts a kind of savoir in proportion to its share of the fiche’s savoirs, fully from a quarter', () => {
    const manual = new WishConcepts([concept('hands-on', ['manuel'], ['manual'], [], { knowledge: [0] })], [
      { code: 'CRAFT', knowledge: [[0, 3], [1, 1]] },
      { code: 'OFFICE', knowledge: [[0, 1], [1, 9]] },
      { code: 'NONE', knowledge: [[1, 4]] },
    ]);
    const favoured = manual.read('Un travail manuel', '', '', 'fr').favoured;
    expect(favoured.get('CRAFT')).to.equal(1);
    expect(favoured.get('OFFICE')).to.be.closeTo(0.4, 1e-9);
    expect(favoured.has('NONE')).to.equal(false);
  });

  it('matches a trigger written in capitals (« IT ») only where the word is written in capitals', () => {
    const it = new WishConcepts([concept('computers', ['informatique', 'IT'], ['computers', 'IT'], ['ctx-it'])], []);
    expect(it.find('Something in IT', 'en').concepts.map((c) => c.id)).to.deep.equal(['computers']);
    expect(it.find('I would love it', 'en').concepts).to.deep.equal([]);
  });
});

