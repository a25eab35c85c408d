import type { SynonymsFile } from './resource-files.js';
import type { WordStemmer } from './word-keys.js';

/** A noun and the verb it is the action of, as written: « polissage », « polir ». */
export type Derivation = readonly [noun: string, verb: string];

/**
 * Folds the stems of a synonym group onto the stem of its first word: "gestion" → "ger", like "gérer"; then the stem
 * of an action noun onto its verb's (« polissage » → « pol », like « polir »), unless a synonym group has it.
 */
export class StemCanon {
  private readonly canonical = new Map<string, string>();
  private readonly targets = new Set<string>();
  private readonly actions = new Set<string>();

  constructor(stemmer: WordStemmer, synonyms: SynonymsFile, derivations: readonly Derivation[] = []) {
    for (const [first = '', ...others] of synonyms.groups) {
      const target = stemmer.keys(first.toLowerCase())[0];
      if (target === undefined) continue;
      this.targets.add(target);
      for (const word of others) {
        const key = stemmer.keys(word.toLowerCase())[0];
        if (key !== undefined && key !== target && !this.canonical.has(key)) this.canonical.set(key, target);
      }
    }
    for (const [noun, verb] of derivations) {
      const [nounKey] = stemmer.keys(noun);
      const [verbKey] = stemmer.keys(verb);
      if (nounKey === undefined || verbKey === undefined || nounKey === verbKey || this.canonical.has(nounKey) || this.targets.has(nounKey)) continue;
      this.canonical.set(nounKey, this.of(verbKey));
      this.actions.add(this.of(verbKey));
    }
  }

  of(key: string): string {
    return this.canonical.get(key) ?? key;
  }

  /** Whether the key stands for an activity said both as a verb and as its action noun (« polir », « polissage »). */
  isAction(key: string): boolean {
    return this.actions.has(key);
  }

  /** Whether the key stands for a reviewed family of words (a synonym group), not just a Porter stem. */
  isFamily(key: string): boolean {
    return this.targets.has(key);
  }
}
