import { tokenize } from './tokenizer.js';

/** A phrase as the accent-folded, lower-case words the tokenizer gives for it. */
export type FoldedPhrase = readonly string[];

export function foldedWords(text: string): string[] {
  return tokenize(text)
    .filter((token) => token.isWord)
    .map((token) => token.folded);
}

/** Phrases grouped by their first word, for a quick scan of an answer. */
export class PhraseSet {
  private readonly byFirstWord = new Map<string, FoldedPhrase[]>();

  constructor(phrases: Iterable<string>) {
    for (const phrase of phrases) {
      const words = foldedWords(phrase);
      const first = words[0];
      if (first === undefined) continue;
      const list = this.byFirstWord.get(first) ?? [];
      list.push(words);
      list.sort((a, b) => b.length - a.length);
      this.byFirstWord.set(first, list);
    }
  }

  /** Positions [start, end) of every occurrence of a phrase in `words` (longest phrase first at each start). */
  find(words: readonly string[], from = 0, to = words.length): [number, number][] {
    const found: [number, number][] = [];
    for (let start = from; start < to; start++) {
      const candidates = this.byFirstWord.get(words[start] ?? '');
      if (!candidates) continue;
      const phrase = candidates.find((p) => start + p.length <= to && occursAt(p, words, start));
      if (phrase) found.push([start, start + phrase.length]);
    }
    return found;
  }

  /** Whether some phrase starts with this word. */
  startsWith(word: string): boolean {
    return this.byFirstWord.has(word);
  }
}

function occursAt(phrase: FoldedPhrase, words: readonly string[], start: number): boolean {
  for (let i = 0; i < phrase.length; i++) if (words[start + i] !== phrase[i]) return false;
  return true;
}
