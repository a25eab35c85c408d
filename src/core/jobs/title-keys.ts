import type { Locale } from '../locale.js';

/** A word of a text, with what job matching compares. */
export interface TitleToken {
  /** As written. */
  readonly word: string;
  readonly start: number;
  readonly end: number;
  /** Accents, case, plural and gender folded: « Assistantes » and « assistant » share it. */
  readonly key: string;
  /** `key` with derivational endings removed too: « contrôleur » and « contrôle » share it. */
  readonly root: string;
  /** Words of different clauses (split by . , ; : ! ? parentheses) are never one title. */
  readonly clause: number;
  /** Written in capitals (an abbreviation such as « DRH »). */
  readonly upper: boolean;
}

export const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Feminine (and plural) French endings → masculine singular, longest first. */
const FRENCH_GENDER: readonly (readonly [string, string])[] = [
  ['trices', 'teur'], ['trice', 'teur'], ['euses', 'eur'], ['euse', 'eur'], ['ieres', 'ier'], ['iere', 'ier'],
  ['iennes', 'ien'], ['ienne', 'ien'], ['ennes', 'en'], ['enne', 'en'], ['onnes', 'on'], ['onne', 'on'],
  ['elles', 'el'], ['elle', 'el'], ['eres', 'er'], ['ere', 'er'], ['ives', 'if'], ['ive', 'if'], ['ettes', 'et'], ['ette', 'et'],
  ['eaux', 'eau'], ['aux', 'al'], ['ees', 'e'], ['ee', 'e'],
];
const FRENCH_DERIVATION = ['issement', 'ement', 'ation', 'ateur', 'ition', 'iteur', 'eur', 'ion', 'age', 'ite', 'ier', 'ien', 'ique', 'iste'];
const ENGLISH_DERIVATION = ['ment', 'ing', 'ion', 'er', 'or', 'ist', 'ant', 'ian', 'ance', 'ence', 'ics', 'y'];

function frenchKey(word: string): string {
  let w = word;
  if (w.length > 4) {
    const rule = FRENCH_GENDER.find(([ending]) => w.endsWith(ending));
    if (rule) w = w.slice(0, -rule[0].length) + rule[1];
    else if (/[^s]s$/u.test(w) || w.endsWith('x')) w = w.slice(0, -1);
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function englishKey(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/u.test(word)) return word;
  if (word.endsWith('es') && /(ch|sh|x)es$/u.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

function rootOf(key: string, locale: Locale): string {
  const endings = locale === 'fr' ? FRENCH_DERIVATION : ENGLISH_DERIVATION;
  for (const ending of endings) if (key.length - ending.length >= 4 && key.endsWith(ending)) return key.slice(0, -ending.length);
  return key;
}

export function wordKey(word: string, locale: Locale): string {
  const folded = fold(word);
  return locale === 'fr' ? frenchKey(folded) : englishKey(folded);
}

const WORD = /[\p{L}\p{N}]+/gu;
const BREAK_CHARS = new Set('.,;:!?()[]\n');
/** Word → [key, root], per language: titles and definitions repeat the same few thousand words. */
const keyCache = { fr: new Map<string, readonly [string, string]>(), en: new Map<string, readonly [string, string]>() };
const KEY_CACHE_LIMIT = 100_000;

function keysOf(word: string, locale: Locale): readonly [string, string] {
  const cache = keyCache[locale];
  let keys = cache.get(word);
  if (!keys) {
    const key = wordKey(word, locale);
    keys = [key, rootOf(key, locale)];
    if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
    cache.set(word, keys);
  }
  return keys;
}

function hasBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (BREAK_CHARS.has(text.charAt(i))) return true;
  return false;
}

/** The words of a text with their keys; elided articles (« d' », « l' ») are separate words, dropped as stopwords later. */
export function tokenize(text: string, locale: Locale): TitleToken[] {
  const tokens: TitleToken[] = [];
  let clause = 0;
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    if (hasBreak(text, last, start)) clause++;
    const word = match[0];
    last = start + word.length;
    const [key, root] = keysOf(word, locale);
    tokens.push({ word, start, end: last, key, root, clause, upper: word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase() });
  }
  return tokens;
}
