import { expect } from 'chai';
import { englishToolOf, englishToolPhrases } from '../../../scripts/skills/english-tool-harvest.js';
import { lowerCaseWords, namesOf } from '../../../scripts/skills/tool-names.js';
import { toolOf, toolPhrases, type ToolWords } from '../../../scripts/skills/tool-harvest.js';
import { genderForms, type SourceEntry } from '../../../scripts/skills/taxonomy-sources.js';

const savoir = (label: string): SourceEntry => ({ id: '1', kind: 'savoir', macro: '', label: { fr: label, en: label }, fiches: 2, matchLabels: { fr: [label], en: [] } });
const counts: Record<string, number> = { nacelle: 2, presse: 40, monobrosse: 1, four: 1, machine: 90 };
const words: ToolWords = { stop: new Set(['de', 'à', 'le', 'la']), light: new Set(['outils', 'matériel']), labelCount: (w) => counts[w] ?? 0 };

describe('tool triggers harvested from « Utilisation de X » savoirs', () => {
  it('should read the tool without brackets, examples or qualifiers', () => {
    expect(toolOf("Utilisation d'une nacelle élévatrice")).to.equal('nacelle élévatrice');
    expect(toolOf('Utilisation de machine à coudre (piqueuse, surjeteuse)')).to.equal('machine à coudre');
    expect(toolOf('Techniques de vente')).to.equal(undefined);
  });

  it('should name the tool by its head alone only when few labels use the head', () => {
    expect(toolPhrases(savoir("Utilisation d'une nacelle élévatrice"), words)).to.deep.equal(['nacelle élévatrice', 'nacelle']);
    expect(toolPhrases(savoir('Utilisation de presse hydraulique'), words)).to.deep.equal(['presse hydraulique']);
    expect(toolPhrases(savoir('Utilisation de machine à coudre'), words)).to.deep.equal(['machine à coudre']);
  });

  it('should keep a one-word tool only when it is specific and long enough', () => {
    expect(toolPhrases(savoir('Utilisation de monobrosse'), words)).to.deep.equal(['monobrosse']);
    expect(toolPhrases(savoir('Utilisation de four'), words)).to.deep.equal([]);
    expect(toolPhrases(savoir('Utilisation de matériel'), words)).to.deep.equal([]);
  });
});

describe('job titles of the ROME appellations', () => {
  it('should give the masculine form the words written after the feminine one', () => {
    expect(genderForms('Assistant / Assistante dentaire')).to.deep.equal(['Assistant dentaire', 'Assistante dentaire']);
    expect(genderForms('Attaché commercial / Attachée commerciale sédentaire')).to.deep.equal(['Attaché commercial sédentaire', 'Attachée commerciale sédentaire']);
    expect(genderForms('Horloger / Horlogère')).to.deep.equal(['Horloger', 'Horlogère']);
    expect(genderForms('Aide dentaire')).to.deep.equal(['Aide dentaire']);
  });
});

describe('names of ROME savoirs read in English answers', () => {
  const lowerCase = lowerCaseWords(['Fabriquer des meubles', 'Parler anglais', 'Utiliser un logiciel de paie']);

  it('should keep the names written capitalised wherever ROME uses them', () => {
    expect(namesOf('Microsoft Excel', lowerCase)).to.deep.equal(['Microsoft Excel', 'Excel']);
    expect(namesOf('AutoCAD', lowerCase)).to.deep.equal(['AutoCAD']);
    expect(namesOf('Logiciel Sage', lowerCase)).to.deep.equal(['Sage']);
  });

  it('should not take a French word opening its label for a name', () => {
    expect(namesOf('Meubles', lowerCase)).to.deep.equal([]);
    expect(namesOf('Anglais', lowerCase)).to.deep.equal([]);
  });
});

describe('English tool triggers harvested from ESCO "operate X" / "use X" skills', () => {
  const englishCounts: Record<string, number> = { chainsaw: 2, machine: 300, spots: 1 };
  const english: ToolWords = { stop: new Set(['a', 'the', 'for']), light: new Set(['tools', 'techniques']), labelCount: (w) => englishCounts[w] ?? 0 };

  it('should read the tool without what it is used for', () => {
    expect(englishToolOf('operate chainsaw')).to.equal('chainsaw');
    expect(englishToolOf('use measurement instruments for road works')).to.equal('measurement instruments');
    expect(englishToolOf('prune hedges')).to.equal(undefined);
  });

  it('should keep a one-word tool only when it is specific, and a compound only as a whole', () => {
    expect(englishToolPhrases('operate chainsaw', english)).to.deep.equal(['chainsaw']);
    expect(englishToolPhrases('operate machine', english)).to.deep.equal([]);
    expect(englishToolPhrases('operate follow spots', english)).to.deep.equal(['follow spots']);
    expect(englishToolPhrases('use manual techniques', english)).to.deep.equal([]);
  });
});
