import { join } from 'node:path';
import type { Locale } from '../../core/locale.js';
import { AnswerKeyer } from './answer-keyer.js';
import { AnswerLanguage } from './answer-language.js';
import { TaxonomyEntryFacts } from './entry-facts.js';
import { LabelIndex } from './label-index.js';
import { LabelMatcher } from './label-matcher.js';
import { LexiconSkillExtractor, type LanguagePipeline } from './lexicon-skill-extractor.js';
import { MacroCollapse } from './macro-collapse.js';
import { NegationRules } from './negation-rules.js';
import {
  readDerivationsFile,
  readLanguageFile,
  readNegationFile,
  readRealWords,
  readSettingsFile,
  readSynonymsFile,
  readTriggerLexicon,
  type LanguageFile,
  type MatchingSettings,
  type SynonymsFile,
} from './resource-files.js';
import { TriggerMatcher, type ScoredTrigger } from './trigger-matcher.js';
import { StemCanon, type Derivation } from './stem-canon.js';
import { TriggerSense } from './trigger-sense.js';
import { Taxonomy } from './taxonomy.js';
import { readLabelIndexFile, readTaxonomyFile, readTaxonomyLabelsFile, type LabelIndexFile } from './taxonomy-files.js';
import { WordStemmer } from './word-keys.js';

/** data/skills/ of the project, wherever the process was started from. */
export const DEFAULT_SKILLS_DATA_DIR = join(import.meta.dirname, '../../../data/skills');

export interface LoadOptions {
  /** Languages whose index is built now; the others are built on their first answer, or by warmUp(). */
  readonly preload?: readonly Locale[];
  /** Repair every unknown word, dictionary words included: for scripts/skills/build-real-words.ts, which lists them. */
  readonly repairRealWords?: boolean;
}

/**
 * Reads the taxonomy and lexicons of data/skills/ once and returns an extractor whose extract() runs in memory.
 * The index of each preloaded language is built now (French by default, about 0.2 s); call warmUp() at start-up
 * to build the others and read the display labels too. Throws a DataValidationError naming the file when a data
 * file is invalid.
 */
export function loadSkillExtractor(dataDir: string = DEFAULT_SKILLS_DATA_DIR, options: LoadOptions = {}): LexiconSkillExtractor {
  const settings = readSettingsFile(dataDir);
  const triggers: ScoredTrigger[] = [
    ...readTriggerLexicon(dataDir, 'soft-skills.json').skills.map((entry) => ({ entry, score: settings.scores.softSkill })),
    ...readTriggerLexicon(dataDir, 'activities.json').skills.map((entry) => ({ entry, score: settings.scores.activity, senseChecked: true })),
    ...readTriggerLexicon(dataDir, 'activities-harvested.json').skills.map((entry) => ({ entry, score: settings.scores.activity, senseChecked: true })),
  ];
  const taxonomy = new Taxonomy(readTaxonomyFile(dataDir), () => readTaxonomyLabelsFile(dataDir));
  const languages = new AnswerLanguage({ fr: readLanguageFile(dataDir, 'fr').stopwords, en: readLanguageFile(dataDir, 'en').stopwords });
  const realWords = (locale: Locale): ReadonlySet<string> => (options.repairRealWords ? new Set() : readRealWords(dataDir, locale));
  const extractor = new LexiconSkillExtractor(taxonomy, (locale) => languagePipeline(dataDir, locale, taxonomy, triggers, settings, realWords(locale)), settings, languages);
  for (const locale of options.preload ?? ['fr']) extractor.prepare(locale);
  return extractor;
}

interface LanguageParts {
  readonly stemmer: WordStemmer;
  readonly canon: StemCanon;
  readonly lightKeys: ReadonlySet<string>;
  readonly index: LabelIndex;
}

/** The stemming, synonym folding, light words and label index of one language: shared with the taxonomy build script. */
export function labelIndexFor(language: LanguageFile, synonyms: SynonymsFile, indexFile: LabelIndexFile, settings: MatchingSettings, derivations: readonly Derivation[] = []): LanguageParts {
  const stemmer = new WordStemmer(indexFile.locale, language.stemOverrides);
  const canon = new StemCanon(stemmer, synonyms, derivations);
  const keysOf = (words: readonly string[]): Set<string> => new Set(words.flatMap((word) => stemmer.keys(word.toLowerCase()).map((key) => canon.of(key))));
  const lightNouns = keysOf(language.lightNouns);
  const lightKeys = new Set([...keysOf(language.lightVerbs), ...lightNouns]);
  const index = new LabelIndex(indexFile, canon, { isLight: (key) => lightKeys.has(key), isLightNoun: (key) => lightNouns.has(key) }, settings.lightWordWeight);
  return { stemmer, canon, lightKeys, index };
}

function languagePipeline(
  dataDir: string,
  locale: Locale,
  taxonomy: Taxonomy,
  triggers: readonly ScoredTrigger[],
  settings: MatchingSettings,
  realWords: ReadonlySet<string>,
): LanguagePipeline {
  const language = readLanguageFile(dataDir, locale);
  const synonyms = readSynonymsFile(dataDir, locale);
  const indexFile = readLabelIndexFile(dataDir, locale);
  const { stemmer, canon, lightKeys, index } = labelIndexFor(language, synonyms, indexFile, settings, readDerivationsFile(dataDir)[locale]);
  const keyer = new AnswerKeyer(stemmer, language, synonyms, canon, indexFile.words, (key) => index.keyId(key) !== undefined, settings.fuzzy, realWords);
  return {
    keyer,
    index,
    labels: new LabelMatcher(index, settings, new TaxonomyEntryFacts(taxonomy, locale, keyer, index, canon), new Set(language.supportVerbs)),
    triggers: new TriggerMatcher(triggers, locale, language, keyer),
    sense: new TriggerSense(language.sense),
    negation: new NegationRules(readNegationFile(dataDir, locale)),
    collapse: new MacroCollapse(taxonomy, keyer, (key) => lightKeys.has(key)),
  };
}
