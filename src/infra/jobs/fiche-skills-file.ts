import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataValidationError } from '../../core/errors.js';
import type { SkillKind } from '../../core/skills/skill-extractor.js';
import { kindOfCode } from '../skills/taxonomy-files.js';
import { DEFAULT_JOBS_DATA_DIR } from './jobs-file.js';

/** A macro-compétence of a fiche's core, with a few of its compétences as examples. */
export interface CoreGroup {
  readonly id: string;
  readonly label: string;
  readonly kind: SkillKind;
  readonly items: readonly string[];
}

/** An ESCO essential skill of a fiche, with its taxonomy id and kind. */
export interface EssentialSkill {
  readonly id: string;
  readonly label: string;
  readonly kind: SkillKind;
}

interface StoredGroup extends Omit<CoreGroup, 'kind'> {
  readonly kind: string;
}

interface FicheSkillsEntry {
  readonly fr: readonly StoredGroup[];
  readonly en: readonly (Omit<EssentialSkill, 'kind'> & { readonly kind: string })[];
}

/**
 * The core competences of each fiche (data/occupations/fiche-skills.json): in French the ROME coeur_metier grouped
 * by macro-compétence, in English the essential skills of the ESCO occupation the fiche maps to.
 */
export class FicheSkills {
  constructor(
    private readonly fiches: Readonly<Record<string, FicheSkillsEntry>>,
    /** What the ESCO ids of `en` omit (the file stores them short). */
    private readonly escoPrefix: string,
  ) {}

  groups(code: string): readonly CoreGroup[] {
    return (this.fiches[code]?.fr ?? []).map((group) => ({ ...group, kind: kindOfCode(group.kind) }));
  }

  /** English essential skills, the fiche's core first. */
  essentials(code: string): readonly EssentialSkill[] {
    return (this.fiches[code]?.en ?? []).map((skill) => ({ ...skill, id: this.escoPrefix + skill.id, kind: kindOfCode(skill.kind) }));
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
  const isItem = (i: unknown): boolean => {
    const item = i as Partial<StoredGroup> | null;
    return typeof item?.id === 'string' && typeof item.label === 'string' && typeof item.kind === 'string';
  };
  const isGroup = (g: unknown): boolean => isItem(g) && Array.isArray((g as Partial<StoredGroup>).items);
  const bad = Object.entries(fiches as Record<string, unknown>).find(([, entry]) => {
    const e = entry as { fr?: unknown; en?: unknown } | null;
    return !e || !Array.isArray(e.fr) || !Array.isArray(e.en) || !e.en.every(isItem) || !e.fr.every(isGroup);
  });
  if (bad) throw new DataValidationError(`Invalid job data file ${file}:`, [`#/fiches/${bad[0]}: must be { fr: [{ id, label, kind, items }], en: [{ id, label, kind }] }`]);
  const escoPrefix = (data as { escoPrefix?: unknown }).escoPrefix;
  if (typeof escoPrefix !== 'string') throw new DataValidationError(`Invalid job data file ${file}:`, ['#/escoPrefix: must be a string']);
  return new FicheSkills(fiches as Record<string, FicheSkillsEntry>, escoPrefix);
}
