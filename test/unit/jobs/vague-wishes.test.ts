import { expect } from 'chai';
import type { JobCatalog } from '../../../src/core/jobs/job-catalog.js';
import type { OccupationRanker, RankingQuery } from '../../../src/core/jobs/occupation-ranker.js';
import { loadOccupationRanker } from '../../../src/infra/jobs/load-occupation-ranker.js';

/** ROME 4.0 work contexts (unix_referentiel_contexte_travail). */
const OUTSIDE = '300783';
const NIGHTS = '300803';
const WITH_ANIMALS = '403963';

describe('Occupations from wishes that name an activity, a public or a setting rather than a job', function () {
  this.timeout(60_000);
  let ranker: OccupationRanker;
  let catalog: JobCatalog;
  const codes = (answers: RankingQuery['answers'], locale: RankingQuery['locale'] = 'fr') => ranker.rank({ answers, locale, skillIds: [], limit: 5 }).occupations.map((o) => o.code);
  const carrying = (context: string) => (code: string) => catalog.fiche(code)?.contexts?.includes(context) === true;

  before(() => {
    ({ ranker, catalog } = loadOccupationRanker());
    catalog.warmUp();
  });

  it('proposes outdoor manual work for "something hands-on, outdoors"', () => {
    const found = codes({ careerPath: 'Bank clerk since 2015.', targets: 'Something hands-on, outdoors.' }, 'en');
    expect(found).to.have.length(5);
    expect(found.every(carrying(OUTSIDE)), found.join(' ')).to.equal(true);
    expect(found.every((code) => catalog.fiche(code)?.riasec === 'R'), found.join(' ')).to.equal(true);
  });

  it('reads « dehors » and « de mes mains » as a setting and a kind of work, not as words of a title', () => {
    const found = codes({ careerPath: 'Comptable depuis 2012.', targets: 'Un métier dehors, où je travaille de mes mains.' });
    expect(found.filter(carrying(OUTSIDE)).length, found.join(' ')).to.be.at.least(4);
  });

  it('proposes work with animals for « m’occuper de bêtes, à la campagne » (the countryside, not a campaign)', () => {
    const found = codes({ careerPath: 'Comptable depuis 2012.', targets: 'M’occuper de bêtes, à la campagne.' });
    expect(found.every(carrying(WITH_ANIMALS)), found.join(' ')).to.equal(true);
  });

  it('weighs down the fiches with the working conditions the person wants less of', () => {
    const found = codes({ careerPath: 'Vendeuse depuis 2015.', targets: 'Travailler avec des enfants.', lessOf: 'Les nuits et les week-ends.' });
    expect(found.some(carrying(NIGHTS)), found.join(' ')).to.equal(false);
  });

  it('reads a verb as a verb, not as a typo of a title ("write" is no writer)', () => {
    expect(catalog.recognise('Write reports every week.', 'en').map((j) => j.label)).to.not.include('Writer');
  });

  it('counts as held only the jobs the missions name as the person’s own, not those of the people they work with', () => {
    const jobs = ranker.rank({ answers: { careerPath: 'Nurse in a hospital for ten years.', currentMissions: 'I care for patients and work with the judges and the police.' }, locale: 'en', skillIds: [], limit: 5 }).jobs;
    expect(jobs.map((j) => j.label)).to.not.include('Judge');
  });

  it('proposes computing jobs for "something in IT, working from home", common ones first among equals', () => {
    const found = codes({ careerPath: 'Nurse for ten years.', targets: 'Something in IT, working from home.' }, 'en');
    expect(found.slice(0, 3).filter((code) => code.startsWith('M18')).length, found.join(' ')).to.be.at.least(2);
  });
});

