import { expect } from 'chai';
import type { JobCatalog } from '../../../src/core/jobs/job-catalog.js';
import type { Locale } from '../../../src/core/locale.js';
import { loadJobCatalog } from '../../../src/infra/jobs/jobs-file.js';

describe('Job recognition against ROME 4.0 appellations and ESCO occupations (data/occupations/)', function () {
  this.timeout(60_000);
  let catalog: JobCatalog;
  const codes = (text: string, locale: Locale = 'fr'): string[] => catalog.recognise(text, locale).map((job) => job.code);

  before(() => {
    catalog = loadJobCatalog();
    catalog.warmUp();
  });

  it('finds a job named in a sentence, with the words as written and the ROME title', () => {
    const [job] = catalog.recognise('Je suis assistante de direction dans une PME depuis 6 ans.', 'fr');
    expect(job).to.include({ code: 'M1604', text: 'assistante de direction', label: 'Assistant / Assistante de direction' });
  });

  it('reads both gender forms and the ROME « masculin / féminin » notation', () => {
    expect(codes('aide-soignant')).to.deep.equal(['J1501']);
    expect(codes('aide soignante')).to.deep.equal(['J1501']);
    expect(codes('Aide-soignant / Aide-soignante')).to.deep.equal(['J1501', 'J1501']);
    expect(codes('vendeuse en prêt-à-porter')).to.deep.equal(['D1214']);
  });

  it('ignores accents and case', () => {
    expect(codes('DEVELOPPEUR WEB')).to.deep.equal(['M1855']);
    expect(codes('secretaire medicale')).to.deep.equal(['M1609']);
  });

  it('reads an abbreviation only when written in capitals', () => {
    expect(codes('DRH dans un groupe')).to.deep.equal(['M1503']);
    expect(codes('ASH à l’hôpital')).to.deep.equal(['J1301']);
    expect(codes('IDE en réanimation')).to.deep.equal(['J1506']);
    expect(codes('une idée de métier')).to.deep.equal([]);
  });

  it('forgives one typo in a word', () => {
    expect(codes('asistante de direction')).to.deep.equal(['M1604']);
    expect(codes('je suis comptabel')).to.deep.equal(['M1203']);
  });

  it('names the main fiche when only the head of several titles is written', () => {
    expect(codes('passer le concours d’infirmière')).to.deep.equal(['J1506']);
  });

  it('recognises English titles and maps them to ROME through the ESCO–ROME mapping, with English labels', () => {
    const [job] = catalog.recognise('I have been a primary school teacher for eleven years.', 'en');
    expect(job).to.include({ code: 'K2106', text: 'primary school teacher' });
    expect(job?.label).to.equal('Primary school teacher');
    expect(codes('Software developers', 'en')).to.deep.equal(['M1805']);
    expect(codes('I want to become a data analyst', 'en')).to.deep.equal(['M1419']);
  });

  it('does not take a word that only qualifies job titles for a job', () => {
    expect(codes('Vehicle inspection, in a test centre', 'en')).to.deep.equal([]);
    expect(codes('depuis dix ans dans la même entreprise')).to.deep.equal([]);
  });

  it('answers nothing for empty or blank text', () => {
    expect(codes('')).to.deep.equal([]);
    expect(codes('   ', 'en')).to.deep.equal([]);
  });

  it('gives the fiche its English title in English and its ROME title in French', () => {
    expect(catalog.label('M1203', 'fr')).to.equal('Comptable');
    expect(catalog.label('M1203', 'en')).to.not.equal('Comptable');
  });

  it('reads an English title as the fiche its ESCO occupation is mapped to, not as a fiche that only borrows it as a label', () => {
    expect(catalog.fiche('M1217')?.en, 'a school bursar fiche labelled "Accountant" in English').to.equal('Accountant');
    expect(codes('I have been an accountant for ten years.', 'en')).to.deep.equal(['M1203']);
    expect(codes('Administrative assistant at the town hall.', 'en')).to.deep.equal(['M1602']);
    expect(codes('I want to become a data analyst.', 'en'), 'the ROME title itself stays the fiche’s own').to.deep.equal(['M1419']);
  });
});

