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
 * Whether a lower-case answer word and a label word are inflections of each other ("inventaires"/"inventaire", "négocié"/"négocier"),
 * stricter than sharing a Porter stem ("traitements"/"traite" do not agree). A label named by one word of
 * the answer needs this agreement.
 */
export function wordsAgree(answer: string, label: string, locale: Locale): boolean {
  return answer === label || base(answer, locale) === base(label, locale);
}

const INFINITIVE_OR_AGENT = /(?:er|ère|ers|ères)$/u;
const VERB_LABEL = /(?:er|é|ée|és|ées)$/u;

/**
 * Whether an answer word names the one word of a taxonomy label: it agrees with it, and a French word in -er / -ère
 * (an agent noun, « horloger », or an infinitive) does not name a noun (« Horloges »): the maker is not the product.
 */
export function namesLabelWord(answer: string, label: string, locale: Locale): boolean {
  if (answer === label) return true;
  const agentForNoun = locale === 'fr' && INFINITIVE_OR_AGENT.test(answer) && !VERB_LABEL.test(label);
  return !agentForNoun && wordsAgree(answer, label, locale);
}
