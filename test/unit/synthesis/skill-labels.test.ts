import { expect } from 'chai';
import type { Locale } from '../../../src/core/locale.js';
import { documentLabels } from '../../../src/infra/synthesis/skill-labels.js';

const ESCO_PRECISION_TOOLS = 'http://data.europa.eu/esco/skill/a99c6783-50c0-4f7a-99df-bf93429ef6dc';

describe('synthesis labels in the document’s language (ROME and ESCO ids)', () => {
  const labels = documentLabels();
  const skill = (id: string | undefined, label: string, locale: Locale) => labels.skill({ key: label, label, ...(id ? { id } : {}) }, locale);

  it('gives a ROME savoir-être its English display label, and keeps its French one in French', () => {
    expect(skill('300478', 'Faire preuve de contrôle de soi', 'en')).to.equal('Self-control, composure under pressure');
    expect(skill('300478', 'Faire preuve de contrôle de soi', 'fr')).to.equal('Faire preuve de contrôle de soi');
  });

  it('gives a ROME activity the English label the chat shows (the activity lexicon)', () => {
    expect(skill('300361', 'Accueillir, orienter, renseigner un public', 'en')).to.equal('Welcome, direct and inform the public');
  });

  it('gives a ROME compétence the English label of the ESCO concept linked to it that says nothing more', () => {
    expect(skill('118299', 'Concevoir des systèmes électriques', 'en')).to.equal('Design electrical systems');
    expect(skill('118299', 'Concevoir des systèmes électriques', 'fr')).to.equal('Concevoir des systèmes électriques');
  });

  it('gives an ESCO concept its own label in each language, whatever language it was stored in', () => {
    expect(skill(ESCO_PRECISION_TOOLS, 'utiliser des outils de précision', 'en')).to.equal('Use precision tools');
    expect(skill(ESCO_PRECISION_TOOLS, 'use precision tools', 'fr')).to.equal('Utiliser des outils de précision');
  });

  it('keeps the stored label when the taxonomy has no English one, and the person’s own words as typed', () => {
    expect(skill('100016', 'Gestes et postures de manutention', 'en')).to.equal('Gestes et postures de manutention');
    expect(skill(undefined, 'Animer un quart d’heure sécurité', 'en')).to.equal('Animer un quart d’heure sécurité');
    expect(skill('no-such-id', 'Mon savoir-faire', 'en')).to.equal('Mon savoir-faire');
  });

  it('names a ROME fiche by its ESCO occupation in English, by its stored French title in French', () => {
    expect(labels.occupation('N1110', 'Magasinier / Magasinière', 'en')).to.equal('Warehouse worker');
    expect(labels.occupation('N1110', 'Magasinier / Magasinière', 'fr')).to.equal('Magasinier / Magasinière');
    expect(labels.occupation('Z9999', 'Métier inconnu', 'en')).to.equal('Métier inconnu');
  });
});
