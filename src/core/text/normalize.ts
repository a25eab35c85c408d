/**
 * Folds a short user utterance for keyword matching: lower case, no accents, typographic
 * apostrophes unified, surrounding punctuation and repeated spaces removed.
 */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/^[\s/!?.,;:«»"]+|[\s!?.,;:«»"]+$/g, '')
    .replace(/\s+/g, ' ');
}

/** A set of folded keywords, matched against a folded utterance. */
export class KeywordSet {
  private readonly folded: ReadonlySet<string>;

  constructor(keywords: Iterable<string>) {
    this.folded = new Set([...keywords].map(foldForMatching).filter((k) => k.length > 0));
  }

  matches(utterance: string): boolean {
    return this.matchesFolded(foldForMatching(utterance));
  }

  /** Like matches(), for an utterance already folded with foldForMatching (checked against many sets). */
  matchesFolded(folded: string): boolean {
    return this.folded.has(folded);
  }
}

/**
 * The words of a text, folded like {@link foldForMatching}: apostrophes and hyphens separate words, so
 * « j'ai », « j’ai » and « j ai » give the same words, and « burn-out » gives "burn", "out".
 */
export function foldedWords(text: string): string[] {
  return foldForMatching(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}
