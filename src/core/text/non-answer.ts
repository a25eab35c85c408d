import { foldedWords } from './normalize.js';

/** Tells whether a typed answer carries no content: "je ne sais pas", "?", "bonjour", "j'ai déjà répondu"… */
export type NonAnswerTest = (text: string) => boolean;

/** Words around a non-answer phrase that still leave it a non-answer (« j'ai un peu déjà répondu avant »). */
const MAX_OTHER_WORDS = 5;
/** A longer answer that contains such a phrase says something else too: it is kept. */
const MAX_WORDS = 8;

/**
 * A test from the phrases of every locale (locales/<lng>/common.json `keywords.nonAnswer`): an answer is a
 * non-answer when it has no letter or digit, or when it is short and made of one of these phrases and a few words.
 */
export function nonAnswerTest(phrases: readonly string[]): NonAnswerTest {
  const folded = phrases.map((p) => foldedWords(p)).filter((words) => words.length > 0);
  return (text) => {
    const words = foldedWords(text);
    if (words.length === 0) return true;
    if (words.length > MAX_WORDS) return false;
    return folded.some((phrase) => {
      const at = indexOfWords(words, phrase);
      return at >= 0 && words.length - phrase.length <= MAX_OTHER_WORDS;
    });
  };
}

function indexOfWords(words: readonly string[], phrase: readonly string[]): number {
  for (let i = 0; i + phrase.length <= words.length; i++) if (phrase.every((w, j) => words[i + j] === w)) return i;
  return -1;
}

/** Only answers with no letter or digit count as empty: for tests and callers without the locale phrases. */
export const noContentOnly: NonAnswerTest = (text) => foldedWords(text).length === 0;
