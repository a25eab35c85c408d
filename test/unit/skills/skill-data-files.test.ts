import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataValidationError } from '../../../src/core/errors.js';
import { LOCALES } from '../../../src/core/locale.js';
import { DEFAULT_SKILLS_DATA_DIR, loadSkillExtractor } from '../../../src/infra/skills/load-skill-extractor.js';
import { readTriggerLexicon, type TriggerLexiconFile } from '../../../src/infra/skills/resource-files.js';
import { readLabelIndexFile, readTaxonomyFile, readTaxonomyLabelsFile, readTaxonomyRows, type TaxonomyEntryRow } from '../../../src/infra/skills/taxonomy-files.js';
import { foldAccents } from '../../../src/infra/skills/tokenizer.js';

const ROME_ATTRIBUTION = /France Travail — ROME 4\.0/u;
const ESCO_ATTRIBUTION = /© European Union, ESCO/u;
const fold = (label: string): string => foldAccents(label.toLowerCase()).replace(/[’']/gu, "'");

describe('skill data files (data/skills/)', () => {
  let rows: Map<string, TaxonomyEntryRow>;

  before(() => {
    rows = new Map(readTaxonomyRows(DEFAULT_SKILLS_DATA_DIR).map((row) => [row[0], row]));
  });

  it('load and carry the ROME and ESCO attribution lines', () => {
    const files = [readTaxonomyFile(DEFAULT_SKILLS_DATA_DIR), readTaxonomyLabelsFile(DEFAULT_SKILLS_DATA_DIR), ...LOCALES.map((l) => readLabelIndexFile(DEFAULT_SKILLS_DATA_DIR, l))];
    for (const file of files) {
      expect(file.attribution.join('\n')).to.match(ROME_ATTRIBUTION).and.to.match(ESCO_ATTRIBUTION);
    }
    for (const name of ['soft-skills.json', 'activities.json', 'activities-harvested.json'] as const) {
      expect(readTriggerLexicon(DEFAULT_SKILLS_DATA_DIR, name).attribution.join('\n')).to.match(ROME_ATTRIBUTION);
    }
  });

  it('hold the ROME 4.0 items, ESCO items and the links between them', () => {
    expect(rows.size).to.be.greaterThan(40_000);
    expect(rows.get('300259')?.slice(1, 4)).to.deep.equal(['savoir-faire', '', 'Participer à un inventaire']);
    expect(rows.get('503428')?.[2]).to.equal('300259');
    for (const [id, , macro, , , , rome] of rows.values()) {
      if (macro !== '') expect(rows.has(macro), `${id} → macro ${macro}`).to.equal(true);
      if (rome !== '') expect(rows.get(rome)?.[0].startsWith('http'), `${id} → ROME ${rome}`).to.equal(false);
    }
  });

  it('cover the 16 ROME savoir-être professionnels with soft-skill triggers in both languages', () => {
    const savoirEtre = [...rows.values()].filter((row) => !row[0].startsWith('http') && row[1] === 'savoir-être').map((row) => row[0]);
    expect(savoirEtre).to.have.length(16);
    const soft = readTriggerLexicon(DEFAULT_SKILLS_DATA_DIR, 'soft-skills.json');
    for (const id of savoirEtre) {
      const entry = soft.skills.find((skill) => skill.id === id);
      expect(entry, id).to.not.equal(undefined);
      for (const locale of LOCALES) expect((entry?.[locale].adjectives.length ?? 0) + (entry?.[locale].phrases.length ?? 0), `${id} ${locale}`).to.be.greaterThan(0);
    }
  });

  for (const name of ['soft-skills.json', 'activities.json', 'activities-harvested.json'] as const) {
    describe(name, () => {
      let lexicon: TriggerLexiconFile;
      before(() => (lexicon = readTriggerLexicon(DEFAULT_SKILLS_DATA_DIR, name)));

      it('names taxonomy items, with their French label', () => {
        for (const skill of lexicon.skills) {
          const row = rows.get(skill.id);
          expect(row, skill.id).to.not.equal(undefined);
          if (!skill.id.startsWith('http')) expect(fold(skill.label.fr), skill.id).to.equal(fold(row?.[3] ?? ''));
        }
      });

      it('gives ROME items their ROME kind (ESCO behaviours ROME lacks are savoir-être, as in ROME)', () => {
        for (const skill of lexicon.skills) {
          const expected = skill.id.startsWith('http') && name === 'soft-skills.json' ? 'savoir-être' : rows.get(skill.id)?.[1];
          expect(skill.kind, skill.id).to.equal(expected);
        }
      });

      it('has no entry twice', () => {
        const ids = lexicon.skills.map((skill) => skill.id);
        expect(new Set(ids).size).to.equal(ids.length);
      });
    });
  }

  it('are documented, with their licences, in data/skills/README.md', () => {
    const readme = readFileSync(join(DEFAULT_SKILLS_DATA_DIR, 'README.md'), 'utf8');
    expect(readme).to.match(ROME_ATTRIBUTION).and.to.match(ESCO_ATTRIBUTION).and.to.match(/Licence Ouverte/u).and.to.match(/CC BY 4\.0/u);
    expect(readme).to.include('scripts/skills/build-taxonomy.ts');
  });

  describe('validation', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'skills-data-'));
      cpSync(DEFAULT_SKILLS_DATA_DIR, dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('rejects a broken lexicon with an error naming the file and the field', () => {
      const file = join(dir, 'activities.json');
      const data = JSON.parse(readFileSync(file, 'utf8')) as { skills: { kind: string }[] };
      data.skills[0]!.kind = 'savoir-vivre';
      writeFileSync(file, JSON.stringify(data));
      expect(() => loadSkillExtractor(dir)).to.throw(DataValidationError, /activities\.json#\/skills\/0\/kind/u);
    });

    it('rejects a taxonomy file without its attribution', () => {
      const file = join(dir, 'taxonomy.json');
      const data = JSON.parse(readFileSync(file, 'utf8')) as { meta: { attribution?: unknown } };
      delete data.meta.attribution;
      writeFileSync(file, JSON.stringify(data));
      expect(() => loadSkillExtractor(dir)).to.throw(DataValidationError, /taxonomy\.json#\/meta\/attribution/u);
    });

    it('rejects a file that is not JSON', () => {
      writeFileSync(join(dir, 'matching.json'), '{ not json');
      expect(() => loadSkillExtractor(dir)).to.throw(DataValidationError, /matching\.json/u);
    });
  });
});
