import type { NegationFile } from './resource-files.js';
import { foldedWords, PhraseSet } from './phrase-search.js';

const fold = (words: readonly string[]): Set<string> => new Set(words.flatMap(foldedWords));

/** The negation lexicon of one language, folded once for fast lookups. */
export class NegationRules {
  readonly clauseBreaks: PhraseSet;
  readonly subjects: ReadonlySet<string>;
  readonly cues: ReadonlySet<string>;
  readonly cuesAfterNe: ReadonlySet<string>;
  /** "sans" / "without" only negate before a word of lack: "sans expérience", not "sans problème". */
  readonly lackIntroductions: ReadonlyMap<string, ReadonlySet<string>>;
  readonly difficulty: PhraseSet;
  readonly notNegation: PhraseSet;
  readonly wishes: PhraseSet;
  readonly anaphors: ReadonlySet<string>;
  readonly continuations: ReadonlySet<string>;

  constructor(file: NegationFile) {
    this.clauseBreaks = new PhraseSet(file.clauseBreaks);
    this.subjects = fold(file.subjects);
    this.cues = fold(file.cues);
    this.cuesAfterNe = fold(file.cuesAfterNe);
    this.lackIntroductions = new Map([
      ['sans', fold(file.lackAfterSans)],
      ['without', fold(file.lackAfterWithout ?? [])],
    ]);
    this.difficulty = new PhraseSet(file.difficulty);
    this.notNegation = new PhraseSet(file.notNegation);
    this.wishes = new PhraseSet(file.wishes);
    this.anaphors = fold(file.anaphors);
    this.continuations = fold(file.continuations);
  }

  /** Whether the word can start a negation, lack, difficulty or wish: sentences without one are left positive. */
  mayOpenCue(folded: string): boolean {
    return (
      this.isNegationWord(folded) ||
      this.lackIntroductions.has(folded) ||
      this.difficulty.startsWith(folded) ||
      this.wishes.startsWith(folded)
    );
  }

  /** Words that carry negation in a phrase: they must be present for a soft-skill phrase like "ne lâche jamais". */
  isNegationWord(folded: string): boolean {
    return this.cues.has(folded) || this.cuesAfterNe.has(folded) || folded === 'ne' || folded === 'n' || folded.endsWith("n't");
  }
}
