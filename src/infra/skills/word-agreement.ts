import type { Locale } from '../../core/locale.js';
import { foldAccents } from './tokenizer.js';

/** Inflection endings, longest first. */
const ENDINGS: Record<Locale, readonly string[]> = {
  fr: ['ions', 'ées', 'ent', 'ons', 'ais', 'ait', 'ant', 'és', 'ée', 'er', 'ez', 'es', 'é', 'e', 's', 'x'],
  en: ['ed', 'es', 's'],
};
const MIN_BASE = 3;

function base(word: string, locale: Locale): string {
  const ending = ENDINGS[locale].find((e) => word.endsWith(e) && word.length - e.length >= MIN_BASE);
  return foldAccents(ending ? word.slice(0, -ending.length) : word);
}

/**
 * Whether two lower-case words are inflections of each other ("inventaires"/"inventaire", "négocié"/"négocier"),
 * stricter than sharing a Porter stem ("traitements"/"traite" do not agree). A label named by one word of
 * the answer needs this agreement.
 */
export function wordsAgree(a: string, b: string, locale: Locale): boolean {
  return a === b || base(a, locale) === base(b, locale);
}
