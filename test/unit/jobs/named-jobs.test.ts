import { expect } from 'chai';
import { currentJobIndex } from '../../../src/core/jobs/current-job.js';
import { JobServices } from '../../../src/infra/jobs/job-services.js';

describe('jobs named in a career path, and the one held now', () => {
  const jobs = new JobServices();
  const codes = (text: string, locale: 'fr' | 'en' = 'fr') => jobs.named(text, locale).map((j) => `${j.code}${j.current ? '*' : ''}`);

  it('marks the job in the sentence that says it is held now, whatever its place', () => {
    expect(codes('Assistante de direction depuis 8 ans ; avant, secrétaire médicale.')).to.deep.equal(['M1604*', 'M1609']);
    expect(codes('2004-2012 : préparateur de commandes puis cariste. Depuis 2013 : cariste confirmé.')).to.include('N1101*');
    const english = codes('Nurse for ten years. Currently I work as an accountant.', 'en');
    expect(english[0]).to.match(/^J15/);
    expect(english[1]).to.equal('M1203*');
  });

  it('else the job of the latest year, else the last one named', () => {
    expect(codes('1998 : comptable. 2010 : secrétaire.')).to.deep.equal(['M1203', 'M1607*']);
    expect(codes('Secrétaire, puis comptable.')).to.deep.equal(['M1607', 'M1203*']);
  });

  it('reads gender forms, accents left out, and a one-word title of a fiche', () => {
    expect(codes('conductrice de bus')).to.have.length(1);
    expect(codes('infirmiere')).to.deep.equal(codes('Infirmière'));
    expect(codes('Secrétaire.')).to.deep.equal(['M1607*']);
  });

  it('does not name a job from a word that only begins titles of other fiches', () => {
    expect(codes('I was a software developer, then an office manager.', 'en')).to.deep.equal(['M1805*']);
  });

  it('names nothing in a text without a job, and -1 as the current one', () => {
    expect(jobs.named('Je ne sais pas trop quoi dire.', 'fr')).to.deep.equal([]);
    expect(currentJobIndex('rien', [], new Set())).to.equal(-1);
  });

  it('offers a fiche’s core competences: ROME macro-compétences with an example in French, ESCO skills in English', () => {
    const fr = jobs.coreSkills('J1501', 'fr');
    expect(fr.length).to.be.within(3, 6);
    expect(fr.every((s) => /^\d+$/.test(s.id) && s.example !== undefined)).to.equal(true);
    const en = jobs.coreSkills('M1203', 'en');
    expect(en.length).to.be.greaterThan(2);
    expect(en.every((s) => s.id.startsWith('http://data.europa.eu/esco/skill/'))).to.equal(true);
  });

  it('offers in English what the job does before what it knows: no knowledge item ahead of a know-how', () => {
    for (const code of ['J1506', 'G1803', 'K2111', 'M1805', 'H1206']) {
      const kinds = jobs.coreSkills(code, 'en').map((s) => s.kind);
      expect(kinds.length, code).to.be.greaterThan(2);
      expect(kinds.indexOf('savoir') === -1 || kinds.slice(kinds.indexOf('savoir')).every((k) => k === 'savoir'), `${code}: ${kinds.join(', ')}`).to.equal(true);
      expect(kinds[0], code).to.not.equal('savoir');
    }
  });

  it('tells a title that is the person’s own from one naming someone they work with', () => {
    const own = (text: string, locale: 'fr' | 'en' = 'fr') => jobs.named(text, locale).map((j) => `${j.code}${j.own ? ':own' : ''}`);
    expect(own("Aide-soignante : je fais les toilettes et je transmets à l'infirmière.")).to.deep.equal(['J1501:own', 'J1506']);
    expect(own("Je travaille comme comptable ; j'aide le contrôleur de gestion.")).to.deep.equal(['M1203:own', 'M1204']);
    expect(jobs.named('I report to the accountant. I was a receptionist before.', 'en').map((j) => j.own)).to.deep.equal([false, true]);
  });

  it('in English, a word that only begins titles names no job when another word before it makes a different one', () => {
    expect(codes('I want to become a product owner.', 'en')).to.deep.equal([]);
    expect(codes('I was a senior nurse.', 'en')[0]).to.match(/^J15/);
  });

  it('in English, the small words inside a title must be the ones written (« analyst of software » is no analyst in a software company)', () => {
    expect(codes('Business analyst in a software company.', 'en')).to.deep.equal(['M1204*']);
    expect(codes('I work as an analyst of software.', 'en')).to.deep.equal(['M1852*']);
  });
});
