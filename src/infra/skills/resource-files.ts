import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DataValidationError } from '../../core/errors.js';
import type { Locale } from '../../core/locale.js';
import { SKILL_KINDS } from '../../core/skills/skill-extractor.js';

const words = z.array(z.string().min(1));

const languageSchema = z
  .object({
    description: z.string(),
    stopwords: words,
    lightVerbs: words,
    lightNouns: words,
    stemOverrides: z.record(z.string().min(1)),
    adjectiveIntroducers: words,
    jobNounBlockers: words,
    optionalWords: words,
    supportVerbs: words.default([]),
    sense: z
      .object({ description: z.string(), firstPerson: words, otherPerson: words, departments: words, linkWords: words, productVerbs: words, circumstantial: words.default([]), attributes: words.default([]), supportNouns: words.default([]), numbers: words.default([]), coordinators: words.default([]) })
      .strict(),
  })
  .strict();

const synonymsSchema = z
  .object({
    description: z.string(),
    groups: z.array(words.min(2)),
    abbreviations: z.record(z.string().min(1)),
    acronyms: z.record(z.string().min(1)),
  })
  .strict();

const negationSchema = z
  .object({
    description: z.string(),
    clauseBreaks: words,
    subjects: words,
    cues: words,
    cuesAfterNe: words,
    lackAfterSans: words,
    lackAfterWithout: words.optional(),
    lackIntroductions: words.default([]),
    delegation: z.object({ subjects: words, clitics: words, verbs: words, recipients: words, infinitives: words.default([]) }).strict().optional(),
    difficulty: words,
    notNegation: words,
    wishes: words,
    anaphors: words,
    continuations: words,
    resumptiveClitics: words.default([]),
    discourseMarkers: words.default([]),
    copulas: words.default([]),
    topicDeterminers: words.default([]),
    coordinators: words.default([]),
    conclusives: words.default([]),
    attempts: words.default([]),
  })
  .strict();

const triggers = z.object({ adjectives: words.default([]), jobs: words.default([]), phrases: words }).strict();

const triggerLexiconSchema = z
  .object({
    description: z.string(),
    attribution: words.min(1),
    skills: z.array(
      z
        .object({
          id: z.string().min(1),
          kind: z.enum(SKILL_KINDS),
          label: z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict(),
          esco: z.array(z.string().url()).optional(),
          fr: triggers,
          en: triggers,
        })
        .strict(),
    ),
  })
  .strict();

const unit = z.number().min(0).max(1);
const settingsSchema = z
  .object({
    description: z.string(),
    lightWordWeight: unit,
    minCoverage: z.object({ rome: unit, esco: unit }).strict(),
    minSingleKeyIdf: z.number().positive(),
    maxGap: z.number().int().min(0),
    fuzzy: z.object({ minLength: z.number().int().min(3), minJaroWinkler: unit, minLengthRatio: unit }).strict(),
    scores: z.object({ softSkill: unit, activity: unit, rome: unit, esco: unit, minimum: unit }).strict(),
    maxSkills: z.number().int().positive(),
  })
  .strict();

export type LanguageFile = z.infer<typeof languageSchema>;
export type SynonymsFile = z.infer<typeof synonymsSchema>;
const pair = z.tuple([z.string().min(1), z.string().min(1)]);
const derivationsSchema = z.object({ description: z.string(), attribution: words, fr: z.array(pair), en: z.array(pair) }).strict();

const realWordsSchema = z.object({ description: z.string(), source: z.string(), words: words }).strict();

export type NegationFile = z.infer<typeof negationSchema>;
export type DerivationsFile = z.infer<typeof derivationsSchema>;
export type TriggerLexiconFile = z.infer<typeof triggerLexiconSchema>;
export type TriggerEntry = TriggerLexiconFile['skills'][number];
export type MatchingSettings = z.infer<typeof settingsSchema>;

/** Reads a JSON file of data/skills/; a missing or malformed file is a DataValidationError naming it. */
export function readJsonFile(dataDir: string, name: string): unknown {
  const file = join(dataDir, name);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error: unknown) {
    throw new DataValidationError(`Cannot read the skill data file ${file}:`, [(error as Error).message]);
  }
}

function parse<S extends z.ZodTypeAny>(schema: S, dataDir: string, name: string): z.infer<S> {
  const result = schema.safeParse(readJsonFile(dataDir, name));
  if (result.success) return result.data as z.infer<S>;
  const problems = result.error.issues.map((issue) => `${name}#/${issue.path.join('/')}: ${issue.message}`);
  throw new DataValidationError(`Invalid skill data file ${join(dataDir, name)}:`, problems);
}

export const readLanguageFile = (dataDir: string, locale: Locale): LanguageFile => parse(languageSchema, dataDir, `${locale}.language.json`);
export const readSynonymsFile = (dataDir: string, locale: Locale): SynonymsFile => parse(synonymsSchema, dataDir, `${locale}.synonyms.json`);
export const readNegationFile = (dataDir: string, locale: Locale): NegationFile => parse(negationSchema, dataDir, `${locale}.negation.json`);
/** {locale}.real-words.json: dictionary words never read as a misspelling (scripts/skills/build-real-words.ts). */
export const readRealWords = (dataDir: string, locale: Locale): ReadonlySet<string> => new Set(parse(realWordsSchema, dataDir, `${locale}.real-words.json`).words);
/** soft-skills.json (savoir-être) and activities.json (savoir-faire) share one format. */
export const readTriggerLexicon = (dataDir: string, name: 'soft-skills.json' | 'activities.json' | 'activities-harvested.json'): TriggerLexiconFile => parse(triggerLexiconSchema, dataDir, name);
/** derivations.json: action nouns and their verbs, per language (scripts/skills/build-derivations.ts). */
export const readDerivationsFile = (dataDir: string): DerivationsFile => parse(derivationsSchema, dataDir, 'derivations.json');
export const readSettingsFile = (dataDir: string): MatchingSettings => parse(settingsSchema, dataDir, 'matching.json');
