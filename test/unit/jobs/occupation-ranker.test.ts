import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { OccupationRanker, RankingQuery } from '../../../src/core/jobs/occupation-ranker.js';
import type { JobCatalog } from '../../../src/core/jobs/job-catalog.js';
import { loadOccupationRanker } from '../../../src/infra/jobs/load-occupation-ranker.js';
import { PROJECT_ROOT } from '../../../src/project-root.js';

describe('OccupationRanker with the ROME 4.0 / ESCO data of data/occupations/', function () {
  this.timeout(60_000);
  let ranker: OccupationRanker;
  let catalog: JobCatalog;
  const rank = (answers: RankingQuery['answers'], options: Partial<RankingQuery> = {}) => ranker.rank({ answers, locale: 'fr', skillIds: [], limit: 5, ...options });
  const codes = (answers: RankingQuery['answers'], options: Partial<RankingQuery> = {}) => rank(answers, options).occupations.map((o) => o.code);

  before(() => {
    ({ ranker, catalog } = loadOccupationRanker());
    catalog.warmUp();
  });

  it('proposes first the job the person names as a target, and never their current job', () => {
    const ranking = rank({ careerPath: 'Comptable depuis dix ans.', targets: 'Je voudrais devenir contrôleur de gestion.' });
    expect(ranking.jobs.map((j) => j.code)).to.deep.equal(['M1203']);
    expect(ranking.occupations[0]?.code).to.equal('M1204');
    expect(ranking.occupations.map((o) => o.code)).to.not.include('M1203');
  });

  it('proposes next the other fiches a target’s title names almost as often (one title, several trades)', () => {
    for (const [title, locale] of [['health and safety advisor', 'en'], ['nurse', 'en']] as const) {
      const [match] = catalog.recognise(title, locale);
      expect(match?.alternatives.length, title).to.be.greaterThan(0);
      const top = codes({ careerPath: locale === 'en' ? 'Shop assistant since 2015.' : 'Vendeur depuis 2015.', targets: title }, { locale }).slice(0, 2 + (match?.alternatives.length ?? 0));
      expect(top, title).to.include.members([match!.code, match!.alternatives[0]!]);
    }
  });

  it('proposes the occupational health and safety fiches before the insurance fiche the ESCO–ROME mapping gives the titles', () => {
    const answers = {
      careerPath: '2013: nursing degree. 2013-2017: staff nurse in a surgical ward. Since 2017: senior nurse in an emergency department.',
      currentMissions: 'I assess patients, give medication, supervise three junior nurses, keep the care records up to date and report incidents.',
      moreOf: 'Preventing accidents and teaching people safe habits.',
      targets: 'Health and safety advisor, or occupational health nurse.',
    };
    const top = codes(answers, { locale: 'en' });
    const safety = ['K1502', 'F1204', 'M1417', 'H1303', 'H1308', 'H1302'];
    const firstSafety = top.findIndex((code) => safety.includes(code));
    expect(firstSafety, top.join(' ')).to.be.within(0, 1);
    if (top.includes('C1106')) expect(top.indexOf('C1106'), top.join(' ')).to.be.greaterThan(firstSafety);
    expect(codes({ careerPath: 'Shop assistant since 2015.', targets: 'Health and safety advisor.' }, { locale: 'en' })[0]).to.be.oneOf(safety);
  });

  it('keeps a generic word of the targets ("trainer") from bringing in fiches the rest of the profile says nothing of', () => {
    const office = {
      careerPath: 'Office administrator in a logistics company since 2016.',
      currentMissions: 'I handle the post, order supplies, keep the staff files and organise meetings.',
      moreOf: 'Training people, explaining procedures to new colleagues.',
    };
    const animalsOrSport = /^(A14|A15|L12|L14|G12)/u;
    for (const targets of ['Corporate trainer.', 'Trainer for adults at work, a corporate trainer.', 'Trainer in a company.']) {
      const top = codes({ ...office, targets }, { locale: 'en' });
      expect(top.filter((code) => animalsOrSport.test(code)), `${targets} → ${top.join(' ')}`).to.deep.equal([]);
      expect(top.some((code) => /^(K21|M150)/u.test(code)), `${targets} → ${top.join(' ')}`).to.equal(true);
    }
  });

  it('keeps the words a target was named with when the fiche’s label shares none of them, and only then', () => {
    const said = (targets: string, locale: 'fr' | 'en') => rank({ targets }, { locale }).occupations.map((o) => o.said);
    // "corporate trainer": no title; the generic head "trainer" read through its qualifier names a fiche titled otherwise.
    const [first] = rank({ careerPath: 'Admin assistant for eight years.', moreOf: 'Teaching adults at work, in companies.', targets: 'I would like to become a corporate trainer.' }, { locale: 'en' }).occupations;
    expect(first?.said).to.equal('corporate trainer');
    expect(first?.label.toLowerCase()).to.not.contain('trainer');
    expect(said('Je voudrais devenir contrôleur de gestion.', 'fr')[0]).to.equal(undefined);
    expect(said('Formatrice pour adultes.', 'fr')[0]).to.equal(undefined);
  });

  it('proposes a job held again only when it is the one target named, not when it qualifies another (« formateur cariste »)', () => {
    expect(codes({ careerPath: 'Cariste depuis 2010.', targets: 'Formateur cariste ou animateur sécurité.' })).to.not.include('N1101');
    const qualified = rank({ careerPath: 'Chef d’équipe en entrepôt.', targets: 'Formateur cariste ou animateur sécurité.' }, { confirmedJobs: ['N1303'] });
    expect(qualified.targets.map((t) => t.code), 'a title right after another qualifies it').to.not.include('N1101');
    expect(codes({ careerPath: 'Comptable depuis 2010.', targets: 'Rester comptable, dans une autre structure.' })[0]).to.equal('M1203');
  });

  it('never proposes two occupations with the same title (fiches sharing one ESCO occupation in English)', () => {
    const labels = rank({ careerPath: 'Primary school teacher for twelve years.', targets: 'Instructional designer or corporate trainer.' }, { locale: 'en' }).occupations.map((o) => o.label);
    expect(new Set(labels).size).to.equal(labels.length);
  });

  it('leaves out a job the person rules out', () => {
    const ranking = rank({ careerPath: 'Assistante de direction.', targets: 'Formatrice pour adultes, mais surtout pas comptable.' });
    expect(ranking.ruledOut).to.include('M1203');
    expect(ranking.occupations.map((o) => o.code)).to.not.include('M1203');
    expect(ranking.occupations[0]?.code).to.equal('K2111');
  });

  it('ranks mobility neighbours of the target when the wish names a job', () => {
    const ranking = codes({ careerPath: 'Vendeuse.', targets: 'Infirmière.' });
    expect(ranking[0]).to.equal('J1506');
    const neighbours = catalog.fiche('J1506')?.mobility ?? [];
    expect(ranking.slice(1).some((code) => neighbours.includes(code))).to.equal(true);
  });

  it('finds the fiches a vague wish describes', () => {
    expect(codes({ careerPath: 'Agent de sécurité.', targets: 'Travailler dehors, dans les espaces verts.' }).slice(0, 3)).to.include.oneOf(['A1203', 'A1202', 'A1208', 'A1204']);
  });

  it('labels occupations and gaps in English for an English-speaking person', () => {
    const ranking = rank({ careerPath: 'Marketing assistant.', targets: 'I want to become a data analyst.' }, { locale: 'en' });
    const [first] = ranking.occupations;
    expect(first?.code).to.equal('M1419');
    expect(ranking.occupations.filter((o) => o.label !== catalog.fiche(o.code)?.fr || catalog.fiche(o.code)?.en === o.label)).to.have.length(ranking.occupations.length);
    expect(first?.gaps.length).to.be.greaterThan(0);
    expect(first?.gaps.every((gap) => !/[éèàç]/u.test(gap.label))).to.equal(true);
    const gap = first?.gaps[0];
    expect(gap?.id, 'a gap is an ESCO skill the person can confirm').to.match(/^http:\/\/data\.europa\.eu\/esco\/skill\//);
    const confirmed = rank({ careerPath: 'Marketing assistant.', targets: 'I want to become a data analyst.' }, { locale: 'en', skillIds: [gap?.id ?? ''] });
    expect(confirmed.occupations[0]?.gaps.map((g) => g.id), 'a confirmed skill is no gap').to.not.include(gap?.id);
  });

  it('lists as matched only the skills the person confirmed', () => {
    const none = rank({ careerPath: 'Comptable.', targets: 'Contrôleur de gestion.' });
    expect(none.occupations.every((o) => o.matchedSkills.length === 0)).to.equal(true);
    const gap = none.occupations[0]?.gaps[0];
    expect(gap).to.not.equal(undefined);
    const confirmed = rank({ careerPath: 'Comptable.', targets: 'Contrôleur de gestion.' }, { skillIds: [gap?.id ?? ''] });
    expect(confirmed.occupations[0]?.matchedSkills.map((s) => s.id)).to.deep.equal([gap?.id]);
  });

  it('uses the jobs the person confirmed instead of guessing them from the text', () => {
    const ranking = rank({ careerPath: 'Comptable.', targets: 'Contrôleur de gestion.' }, { confirmedJobs: ['M1607'] });
    expect(ranking.jobs.map((j) => j.code)).to.deep.equal(['M1607']);
  });
});

describe('npm run occupations:suggest', function () {
  this.timeout(120_000);

  it('answers each readable line in order, reports an unreadable one by its number on stderr, and exits 1', () => {
    const input = [
      JSON.stringify({ id: 'a', lang: 'fr', answers: { career_path: 'Comptable.', targets: 'Contrôleur de gestion.' }, gold: { current: ['M1203'] } }),
      '{not json',
      JSON.stringify({ id: 'b', lang: 'en', answers: {} }),
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts/occupations/suggest.ts')], { input, encoding: 'utf8' });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.match(/line 2/u);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; jobs: { code: string }[]; occupations: { code: string; label: string }[] });
    expect(lines.map((l) => l.id)).to.deep.equal(['a', 'b']);
    expect(lines[0]?.jobs[0]?.code).to.equal('M1203');
    expect(lines[0]?.occupations[0]?.code).to.equal('M1204');
    expect(lines[0]?.occupations.length).to.be.at.most(5);
    expect(lines[1]?.occupations).to.deep.equal([]);
  });
});
