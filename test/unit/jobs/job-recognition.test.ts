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

  describe('generic heads (« conseiller », "trainer": titles of many ROME domains)', () => {
    it('finds them in the taxonomy: a head whose titles spread over several domains, not one of a single trade', () => {
      for (const word of ['trainer', 'assistant', 'manager', 'agent', 'technician', 'advisor']) expect(catalog.isGenericHead(word, 'en'), word).to.equal(true);
      for (const word of ['conseiller', 'chargé', 'responsable', 'technicienne', 'assistante']) expect(catalog.isGenericHead(word, 'fr'), word).to.equal(true);
      for (const word of ['nurse', 'plumber', 'accountant']) expect(catalog.isGenericHead(word, 'en'), word).to.equal(false);
      for (const word of ['infirmière', 'formateur', 'comptable']) expect(catalog.isGenericHead(word, 'fr'), word).to.equal(false);
    });

    it('reads a generic head with a qualifier the taxonomy does not know as the fiche the qualifier and the profile agree with', () => {
      const [job] = catalog.recognise('I would like to become a corporate trainer.', 'en', 'Teaching adults at work, in companies. Admin assistant for eight years.');
      expect(job?.code).to.be.oneOf(['K2111', 'K2145', 'M1504', 'M1505', 'M1503', 'K2132']);
      expect(job?.text).to.equal('corporate trainer');
    });

    it('never names through a generic head a fiche the rest of the profile says nothing of (no dog trainer for office work)', () => {
      const animals = ['A1426', 'A1508', 'L1204', 'L1206', 'L1403'];
      const office = catalog.recognise('Trainer in a company.', 'en', 'Office administrator, I keep the staff files and organise meetings.');
      expect(office.flatMap((job) => [job.code, ...job.alternatives])).to.not.include.members(animals);
      expect(office.flatMap((job) => [job.code, ...job.alternatives]).filter((code) => animals.includes(code))).to.deep.equal([]);
      const dogs = catalog.recognise('Trainer.', 'en', 'I volunteer at a dog shelter and teach obedience to puppies.');
      expect(dogs[0]?.code, 'the same word with a profile about dogs').to.equal('A1426');
    });

    it('reads the same class in French: « technicien », « chargée de projet » with the words of a trade name a fiche of that trade', () => {
      const [vines] = catalog.recognise('Technicien pour les vignes et le vin.', 'fr', 'J’ai grandi dans une exploitation viticole.');
      expect(vines?.code.startsWith('A1'), vines?.code).to.equal(true);
      const [nature] = catalog.recognise('Chargée de projet pour une association de protection de la nature.', 'fr', 'Je fais des inventaires d’oiseaux bénévolement.');
      expect(nature?.code).to.equal('A1313');
    });
  });

  describe('English titles the ESCO–ROME mapping gives to several fiches, or to a fiche about something else', () => {
    const safety = ['K1502', 'F1204', 'M1417', 'H1303', 'H1308', 'H1302'];

    it('names the fiche whose own title and definition agree with the words, not the insurance fiche', () => {
      const [job] = catalog.recognise('Health and safety advisor.', 'en', 'Nurse for eleven years; preventing accidents and teaching people safe habits.');
      expect(job?.code).to.be.oneOf(safety);
      expect(job?.alternatives).to.not.include('C1106');
    });

    it('weighs a mapped title its fiche never uses against the fiches whose own text does, in the light of the profile', () => {
      const [job] = catalog.recognise('Occupational health nurse.', 'en', 'Ward nurse for eleven years, I assess patients and give medication.');
      expect(job?.code).to.not.equal('C1106');
      expect(catalog.label(job?.code ?? '', 'en')).to.match(/nurse/iu);
    });

    it('leaves a career path (no profile around it) to the mapping', () => {
      expect(codes('Car mechanic in a dealership garage for fourteen years.', 'en')).to.deep.equal(['I1604']);
    });
  });
});

