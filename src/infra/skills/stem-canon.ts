import type { SynonymsFile } from './resource-files.js';
import type { WordStemmer } from './word-keys.js';

/** Folds the stems of a synonym group onto the stem of its first word: "gestion" → "ger", like "gérer". */
export class StemCanon {
  private readonly canonical = new Map<string, string>();
  private readonly targets = new Set<string>();

  constructor(stemmer: WordStemmer, synonyms: SynonymsFile) {
    for (const [first = '', ...others] of synonyms.groups) {
      const target = stemmer.keys(first.toLowerCase())[0];
      if (target === undefined) continue;
      this.targets.add(target);
      for (const word of others) {
        const key = stemmer.keys(word.toLowerCase())[0];
        if (key !== undefined && key !== target && !this.canonical.has(key)) this.canonical.set(key, target);
      }
    }
  }

  of(key: string): string {
    return this.canonical.get(key) ?? key;
  }

  /** Whether the key stands for a reviewed family of words (a synonym group), not just a Porter stem. */
  isFamily(key: string): boolean {
    return this.targets.has(key);
  }
}
