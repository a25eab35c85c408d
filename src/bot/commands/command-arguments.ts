import type { Locale } from '../../core/locale.js';
import { foldForMatching } from '../../core/text/normalize.js';

/**
 * The text after a keyword and a colon (« commentaire : mon texte » → "mon texte"), keeping the user's case and
 * accents. The colon is required: French answers may well start with "Comment…" ("how").
 */
export function textAfterKeyword(text: string, foldedKeywords: readonly string[]): string | undefined {
  const trimmed = text.trim();
  for (const keyword of foldedKeywords) {
    if (foldForMatching(trimmed.slice(0, keyword.length)) !== keyword) continue;
    const rest = /^\s*[:：]\s*([\s\S]*)$/.exec(trimmed.slice(keyword.length));
    if (rest) return (rest[1] ?? '').trim();
  }
  return undefined;
}

/** A Map, not an object literal: « langue __proto__ » must not find Object.prototype (found by the fuzz test). */
const LANGUAGE_NAMES: ReadonlyMap<string, Locale> = new Map([['fr', 'fr'], ['francais', 'fr'], ['french', 'fr'], ['en', 'en'], ['anglais', 'en'], ['english', 'en']]);

/** The language a « langue … » argument names, if any. */
export function languageNamed(argument: string): Locale | undefined {
  return LANGUAGE_NAMES.get(foldForMatching(argument));
}
