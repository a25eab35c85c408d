import { expect } from 'chai';
import type { LabelWords } from '../../../scripts/skills/derivations.js';
import { wordnetDerivations } from '../../../scripts/skills/wordnet-derivations.js';
import { loadSkillExtractor } from '../../../src/infra/skills/load-skill-extractor.js';

/** What the English labels say, as scripts/skills/derivations.ts reads them: verbs with their objects, nouns with their complements. */
const labels = (verbObjects: Record<string, string[]>, complements: Record<string, string[]> = {}): LabelWords => ({
  verbObjects: new Map(Object.entries(verbObjects).map(([verb, objects]) => [verb, new Set(objects)])),
  complements: new Map(Object.entries(complements).map(([noun, words]) => [noun, new Set(words)])),
  heads: new Set(),
});
const pairs = (words: LabelWords): string[] => wordnetDerivations(words).map(({ noun, verb }) => `${noun}>${verb}`);

describe('WordNet derivations: English action nouns and the label verbs they come from', () => {
  it('should pair an action noun with a productive ending with the verb a label opens on', () => {
    const found = pairs(labels({ diagnose: ['faults'], maintain: ['equipment'], store: ['goods'], verify: ['documents'] }));
    expect(found).to.include.members(['diagnosis>diagnose', 'maintenance>maintain', 'storage>store', 'verification>verify']);
  });

  it('should leave out agent nouns and nouns of a place or a thing that share no object with the verb', () => {
    const found = pairs(labels({ drive: ['vehicles'], nurse: ['patients'], furnish: ['rooms'] }, { nursery: ['plants'], furniture: ['industry'] }));
    for (const pair of ['driver>drive', 'nursery>nurse', 'furniture>furnish']) expect(found, pair).to.not.include(pair);
  });

  it('should keep a less reliable ending when the noun and the verb share an object in the labels', () => {
    expect(pairs(labels({ recover: ['data'] }, { recovery: ['data'] }))).to.include('recovery>recover');
    expect(pairs(labels({ recover: ['data'] }, { recovery: ['costs'] }))).to.not.include('recovery>recover');
  });

  it('should let the extractor meet a verb label through its action noun (derivations.json)', () => {
    const extractor = loadSkillExtractor(undefined, { preload: ['en'] });
    const labelsOf = (text: string): string[] => extractor.extract(text, 'en').map((skill) => skill.label);
    expect(labelsOf('Identification of customer needs at the counter.')).to.include("identify customer's needs");
  });
});
