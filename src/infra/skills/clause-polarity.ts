import type { NegationRules } from './negation-rules.js';
import type { Token } from './tokenizer.js';

export type Polarity = 'positive' | 'negated' | 'wish';

interface Segment {
  readonly start: number;
  readonly end: number;
  /** Opened by "mais", "but"…: negation never propagates back across it. */
  readonly afterBreak: boolean;
}

const SENTENCE_END = new Set(['.', '!', '?', ';', ':', '…', '']);
const SEGMENT_END = new Set([',', '(', ')', '—', '–', '-']);
const SEGMENT_OR_SENTENCE_END = new Set([...SENTENCE_END, ...SEGMENT_END]);
const NE_WINDOW = 4;
const LACK_WINDOW = 3;

/**
 * Clause-level negation: a segment (a clause cut at commas) that holds a negation, lack or difficulty cue is
 * negated as a whole, and so are the list items that continue it and, when it points back with "ça"/"it",
 * the earlier segments of its clause. `neutral` holds tokens whose negation words are part of a positive
 * expression already recognised ("je ne lâche jamais").
 */
export function analysePolarity(tokens: readonly Token[], rules: NegationRules, neutral: ReadonlySet<number>): Polarity[] {
  const folded = tokens.map((t) => t.folded);
  const polarity: Polarity[] = tokens.map(() => 'positive');
  for (const [start, end] of sentenceRanges(tokens)) {
    if (folded.slice(start, end).some((word) => rules.mayOpenCue(word))) markSentence(segmentsOf(folded, tokens, start, end, rules), folded, rules, neutral, polarity);
  }
  return polarity;
}

/** [start, end) token ranges of the sentences; the closing punctuation is left out. */
export function sentenceRanges(tokens: readonly Token[]): [number, number][] {
  return rangesBetween(tokens, SENTENCE_END);
}

/** [start, end) token ranges cut at sentence ends, commas, brackets and dashes: where one skill is said. */
export function segmentRanges(tokens: readonly Token[]): [number, number][] {
  return rangesBetween(tokens, SEGMENT_OR_SENTENCE_END);
}

function rangesBetween(tokens: readonly Token[], ends: ReadonlySet<string>): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  tokens.forEach((token, i) => {
    if (token.isWord || !ends.has(token.text)) return;
    if (i > start) ranges.push([start, i]);
    start = i + 1;
  });
  if (tokens.length > start) ranges.push([start, tokens.length]);
  return ranges;
}

function segmentsOf(folded: readonly string[], tokens: readonly Token[], from: number, to: number, rules: NegationRules): Segment[] {
  const breaks = new Set(rules.clauseBreaks.find(folded, from, to).map(([s]) => s));
  const segments: Segment[] = [];
  let start = from;
  let afterBreak = false;
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    const andSubject = (folded[i] === 'et' || folded[i] === 'and') && rules.subjects.has(folded[i + 1] ?? '');
    if (token !== undefined && !token.isWord && SEGMENT_END.has(token.text)) {
      segments.push({ start, end: i, afterBreak });
      start = i + 1;
      afterBreak = false;
    } else if ((breaks.has(i) || andSubject) && i > start) {
      segments.push({ start, end: i, afterBreak });
      start = i;
      afterBreak = breaks.has(i);
    } else if (breaks.has(i)) {
      afterBreak = true;
    }
  }
  segments.push({ start, end: to, afterBreak });
  return segments.filter((s) => s.end > s.start);
}

function markSentence(segments: readonly Segment[], folded: readonly string[], rules: NegationRules, neutral: ReadonlySet<number>, polarity: Polarity[]): void {
  const states = segments.map((s) => segmentPolarity(s, folded, rules, neutral));
  const continuesList = (segment: Segment | undefined): boolean =>
    segment !== undefined && !segment.afterBreak && rules.continuations.has(folded[segment.start] ?? '') && !rules.subjects.has(folded[segment.start + 1] ?? '');
  const afterBreak = (k: number): boolean => segments[k]?.afterBreak ?? true;
  segments.forEach((segment, k) => {
    if (states[k] !== 'negated') return;
    for (let next = k + 1; continuesList(segments[next]); next++) states[next] = 'negated';
    if (!hasAnaphor(segment, folded, rules)) return;
    for (let previous = k - 1; previous >= 0 && !afterBreak(previous + 1); previous--) states[previous] = 'negated';
  });
  segments.forEach((segment, k) => {
    for (let i = segment.start; i < segment.end; i++) polarity[i] = states[k] ?? 'positive';
  });
}

function hasAnaphor(segment: Segment, folded: readonly string[], rules: NegationRules): boolean {
  for (let i = segment.start; i < segment.end; i++) if (rules.anaphors.has(folded[i] ?? '')) return true;
  return false;
}

function segmentPolarity(segment: Segment, folded: readonly string[], rules: NegationRules, neutral: ReadonlySet<number>): Polarity {
  const { start, end } = segment;
  const idioms = rules.notNegation.find(folded, start, end);
  const spoken = (i: number): boolean => !neutral.has(i) && !idioms.some(([s, e]) => i >= s && i < e);
  for (let i = start; i < end; i++) {
    if (spoken(i) && isCue(folded, i, start, rules)) return 'negated';
  }
  if (rules.difficulty.find(folded, start, end).some(([s]) => spoken(s))) return 'negated';
  if (rules.wishes.find(folded, start, end).length > 0) return 'wish';
  return 'positive';
}

function isCue(folded: readonly string[], i: number, segmentStart: number, rules: NegationRules): boolean {
  const word = folded[i] ?? '';
  if (rules.cues.has(word) || word.endsWith("n't")) return true;
  if (rules.cuesAfterNe.has(word)) {
    for (let j = Math.max(segmentStart, i - NE_WINDOW); j < i; j++) if (folded[j] === 'ne' || folded[j] === 'n') return true;
  }
  const lackWords = rules.lackIntroductions.get(word);
  if (lackWords && lackWords.size > 0) {
    for (let j = i + 1; j <= i + LACK_WINDOW; j++) if (lackWords.has(folded[j] ?? '')) return true;
  }
  return false;
}
