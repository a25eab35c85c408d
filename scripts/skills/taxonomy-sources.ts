import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../../src/core/locale.js';
import type { SkillKind } from '../../src/core/skills/skill-extractor.js';
import { foldAccents } from '../../src/infra/skills/tokenizer.js';
import { parseCsv } from './csv.js';
import { lowerCaseWords, namesOf } from './tool-names.js';

/** One ROME or ESCO item as read from the shared extracts, with the labels it is matched under. */
export interface SourceEntry {
  readonly id: string;
  readonly kind: SkillKind;
  /** ROME macro-compétence code of a ROME compétence, or ''. */
  readonly macro: string;
  readonly label: Readonly<Record<Locale, string>>;
  readonly fiches: number;
  readonly matchLabels: Readonly<Record<Locale, readonly string[]>>;
}

export const ESCO_PREFIX = 'http://data.europa.eu/esco/skill/';
const OFFICIAL_EN_ALT = 'esco-1.2.0-collection';

/** A label or title as compared with job titles: folded, without brackets. */
export const foldTitle = (text: string): string =>
  foldAccents(text.toLowerCase())
    .replace(/\([^)]*\)/gu, ' ')
    .replace(/[-\s]+/gu, ' ')
    .trim();

/**
 * Both forms of a title written « Assistant / Assistante dentaire »: the words after the feminine form belong to the
 * masculine one too (« Assistant dentaire »), as in « Attaché commercial / Attachée commerciale sédentaire ».
 */
export function genderForms(title: string): string[] {
  const parts = title.split(/\s+\/\s+/u);
  const [first, second, ...others] = parts;
  if (first === undefined || second === undefined || others.length > 0) return parts;
  const firstWords = first.split(/\s+/u);
  const rest = second.split(/\s+/u).slice(firstWords.length);
  return [[...firstWords, ...rest].join(' '), second];
}

const severalWords = (label: string): boolean => label.trim().includes(' ');
const splitAlt = (value: string | undefined): string[] => (value ?? '').split(/\s*\|\s*/u).filter((label) => label.length > 0);

export class TaxonomySources {
  constructor(private readonly sharedData: string) {}

  /** ROME items first, then ESCO items. */
  entries(): SourceEntry[] {
    return [...this.romeEntries(), ...this.escoEntries()];
  }

  private readCsv(relativePath: string): Record<string, string>[] {
    return parseCsv(readFileSync(join(this.sharedData, relativePath), 'utf8'));
  }

  /** ROME job titles (appellations), folded: "cuisinier", "secretaire medical"… */
  jobTitles(): Set<string> {
    const titles = this.readCsv('rome4/raw/unix_referentiel_appellation_v460_utf8.csv').flatMap((r) =>
      [r.libelle_appellation_long ?? '', r.libelle_appellation_court ?? ''].flatMap(genderForms),
    );
    return new Set(titles.map(foldTitle));
  }

  private romeEntries(): SourceEntry[] {
    const titles = this.jobTitles();
    const rows = this.readCsv('rome4/derived/rome4_skills_fr.csv');
    const lowerCase = lowerCaseWords(rows.map((r) => r.libelle ?? ''));
    return rows.map((r) => {
      const label = r.libelle ?? '';
      // A certification named like a job ("Cuisinier") is not what someone means by naming their job.
      const namesAJob = r.categorie === 'Certifications et habilitations' && titles.has(foldTitle(label));
      return {
        id: r.code_ogr ?? '',
        kind: (r.kind ?? 'savoir-faire') as SkillKind,
        macro: r.code_ogr_macro ?? '',
        label: { fr: label, en: '' },
        fiches: Number(r.nb_fiches_metier ?? 0),
        // Software and brand names are said as such in English answers too ("Excel", "AutoCAD").
        matchLabels: { fr: namesAJob ? [] : [label], en: r.kind === 'savoir' && !namesAJob ? namesOf(label, lowerCase) : [] },
      };
    });
  }

  private escoEntries(): SourceEntry[] {
    return this.readCsv('esco/derived/esco_skills_fr_en.csv')
      // Occupation-specific skills ("tend CNC milling machine") are too narrow to name in a bilan.
      .filter((r) => (r.prefLabel_fr || r.prefLabel_en) && r.reuseLevel !== 'occupation-specific')
      .map((r) => ({
        id: r.conceptUri ?? '',
        kind: r.isLanguageSkill === 'Y' ? 'savoir-faire' : ((r.bilanCategoryHint || 'savoir-faire') as SkillKind),
        macro: '',
        label: { fr: r.prefLabel_fr ?? '', en: r.prefLabel_en ?? '' },
        fiches: 0,
        // Alternative labels of one word ("guide", "counselling") match too much: they are kept from two words up.
        // English ones only from the official ESCO 1.2.0 collections: the others were gathered from a third-party
        // copy whose machine-made variants were only partly filtered (see shared/data/README.md).
        matchLabels: {
          fr: [r.prefLabel_fr ?? '', ...splitAlt(r.altLabels_fr).filter(severalWords)].filter(Boolean),
          en: [r.prefLabel_en ?? '', ...(r.src_en_alt === OFFICIAL_EN_ALT ? splitAlt(r.altLabels_en).filter(severalWords) : [])].filter(Boolean),
        },
      }));
  }
}
