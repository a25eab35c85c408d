import { FuzzyVocabulary, type FuzzySettings } from './fuzzy-vocabulary.js';
import { LabelKeyer } from './label-keyer.js';
import type { LanguageFile, SynonymsFile } from './resource-files.js';
import type { StemCanon } from './stem-canon.js';
import { foldAccents, type Token } from './tokenizer.js';
import type { WordStemmer } from './word-keys.js';

const CACHE_LIMIT = 50_000;

/**
 * The matching keys of an answer's words: taxonomy spelling first (restores missing accents), then the stemmer,
 * then typo repair against the taxonomy words (not of a real word of the language); synonym groups applied;
 * abbreviations ("compta") and capitalised acronyms ("RH") add the keys of their expansion.
 */
export class AnswerKeyer {
  private readonly labelKeyer: LabelKeyer;
  private fuzzy: FuzzyVocabulary | undefined;
  private readonly abbreviations: ReadonlyMap<string, readonly string[]>;
  private readonly acronyms: ReadonlyMap<string, readonly string[]>;
  private readonly cache = new Map<string, readonly string[]>();
  /** Misspelt words seen so far → the taxonomy or lexicon word they were read as. */
  private readonly repairs = new Map<string, string>();
  /** The lexicons' own words and their keys: known words, never "repaired", and candidates for typo repair. */
  private readonly lexiconWords = new Map<string, readonly string[]>();
  private readonly lexiconKeys = new Set<string>();

  constructor(
    private readonly stemmer: WordStemmer,
    language: LanguageFile,
    synonyms: SynonymsFile,
    private readonly canon: StemCanon,
    private readonly taxonomyWords: ReadonlyMap<string, string>,
    private readonly isKnownKey: (key: string) => boolean,
    private readonly fuzzySettings: FuzzySettings,
    /** Words of the language's dictionary that typo repair would read as another word (« récentes »): never repaired. */
    private readonly realWords: ReadonlySet<string> = new Set(),
  ) {
    this.labelKeyer = new LabelKeyer(stemmer, language.stopwords);
    this.abbreviations = new Map(Object.entries(synonyms.abbreviations).map(([w, expansion]) => [foldAccents(w.toLowerCase()), this.phraseKeys(expansion)]));
    this.acronyms = new Map(Object.entries(synonyms.acronyms).map(([w, expansion]) => [w, this.phraseKeys(expansion)]));
  }

  /** The word a misspelt answer word was read as ("bookeeping" → "bookkeeping"), if it was repaired. */
  repairOf(folded: string): string | undefined {
    return this.repairs.get(folded);
  }

  isStopword(folded: string): boolean {
    return this.labelKeyer.isStopword(folded);
  }

  /** Records a word of a lexicon: it is not taken for a misspelling, and misspellings of it are repaired. */
  markKnown(token: Token): void {
    if (this.labelKeyer.isStopword(token.folded)) return;
    const keys = this.stemmer.keys(token.lower);
    this.lexiconWords.set(token.folded, keys);
    for (const key of keys) this.lexiconKeys.add(this.canon.of(key));
  }

  /** Keys of a lexicon phrase's content words, in order. */
  phraseKeys(text: string): string[] {
    return this.labelKeyer.keyWords(text).flatMap((word) => word.keys.map((key) => this.canon.of(key)));
  }

  keysOf(token: Token): readonly string[] {
    const acronym = /\p{Lu}/u.test(token.text) && token.text === token.text.toUpperCase() ? this.acronyms.get(token.text) : undefined;
    const folded = token.folded;
    if (this.labelKeyer.isStopword(folded)) return acronym ?? [];
    const base = this.wordKeys(token.lower, folded);
    const abbreviation = this.abbreviations.get(folded);
    if (!acronym && !abbreviation) return base;
    return [...new Set([...base, ...(acronym ?? []), ...(abbreviation ?? [])])];
  }

  private wordKeys(lower: string, folded: string): readonly string[] {
    const cached = this.cache.get(folded);
    if (cached) return cached;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    const keys = this.spelledKeys(lower, folded).map((key) => this.canon.of(key));
    this.cache.set(folded, keys);
    return keys;
  }

  private spelledKeys(lower: string, folded: string): string[] {
    const known = this.taxonomyWords.get(folded);
    if (known !== undefined) return known.split(' ');
    const stemmed = this.stemmer.keys(lower);
    if (this.realWords.has(folded) || stemmed.some((key) => this.isKnownKey(this.canon.of(key)) || this.lexiconKeys.has(this.canon.of(key)))) return stemmed;
    this.fuzzy ??= new FuzzyVocabulary([...this.taxonomyWords.keys(), ...this.lexiconWords.keys()], this.fuzzySettings);
    const corrected = this.fuzzy.closest(folded);
    if (corrected === undefined) return stemmed;
    this.repairs.set(folded, corrected);
    return [...(this.lexiconWords.get(corrected) ?? (this.taxonomyWords.get(corrected) ?? '').split(' ').filter(Boolean))];
  }
}
