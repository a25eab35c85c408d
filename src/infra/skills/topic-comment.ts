import type { NegationRules } from './negation-rules.js';
import type { Polarity } from './clause-polarity.js';

/** A topic is a bare noun phrase: each of its coordinated items has at most this many words. */
const MAX_ITEM_WORDS = 8;
const MAX_TOPIC_WORDS = 16;
/** A comment is about the topic when its negation comes this early (« je ne sais pas », "I can't"). */
export const EARLY_CUE_WORDS = 4;
/** A conclusion this short has no room for an object of its own: it is about the topic (« alors j'évite »). */
const SHORT_CONCLUSION_WORDS = 3;
const MIN_SHARED_WORD_LENGTH = 4;

/** Where [start, end) goes on after its opening discourse markers (« franchement », "honestly", "though"). */
export function afterMarkers(folded: readonly string[], start: number, end: number, rules: NegationRules): number {
  let at = start;
  for (;;) {
    const marker = rules.discourseMarkers.find(folded, at, end).find(([s]) => s === at);
    if (!marker) return at;
    at = marker[1];
  }
}

/** A segment that says nothing but a discourse marker (", though,"): a topic reaches across it. */
export function isTransparent(folded: readonly string[], start: number, end: number, rules: NegationRules): boolean {
  return afterMarkers(folded, start, end, rules) === end;
}

/**
 * A bare noun phrase, or a few coordinated ones: no subject, no negation (« la gestion locative et les états des
 * lieux », « mon italien »).
 */
export function isBareTopic(folded: readonly string[], start: number, end: number, rules: NegationRules): boolean {
  const words = folded.slice(start, end);
  if (words.length === 0 || words.length > MAX_TOPIC_WORDS) return false;
  let itemWords = 0;
  for (const [i, word] of words.entries()) {
    if (rules.coordinators.has(word)) {
      itemWords = 0;
      continue;
    }
    if (++itemWords > MAX_ITEM_WORDS || rules.isNegationWord(word)) return false;
    const determiner = rules.topicDeterminers.has(word) && (i === 0 || rules.coordinators.has(words[i - 1] ?? ''));
    if (rules.subjects.has(word) && !determiner) return false;
  }
  return true;
}

/**
 * A short comment whose first words, after discourse markers, a copula and a subject pronoun, are its negation:
 * « pas mon truc », « franchement je suis nulle », « c'est pas pour moi », « je n'ai jamais su », "is not my strong
 * suit", "I just can't", or a subject and a short difficulty (« j'en suis incapable »), not « je ne fais pas la
 * paie », which has an object of its own.
 */
export function opensOnNegation(folded: readonly string[], start: number, end: number, rules: NegationRules): boolean {
  let at = afterMarkers(folded, start, end, rules);
  while (at < end && rules.copulas.has(folded[at] ?? '')) at++;
  const word = folded[at] ?? '';
  const subject = end - at > 1 && rules.subjects.has(word) && !rules.topicDeterminers.has(word) ? 1 : 0;
  if (at >= end || end - at - subject > EARLY_CUE_WORDS) return false;
  const first = at + subject;
  const opening = subject ? [first, first + 1] : [first];
  if (opening.some((i) => i < end && rules.isNegationWord(folded[i] ?? ''))) return true;
  return rules.difficulty.find(folded, at, end).some(([s]) => s === at || s === first || subject === 1);
}

/**
 * The segment points back to a topic: « ça », "it", or an object clitic after « ne » or a subject (« je ne les fais
 * pas », « je les confie »).
 */
export function resumes(folded: readonly string[], start: number, end: number, rules: NegationRules): boolean {
  for (let i = start; i < end; i++) {
    const word = folded[i] ?? '';
    if (rules.anaphors.has(word)) return true;
    const previous = folded[i - 1];
    const beforeVerb = previous === 'ne' || previous === 'n' || (rules.subjects.has(previous ?? '') && !rules.topicDeterminers.has(previous ?? ''));
    if (i > start && beforeVerb && rules.resumptiveClitics.has(word)) return true;
  }
  return false;
}

/**
 * The polarity of a comment's conclusion, when it has one about the topic: after the last « mais », « alors »,
 * "but", "so", the argument that wins (« je le comprends mais incapable de faire une visite en italien »), if it is
 * short, points back or repeats a word of the topic. Undefined when the comment has no such conclusion.
 */
export function conclusionIsNegated(
  folded: readonly string[],
  comment: readonly [number, number],
  topic: readonly [number, number],
  rules: NegationRules,
  polarity: readonly Polarity[],
): boolean | undefined {
  const [start, end] = comment;
  let at = -1;
  for (let i = start + 1; i < end; i++) if (rules.conclusives.has(folded[i] ?? '')) at = i;
  if (at < 0) return undefined;
  const words = folded.slice(at + 1, end).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const topicWords = new Set(folded.slice(topic[0], topic[1]).filter((w) => w.length >= MIN_SHARED_WORD_LENGTH));
  const aboutTopic = words.length <= SHORT_CONCLUSION_WORDS || resumes(folded, at + 1, end, rules) || words.some((w) => topicWords.has(w));
  if (!aboutTopic) return undefined;
  return polarity.slice(at, Math.min(end, at + 1 + EARLY_CUE_WORDS)).includes('negated');
}
