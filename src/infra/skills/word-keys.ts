import englishStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import frenchStemmer from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import type { Locale } from '../../core/locale.js';
import { foldAccents } from './tokenizer.js';

const STEMMERS: Record<Locale, { stem(word: string): string }> = { fr: frenchStemmer, en: englishStemmer };
/** Words kept as written: C++, C#, .NET, Node.js, numbers. */
const VERBATIM = /[+#.]|^\d+$/u;

/**
 * The matching keys of one lower-case word: its Porter stem (on the accented word, for French), then
 * accent-folded. Hyphenated words give one key per part; tool names and numbers are kept verbatim; words the
 * stemmer would confuse ("équipements" and "équipe") have their key set in the language file.
 * Taxonomy labels and answers go through this same class, so both sides always agree.
 */
export class WordStemmer {
  private readonly overrides: ReadonlyMap<string, string>;

  constructor(
    private readonly locale: Locale,
    overrides: Readonly<Record<string, string>> = {},
  ) {
    this.overrides = new Map(Object.entries(overrides).map(([word, key]) => [foldAccents(word.toLowerCase()), foldAccents(key.toLowerCase())]));
  }

  keys(lowerWord: string): string[] {
    const word = lowerWord.replace(/'s$/u, '').replace(/^'+|'+$/gu, '');
    if (word.length === 0) return [];
    if (VERBATIM.test(word)) return [foldAccents(word)];
    const stemmer = STEMMERS[this.locale];
    return word
      .split('-')
      .filter((part) => part.length > 0)
      .map((part) => this.overrides.get(foldAccents(part)) ?? foldAccents(stemmer.stem(part)));
  }
}
