import { foldForMatching } from './normalize.js';

/**
 * A short utterance made only of known phrases, in any order and with any punctuation between them:
 * with « hi | i'm back », "Hi, I'm back!" matches, "Hi, I work in logistics" does not. An utterance of
 * punctuation only ("?", "…") matches when `punctuationOnly` is set.
 */
export class PhraseSequence {
  private readonly phrases: readonly string[];

  constructor(phrases: Iterable<string>, private readonly punctuationOnly = false) {
    this.phrases = [...new Set([...phrases].map(flatten).filter((p) => p.length > 0))].sort((a, b) => b.length - a.length);
  }

  matches(utterance: string): boolean {
    let rest = flatten(utterance);
    if (rest.length === 0) return this.punctuationOnly && utterance.trim().length > 0;
    while (rest.length > 0) {
      const phrase = this.phrases.find((p) => rest === p || rest.startsWith(`${p} `));
      if (!phrase) return false;
      rest = rest.slice(phrase.length).trimStart();
    }
    return true;
  }
}

/** Folded, with every punctuation mark but the apostrophe turned into a space. */
function flatten(text: string): string {
  return foldForMatching(text).replace(/[^\p{L}\p{N}']+/gu, ' ').trim();
}
