import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataValidationError } from '../../core/errors.js';
import type { Locale } from '../../core/locale.js';
import { DEFAULT_JOBS_DATA_DIR } from './jobs-file.js';

/** A macro-compétence of a fiche's core, with a few of its compétences as examples. */
export interface CoreGroup {
  readonly id: string;
  readonly label: string;
  readonly items: readonly string[];
}

interface FicheSkillsEntry {
  readonly fr: readonly CoreGroup[];
  readonly en: readonly string[];
}

/**
 * The core competences of each fiche (data/occupations/fiche-skills.json): in French the ROME coeur_metier grouped
 * by macro-compétence, in English the essential skills of the ESCO occupation the fiche maps to.
 */
export class FicheSkills {
  constructor(private readonly fiches: Readonly<Record<string, FicheSkillsEntry>>) {}

  groups(code: string): readonly CoreGroup[] {
    return this.fiches[code]?.fr ?? [];
  }

  /** English essential skills (ESCO labels), most listed first. */
  essentialSkills(code: string): readonly string[] {
    return this.fiches[code]?.en ?? [];
  }

  /** The fiche's core skills as short labels in `locale` (macro-compétences in French, ESCO essentials in English). */
  coreLabels(code: string, locale: Locale): readonly string[] {
    return locale === 'en' ? this.essentialSkills(code) : this.groups(code).map((g) => g.label);
  }
}

export function readFicheSkills(dataDir: string = DEFAULT_JOBS_DATA_DIR): FicheSkills {
  const file = join(dataDir, 'fiche-skills.json');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error: unknown) {
    throw new DataValidationError(`Cannot read the job data file ${file}:`, [(error as Error).message]);
  }
  const fiches = typeof data === 'object' && data !== null ? (data as { fiches?: unknown }).fiches : undefined;
  if (typeof fiches !== 'object' || fiches === null || Array.isArray(fiches)) throw new DataValidationError(`Invalid job data file ${file}:`, ['#/fiches: must be an object']);
  const isGroup = (g: unknown): boolean => {
    const group = g as Partial<CoreGroup> | null;
    return typeof group?.id === 'string' && typeof group.label === 'string' && Array.isArray(group.items);
  };
  const bad = Object.entries(fiches as Record<string, unknown>).find(([, entry]) => {
    const e = entry as { fr?: unknown; en?: unknown } | null;
    return !e || !Array.isArray(e.fr) || !Array.isArray(e.en) || !e.en.every((s) => typeof s === 'string') || !e.fr.every(isGroup);
  });
  if (bad) throw new DataValidationError(`Invalid job data file ${file}:`, [`#/fiches/${bad[0]}: must be { fr: [{ id, label, items }], en: [labels] }`]);
  return new FicheSkills(fiches as Record<string, FicheSkillsEntry>);
}
