import { foldAccents, tokenize } from './tokenizer.js';
import type { WordStemmer } from './word-keys.js';

export interface KeyedWord {
  /** Lower case, accents folded. */
  readonly folded: string;
  readonly keys: readonly string[];
}

/** Turns a taxonomy label or a lexicon phrase into the stems of its content words (stop words dropped). */
export class LabelKeyer {
  private readonly stopwords: ReadonlySet<string>;

  constructor(
    private readonly stemmer: WordStemmer,
    stopwords: readonly string[],
  ) {
    this.stopwords = new Set(stopwords.map((word) => foldAccents(word.toLowerCase())));
  }

  /** Elided clitics count as their bare form: "d'" is "d". */
  isStopword(folded: string): boolean {
    return this.stopwords.has(folded) || (folded.endsWith("'") && this.stopwords.has(folded.slice(0, -1)));
  }

  keyWords(text: string): KeyedWord[] {
    return tokenize(text)
      .filter((token) => token.isWord)
      .map((token) => ({ folded: foldAccents(token.lower), lower: token.lower }))
      .filter(({ folded }) => !this.isStopword(folded))
      .map(({ folded, lower }) => ({ folded, keys: this.stemmer.keys(lower) }))
      .filter(({ keys }) => keys.length > 0);
  }
}
