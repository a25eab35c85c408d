import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataValidationError } from '../../../src/core/errors.js';
import type { Locale } from '../../../src/core/locale.js';
import type { OccupationQuery, OccupationSuggestion } from '../../../src/core/skills/occupation-suggester.js';
import { DEFAULT_OCCUPATIONS_DATA_DIR, OCCUPATIONS_FILE, readOccupationsFile, type FicheRecord, type OccupationsFile } from '../../../src/infra/skills/occupations-file.js';
import { loadOccupationSuggester, RomeOccupationSuggester } from '../../../src/infra/skills/rome-occupation-suggester.js';

const query = (skillIds: readonly string[], options: Partial<Omit<OccupationQuery, 'skillIds'>> = {}): OccupationQuery => ({
  skillIds,
  holland: options.holland,
  locale: options.locale ?? 'fr',
  limit: options.limit ?? 5,
});

const codes = (suggestions: readonly OccupationSuggestion[]): string[] => suggestions.map((s) => s.code);

describe('RomeOccupationSuggester with the ROME 4.0 data of data/occupations/', () => {
  let file: OccupationsFile;
  let suggester: RomeOccupationSuggester;
  let idByLabel: Map<string, string>;

  /** The id of the skill with this French label (ids are picked by label, never hard-coded). */
  const idOf = (label: string): string => {
    const id = idByLabel.get(label);
    if (id === undefined) throw new Error(`no skill labelled "${label}" in ${OCCUPATIONS_FILE}`);
    return id;
  };
  const ficheOf = (code: string): FicheRecord => {
    const fiche = file.fiches.find((f) => f.code === code);
    if (!fiche) throw new Error(`no fiche ${code}`);
    return fiche;
  };

  const profiles = {
    nursingAuxiliary: [
      'Prodiguer des soins corporels et esthétiques',
      "Surveiller l'état de santé d'une personne",
      'Aider la personne',
      "Normes et règles d'hygiène, de propreté et d'asepsie",
      "Être à l'écoute, faire preuve d'empathie",
      "Avoir l'esprit d'équipe",
    ],
    accountant: ['Comptabilité générale', 'Réaliser des opérations comptables', 'Fiscalité', 'Logiciels comptables', 'Faire preuve de rigueur et de précision'],
    warehouseWorker: [
      'Charger, décharger, manutentionner des produits',
      'Trier, ranger des produits, des matières premières',
      'Participer à un inventaire',
      'Gestes et postures de manutention',
      'Organiser le traitement des commandes',
      'Faire preuve de réactivité',
    ],
  } as const;
  const skillsOf = (profile: keyof typeof profiles): string[] => profiles[profile].map(idOf);

  before(() => {
    file = readOccupationsFile(DEFAULT_OCCUPATIONS_DATA_DIR);
    suggester = loadOccupationSuggester();
    idByLabel = new Map(Object.entries(file.labels).map(([id, labels]) => [labels.fr, id]));
  });

  it('should carry the ROME attribution, licence and version, and report the taxonomy version', () => {
    expect(file.attribution).to.include('Source : France Travail — ROME 4.0, version 60 (v460, sept. 2025)');
    expect(file.licence).to.match(/Licence Ouverte/u);
    expect(file.version).to.equal('ROME 4.0 v460');
    expect(file.fiches).to.have.length(1584);
    expect(suggester.taxonomyVersions).to.deep.equal({ rome: '4.0 v460' });
    expect(suggester.attribution).to.deep.equal(file.attribution);
  });

  it('should propose the nursing auxiliary fiche (J1501, aide-soignant) among the top 5 for a nursing auxiliary', () => {
    const top = suggester.suggest(query(skillsOf('nursingAuxiliary')));
    expect(top).to.have.length(5);
    expect(codes(top)).to.include('J1501');
    expect(top.find((s) => s.code === 'J1501')?.label).to.match(/aide-soignant/iu);
  });

  it('should propose the Comptable fiche (M1203) among the top 5 for an accountant, with accounting fiches first', () => {
    const top = suggester.suggest(query(skillsOf('accountant')));
    expect(codes(top)).to.include('M1203');
    expect(top[0]?.code).to.match(/^M12/u);
    expect(top.find((s) => s.code === 'M1203')?.label).to.equal('Comptable');
  });

  it('should propose a warehouse fiche (N11xx: préparation de commandes, magasinage) among the top 5 for a warehouse worker', () => {
    const top = suggester.suggest(query(skillsOf('warehouseWorker')));
    const warehouse = top.filter((s) => /^N11/u.test(s.code));
    expect(warehouse.map((s) => s.code)).to.include.oneOf(['N1103', 'N1110']);
    expect(warehouse.map((s) => s.label).join(' ')).to.match(/commandes|magasinier/iu);
  });

  it('should list the matched skills of each suggestion among the ones the user gave', () => {
    const skills = skillsOf('accountant');
    const top = suggester.suggest(query(skills));
    for (const suggestion of top) {
      expect(suggestion.matchedSkills.length).to.be.at.least(1);
      for (const skill of suggestion.matchedSkills) expect(skills).to.include(skill.id);
    }
  });

  it('should let the Holland code reorder two close fiches of different RIASEC letters', () => {
    const plain = suggester.suggest(query(skillsOf('warehouseWorker'), { limit: 20 }));
    // Two neighbours with different letters whose scores are within the first letter's bonus (15 %).
    const pair = plain
      .slice(1)
      .map((lower, i) => ({ upper: plain[i] as OccupationSuggestion, lower }))
      .find(({ upper, lower }) => upper.riasec !== lower.riasec && lower.riasec !== undefined && upper.score / lower.score < 1.1);
    expect(pair, 'two close fiches with different RIASEC letters').to.not.equal(undefined);
    const { upper, lower } = pair!;
    const position = (suggestions: readonly OccupationSuggestion[], code: string): number => codes(suggestions).indexOf(code);
    expect(position(plain, upper.code)).to.be.below(position(plain, lower.code));
    const reordered = suggester.suggest(query(skillsOf('warehouseWorker'), { limit: 20, holland: lower.riasec! }));
    expect(position(reordered, lower.code)).to.be.below(position(reordered, upper.code));
  });

  it('should propose nothing without skills, whatever the Holland code', () => {
    expect(suggester.suggest(query([]))).to.deep.equal([]);
    expect(suggester.suggest(query([], { holland: 'SEC' }))).to.deep.equal([]);
  });

  it('should ignore unknown ids, ESCO concepts without a ROME link and non-strings', () => {
    const skills = skillsOf('accountant');
    const noisy = ['999999999', 'http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000', '', ...skills, 42 as unknown as string];
    expect(suggester.suggest(query(noisy))).to.deep.equal(suggester.suggest(query(skills)));
    expect(suggester.suggest(query(['999999999', 'not-a-skill']))).to.deep.equal([]);
  });

  it('should count a confirmed ROME compétence, or an ESCO concept the extractor links to ROME, as the item it belongs to', () => {
    const skills = skillsOf('nursingAuxiliary');
    const macro = idOf('Prodiguer des soins corporels et esthétiques');
    const competence = file.aliases[macro]?.find((id) => !id.startsWith('http'));
    expect(competence, 'a compétence of the macro-compétence').to.be.a('string');
    const viaCompetence = suggester.suggest(query([competence!, ...skills.filter((id) => id !== macro)]));
    expect(codes(viaCompetence)).to.deep.equal(codes(suggester.suggest(query(skills))));
    expect(viaCompetence.find((s) => s.code === 'J1501')?.matchedSkills.map((s) => s.id)).to.include(macro);
    expect(suggester.countsAs(competence!)).to.equal(macro);
    expect(suggester.countsAs(macro)).to.equal(macro);
    expect(suggester.countsAs('999999999')).to.equal(undefined);

    const [target, esco] = Object.entries(file.aliases).flatMap(([id, sources]) => sources.filter((s) => s.startsWith('http')).map((s) => [id, s] as const))[0] ?? [];
    expect(esco, 'an ESCO concept linked to ROME').to.be.a('string');
    const others = skillsOf('warehouseWorker');
    expect(suggester.suggest(query([esco!, ...others]))).to.deep.equal(suggester.suggest(query([target!, ...others])));
    expect(suggester.countsAs(esco!)).to.equal(target);
  });

  it('should give labels in English when asked and available, in French otherwise', () => {
    const skills = skillsOf('accountant');
    const labelIn = (id: string, locale: Locale): string => (locale === 'en' ? file.labels[id]?.en : undefined) ?? file.labels[id]?.fr ?? '';
    const english = suggester.suggest(query(skills, { locale: 'en' }));
    const french = suggester.suggest(query(skills, { locale: 'fr' }));
    expect(codes(english)).to.deep.equal(codes(french));
    const shown = english.flatMap((s) => [...s.matchedSkills, ...s.gaps]);
    for (const skill of shown) expect(skill.label).to.equal(labelIn(skill.id, 'en'));
    const rigour = idOf('Faire preuve de rigueur et de précision');
    expect(shown.find((skill) => skill.id === rigour)?.label).to.equal('Rigour, attention to detail');
    expect(french.flatMap((s) => s.matchedSkills).find((skill) => skill.id === rigour)?.label).to.equal('Faire preuve de rigueur et de précision');
    for (const suggestion of english) expect(suggestion.label).to.equal(ficheOf(suggestion.code).label_en ?? ficheOf(suggestion.code).label_fr);
  });

  it("should give at most 5 gaps, all core skills of the fiche that the user lacks, never one the user has", () => {
    for (const profile of Object.keys(profiles) as (keyof typeof profiles)[]) {
      const skills = skillsOf(profile);
      for (const suggestion of suggester.suggest(query(skills, { limit: 10 }))) {
        const core = ficheOf(suggestion.code).skills.core;
        expect(suggestion.gaps.length).to.be.at.most(5);
        for (const gap of suggestion.gaps) {
          expect(skills).to.not.include(gap.id);
          expect(suggestion.matchedSkills.map((s) => s.id)).to.not.include(gap.id);
          expect(core).to.include(gap.id);
        }
      }
    }
  });

  it('should be deterministic: same answer for the same query, whatever the order of the ids', () => {
    const skills = skillsOf('nursingAuxiliary');
    const first = suggester.suggest(query(skills, { holland: 'SEC', limit: 10 }));
    expect(suggester.suggest(query(skills, { holland: 'SEC', limit: 10 }))).to.deep.equal(first);
    expect(suggester.suggest(query([...skills].reverse(), { holland: 'SEC', limit: 10 }))).to.deep.equal(first);
    expect(suggester.suggest(query([...skills, ...skills], { holland: 'SEC', limit: 10 }))).to.deep.equal(first);
  });

  it('should answer well under 10 ms', () => {
    const skills = skillsOf('warehouseWorker');
    suggester.suggest(query(skills));
    const runs = 50;
    const start = performance.now();
    for (let i = 0; i < runs; i++) suggester.suggest(query(skills, { holland: 'RCE', limit: 10 }));
    expect((performance.now() - start) / runs).to.be.below(10);
  });
});

