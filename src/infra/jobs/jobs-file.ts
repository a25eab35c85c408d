import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataValidationError } from '../../core/errors.js';
import type { Fiche, JobCatalogData, JobLanguage } from '../../core/jobs/job-catalog.js';
import { JobCatalog } from '../../core/jobs/job-catalog.js';
import type { Locale } from '../../core/locale.js';
import type { WishConcept } from '../../core/jobs/wish-concepts.js';
import { readWishConcepts } from './wish-concepts-file.js';

export const DEFAULT_JOBS_DATA_DIR = join(import.meta.dirname, '../../../data/occupations');

interface JobsFile {
  readonly attribution: readonly string[];
  readonly contexts?: Readonly<Record<string, string>>;
  readonly knowledgeKinds?: readonly string[];
  readonly fiches: readonly Fiche[];
  readonly titles: Readonly<Record<Locale, readonly (readonly [string, string, number])[]>>;
}

interface LanguageFile {
  readonly stopwords: readonly string[];
  readonly wishWords: readonly string[];
  readonly negations: readonly string[];
  readonly currentMarkers?: readonly string[];
  readonly selfMarkers?: readonly string[];
  readonly grades?: readonly string[];
  readonly articles?: readonly string[];
}

export interface JobsData extends JobCatalogData {
  readonly attribution: readonly string[];
  readonly concepts: readonly WishConcept[];
  readonly negations: Readonly<Record<Locale, readonly string[]>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error: unknown) {
    throw new DataValidationError(`Cannot read the job data file ${file}:`, [(error as Error).message]);
  }
}

function jobsProblems(data: unknown): string[] {
  if (!isRecord(data)) return ['#: must be an object'];
  const problems: string[] = [];
  if (!isTextList(data.attribution) || data.attribution.length === 0) problems.push('#/attribution: the licence attribution lines are missing');
  if (!Array.isArray(data.fiches) || data.fiches.length === 0) problems.push('#/fiches: must be a non-empty array');
  else {
    const bad = data.fiches.findIndex((f: unknown) => !isRecord(f) || !isText(f.code) || !isText(f.fr) || !isText(f.definition) || !isTextList(f.mobility) || (f.en !== undefined && !isText(f.en)));
    if (bad >= 0) problems.push(`#/fiches/${bad}: must be { code, fr, en?, riasec?, definition, definitionEn?, mobility: [codes] }`);
  }
  for (const locale of ['fr', 'en']) {
    const titles = isRecord(data.titles) ? data.titles[locale] : undefined;
    if (!Array.isArray(titles)) problems.push(`#/titles/${locale}: must be a list of [title, code, weight]`);
    else {
      const bad = titles.findIndex((t: unknown) => !Array.isArray(t) || !isText(t[0]) || !isText(t[1]) || typeof t[2] !== 'number');
      if (bad >= 0) problems.push(`#/titles/${locale}/${bad}: must be [title, code, weight]`);
    }
  }
  return problems;
}

function languageProblems(data: unknown): string[] {
  if (!isRecord(data)) return ['#: must be an object'];
  return ['fr', 'en'].flatMap((locale) => {
    const language = data[locale];
    return isRecord(language) && isTextList(language.stopwords) && isTextList(language.wishWords) && isTextList(language.negations) && [language.currentMarkers, language.selfMarkers, language.grades, language.articles].every((list) => list === undefined || isTextList(list))
      ? []
      : [`#/${locale}: must be { stopwords, wishWords, negations, currentMarkers?, selfMarkers?, grades?, articles? }, lists of words`];
  });
}

/** data/occupations/jobs.json and job-language.json, checked; a DataValidationError naming the file otherwise. */
export function readJobsData(dataDir: string = DEFAULT_JOBS_DATA_DIR): JobsData {
  const jobsPath = join(dataDir, 'jobs.json');
  const languagePath = join(dataDir, 'job-language.json');
  const jobs = readJson(jobsPath);
  const jobProblems = jobsProblems(jobs);
  if (jobProblems.length > 0) throw new DataValidationError(`Invalid job data file ${jobsPath}:`, jobProblems);
  const words = readJson(languagePath);
  const wordProblems = languageProblems(words);
  if (wordProblems.length > 0) throw new DataValidationError(`Invalid job data file ${languagePath}:`, wordProblems);
  const file = jobs as JobsFile;
  const lists = words as Record<Locale, LanguageFile>;
  const language = (locale: Locale): JobLanguage => ({
    titles: file.titles[locale].map(([title, code, weight]) => ({ title, code, weight })),
    stopwords: lists[locale].stopwords,
    wishWords: lists[locale].wishWords,
    currentMarkers: lists[locale].currentMarkers ?? [],
    selfMarkers: lists[locale].selfMarkers ?? [],
    grades: lists[locale].grades ?? [],
    articles: lists[locale].articles ?? [],
  });
  return {
    attribution: file.attribution,
    fiches: file.fiches,
    languages: { fr: language('fr'), en: language('en') },
    negations: { fr: lists.fr.negations, en: lists.en.negations },
    concepts: readWishConcepts(join(dataDir, 'wish-concepts.json'), { contexts: file.contexts ?? {}, knowledgeKinds: file.knowledgeKinds ?? [] }, readJson),
  };
}

export function loadJobCatalog(dataDir: string = DEFAULT_JOBS_DATA_DIR): JobCatalog {
  return new JobCatalog(readJobsData(dataDir));
}
