import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataValidationError } from '../../core/errors.js';

/** data/occupations/ of the project, wherever the process was started from. */
export const DEFAULT_OCCUPATIONS_DATA_DIR = join(import.meta.dirname, '../../../data/occupations');
export const OCCUPATIONS_FILE = 'rome-occupations.json';

/**
 * The skills of a fiche: ROME macro-compétence, savoir or savoir-être code_ogr. Core ones (ROME « Principale »,
 * coeur de métier) weigh 2, the others 1.
 */
export interface FicheSkills {
  readonly core: readonly string[];
  readonly other: readonly string[];
}

export interface FicheRecord {
  readonly code: string;
  readonly label_fr: string;
  readonly label_en?: string;
  readonly riasec?: string;
  readonly skills: FicheSkills;
}

/** data/occupations/rome-occupations.json, as written by scripts/skills/derive-occupations.ts. */
export interface OccupationsFile {
  readonly source: string;
  /** e.g. "ROME 4.0 v460". */
  readonly version: string;
  readonly licence: string;
  readonly attribution: readonly string[];
  readonly fiches: readonly FicheRecord[];
  /** Every skill id a fiche uses → its labels. */
  readonly labels: Readonly<Record<string, { readonly fr: string; readonly en?: string }>>;
  /** Fiche-level id → the other ids a user may confirm that count as it (ROME compétences, ESCO concepts). */
  readonly aliases: Readonly<Record<string, readonly string[]>>;
}

const RIASEC = 'RIASEC';

/** The occupations file of `dataDir`, checked; a DataValidationError naming the file and its problems otherwise. */
export function readOccupationsFile(dataDir: string): OccupationsFile {
  const file = join(dataDir, OCCUPATIONS_FILE);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error: unknown) {
    throw new DataValidationError(`Cannot read the occupation data file ${file}:`, [(error as Error).message]);
  }
  const problems = occupationsFileProblems(data);
  if (problems.length > 0) throw new DataValidationError(`Invalid occupation data file ${file}:`, problems);
  return data as OccupationsFile;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Every problem of the file (at most a few per section), as `#/path: what is wrong`. */
function occupationsFileProblems(data: unknown): string[] {
  if (!isRecord(data)) return ['#: must be an object'];
  const problems: string[] = [];
  for (const key of ['source', 'licence'] as const) if (!isText(data[key])) problems.push(`#/${key}: must be a non-empty string`);
  if (typeof data.version !== 'string' || !/^ROME \S/u.test(data.version)) problems.push('#/version: must read "ROME <version>"');
  const { attribution, labels, aliases, fiches } = data;
  if (!Array.isArray(attribution) || attribution.length === 0 || !attribution.every(isText)) problems.push('#/attribution: the licence attribution lines are missing');
  if (!isRecord(labels)) problems.push('#/labels: must be an object');
  if (!isRecord(aliases)) problems.push('#/aliases: must be an object');
  if (!Array.isArray(fiches) || fiches.length === 0) problems.push('#/fiches: must be a non-empty array');
  if (problems.length > 0) return problems;

  const labelMap = labels as Record<string, unknown>;
  const limited = (problem: string): void => {
    if (problems.length < 10) problems.push(problem);
  };
  // Labels are checked once per id in use (an unused label is harmless): cheaper than walking all 13,000.
  const checked = new Set<string>();
  const checkSkill = (id: unknown, path: () => string): void => {
    if (typeof id === 'string' && checked.has(id)) return;
    const label = isText(id) ? labelMap[id] : undefined;
    if (!isRecord(label) || !isText(label.fr) || (label.en !== undefined && !isText(label.en))) limited(`${path()}: must be a skill id with labels { fr, en? }`);
    else checked.add(id as string);
  };
  (fiches as unknown[]).forEach((fiche, f) => {
    const skills = isRecord(fiche) ? fiche.skills : undefined;
    if (!isRecord(fiche) || !isText(fiche.code) || !isText(fiche.label_fr) || !isRecord(skills) || !Array.isArray(skills.core) || !Array.isArray(skills.other)) {
      limited(`#/fiches/${f}: must be { code, label_fr, label_en?, riasec?, skills: { core, other } }`);
      return;
    }
    if (fiche.label_en !== undefined && !isText(fiche.label_en)) limited(`#/fiches/${f}/label_en: must be a non-empty string`);
    if (fiche.riasec !== undefined && !(typeof fiche.riasec === 'string' && fiche.riasec.length === 1 && RIASEC.includes(fiche.riasec))) {
      limited(`#/fiches/${f}/riasec: must be one of the letters RIASEC`);
    }
    for (const group of ['core', 'other'] as const) (skills[group] as unknown[]).forEach((id, i) => checkSkill(id, () => `#/fiches/${f}/skills/${group}/${i}`));
  });
  for (const [target, sources] of Object.entries(aliases as Record<string, unknown>)) {
    if (!checked.has(target)) limited(`#/aliases/${target}: must be a skill id some fiche uses`);
    if (!Array.isArray(sources) || !sources.every(isText)) limited(`#/aliases/${target}: must be a list of ids`);
  }
  return problems;
}