describe('RomeOccupationSuggester scoring rules (synthetic data)', () => {
  /** A data file with these fiches; every id gets a label, "<id> (fr)" / "<id> (en)". */
  const fileWith = (fiches: readonly FicheRecord[], aliases: Record<string, readonly string[]> = {}): OccupationsFile => {
    const ids = fiches.flatMap((f) => [...f.skills.core, ...f.skills.other]);
    return {
      source: 'test',
      version: 'ROME test',
      licence: 'test',
      attribution: ['test'],
      fiches,
      labels: Object.fromEntries(ids.map((id) => [id, { fr: `${id} (fr)`, en: `${id} (en)` }])),
      aliases,
    };
  };
  const fiche = (code: string, core: readonly string[], other: readonly string[], riasec?: string): FicheRecord => ({
    code,
    label_fr: `Fiche ${code}`,
    ...(riasec ? { riasec } : {}),
    skills: { core, other },
  });

  it('should propose a fiche only if it shares at least 2 skills, or 1 core skill', () => {
    const suggester = new RomeOccupationSuggester(
      fileWith([fiche('A0001', [], ['u1', 'f1', 'f2']), fiche('A0002', ['u1'], ['f3']), fiche('A0003', [], ['u1', 'u2', 'f4']), fiche('A0004', [], ['f5', 'f6'])]),
    );
    expect(codes(suggester.suggest(query(['u1', 'u2'], { limit: 10 })))).to.have.members(['A0002', 'A0003']);
    expect(codes(suggester.suggest(query(['u2'], { limit: 10 })))).to.deep.equal([]);
  });

  it('should normalise by the size of the fiche: a small fiche sharing the same skills beats a huge one', () => {
    const many = Array.from({ length: 40 }, (_, i) => `big${i}`);
    const suggester = new RomeOccupationSuggester(fileWith([fiche('B0001', [], ['u1', 'u2', ...many]), fiche('B0002', [], ['u1', 'u2', 'g1', 'g2'])]));
    const [small, big] = suggester.suggest(query(['u1', 'u2'], { limit: 10 }));
    expect([small?.code, big?.code]).to.deep.equal(['B0002', 'B0001']);
    expect(small!.score).to.be.greaterThan(2 * big!.score);
  });

  it('should weigh core skills double and rare skills more than common ones', () => {
    const common = Array.from({ length: 8 }, (_, i) => fiche(`Z000${i}`, [], ['common', `z${i}`]));
    const suggester = new RomeOccupationSuggester(
      fileWith([fiche('C0001', ['u1'], ['u2', 'x1']), fiche('C0002', [], ['u1', 'u2', 'x2']), fiche('C0003', [], ['rare', 'common', 'x3']), fiche('C0004', [], ['u3', 'common', 'x4']), ...common]),
    );
    expect(codes(suggester.suggest(query(['u1', 'u2'])))).to.deep.equal(['C0001', 'C0002']);
    // 'rare' is used by one fiche, 'u3' by one too, 'common' by ten: C0003 and C0004 tie on shape; the code breaks the tie.
    const both = suggester.suggest(query(['rare', 'common', 'u3'], { limit: 2 }));
    expect(codes(both)).to.deep.equal(['C0003', 'C0004']);
    expect(both[0]!.matchedSkills.map((s) => s.id)).to.deep.equal(['rare', 'common']);
  });

  it("should add a RIASEC bonus when the fiche's letter is in the Holland code, more for the first letter", () => {
    const suggester = new RomeOccupationSuggester(fileWith([fiche('D0001', [], ['u1', 'u2', 'f1'], 'A'), fiche('D0002', [], ['u1', 'u2', 'f2'], 'S'), fiche('D0003', [], ['u1', 'u2', 'f3'])]));
    const skills = ['u1', 'u2'];
    const plain = suggester.suggest(query(skills));
    expect(codes(plain)).to.deep.equal(['D0001', 'D0002', 'D0003']);
    const base = plain[0]!.score;
    expect(plain.map((s) => s.score)).to.deep.equal([base, base, base]);
    expect(codes(suggester.suggest(query(skills, { holland: 'S' })))).to.deep.equal(['D0002', 'D0001', 'D0003']);
    const sa = suggester.suggest(query(skills, { holland: 'sa' }));
    expect(codes(sa)).to.deep.equal(['D0002', 'D0001', 'D0003']);
    expect(sa[0]!.score).to.be.closeTo(base * 1.15, 1e-3);
    expect(sa[1]!.score).to.be.closeTo(base * 1.1, 1e-3);
    expect(codes(suggester.suggest(query(skills, { holland: 'ASE' })))).to.deep.equal(['D0001', 'D0002', 'D0003']);
    expect(plain.map((s) => s.riasec)).to.deep.equal(['A', 'S', undefined]);
  });

  it('should give as gaps the core skills the user lacks, most weighted first, at most 5', () => {
    const others = Array.from({ length: 4 }, (_, i) => fiche(`F000${i}`, [], ['k1', 'k2', `o${i}`]));
    const suggester = new RomeOccupationSuggester(fileWith([fiche('E0001', ['u1', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'], ['u2', 'm1']), ...others]));
    const [suggestion] = suggester.suggest(query(['u1', 'u2'], { locale: 'en' }));
    expect(suggestion?.gaps).to.have.length(5);
    // k3…k7 are used by E0001 only (rarer than k1, k2): they come first, in id order.
    expect(suggestion?.gaps.map((g) => g.id)).to.deep.equal(['k3', 'k4', 'k5', 'k6', 'k7']);
    expect(suggestion?.gaps[0]?.label).to.equal('k3 (en)');
    expect(suggestion?.matchedSkills.map((s) => s.id)).to.deep.equal(['u1', 'u2']);
  });

  it('should respect the limit and resolve aliases', () => {
    const suggester = new RomeOccupationSuggester(fileWith([fiche('G0001', ['u1'], []), fiche('G0002', ['u1'], []), fiche('G0003', ['u1'], [])], { u1: ['c1', 'http://esco/x'] }));
    expect(codes(suggester.suggest(query(['u1'], { limit: 2 })))).to.deep.equal(['G0001', 'G0002']);
    expect(suggester.suggest(query(['u1'], { limit: 0 }))).to.deep.equal([]);
    expect(suggester.suggest(query(['c1']))).to.deep.equal(suggester.suggest(query(['u1'])));
    expect(suggester.suggest(query(['http://esco/x']))).to.deep.equal(suggester.suggest(query(['u1'])));
  });

  it('should refuse an invalid data file with a DataValidationError naming the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'occupations-'));
    try {
      const valid = fileWith([fiche('H0001', ['u1'], ['u2'])]);
      writeFileSync(join(dir, OCCUPATIONS_FILE), JSON.stringify({ ...valid, attribution: [] }));
      expect(() => loadOccupationSuggester(dir)).to.throw(DataValidationError, /attribution/u);
      writeFileSync(join(dir, OCCUPATIONS_FILE), JSON.stringify({ ...valid, labels: {} }));
      expect(() => loadOccupationSuggester(dir)).to.throw(DataValidationError, /fiches\/0\/skills\/core\/0/u);
      writeFileSync(join(dir, OCCUPATIONS_FILE), '{');
      expect(() => loadOccupationSuggester(dir)).to.throw(DataValidationError, /Cannot read/u);
      writeFileSync(join(dir, OCCUPATIONS_FILE), JSON.stringify(valid));
      expect(loadOccupationSuggester(dir).suggest(query(['u1']))).to.have.length(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
