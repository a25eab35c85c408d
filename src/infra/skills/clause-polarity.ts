import type { NegationRules } from './negation-rules.js';
import type { Token } from './tokenizer.js';
import { afterMarkers, conclusionIsNegated, EARLY_CUE_WORDS, isBareTopic, isTransparent, opensOnNegation, resumes } from './topic-comment.js';

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
/**
 * Marks after which a negative comment may be about what came just before: « la compta : très peu pour moi »,
 * « Excel… ça, non », "Cakes? Not my thing."
 */
const TOPIC_ENDS = new Set([':', '…', '?']);
const NE_WINDOW = 4;
const LACK_WINDOW = 3;

/** What the extractor already found in the answer, by token. */
export interface FoundWords {
  /** Tokens whose negation words are part of a positive expression already recognised ("je ne lâche jamais"). */
  readonly neutral: ReadonlySet<number>;
  /** Tokens that are evidence of some skill: a comment holding none names no skill of its own. */
  readonly evidence: ReadonlySet<number>;
}

/**
 * Clause-level negation: a segment (a clause cut at commas) that holds a negation, lack or difficulty cue is
 * negated as a whole, and so are the list items that continue it and, when it points back with "ça"/"it",
 * the earlier segments of its clause, and the bare noun phrases it comments on (« la soudure, le meulage, je ne
 * suis pas à l'aise du tout »).
 */
export function analysePolarity(tokens: readonly Token[], rules: NegationRules, found: FoundWords): Polarity[] {
  const folded = tokens.map((t) => t.folded);
  const polarity: Polarity[] = tokens.map(() => 'positive');
  const sentences = sentenceRanges(tokens);
  for (const [start, end] of sentences) {
    if (folded.slice(start, end).some((word) => rules.mayOpenCue(word))) markSentence(segmentsOf(folded, tokens, start, end, rules), folded, rules, found, polarity);
  }
  markTopics(tokens, sentences, folded, rules, polarity);
  return polarity;
}

/**
 * A topic then a negative comment across a colon or an ellipsis: « Excel… ça, je ne maîtrise pas », « la compta :
 * très peu pour moi ». The topic (a bare noun phrase: no subject, a few words) takes the polarity of the comment's
 * first segment when that segment is negated.
 */
function markTopics(tokens: readonly Token[], sentences: readonly [number, number][], folded: readonly string[], rules: NegationRules, polarity: Polarity[]): void {
  sentences.forEach(([start, end], k) => {
    const next = sentences[k + 1];
    if (!next) return;
    const topicStart = bareTopicStart(tokens, start, end, folded, rules);
    if (topicStart === undefined) return;
    const aboutTopic = endsWithTopicMark(tokens, end, next[0])
      ? commentIsNegated(tokens, next, [topicStart, end], folded, rules, polarity)
      : topicStart === start && resumesNegated(tokens, next, folded, rules, polarity);
    if (!aboutTopic) return;
    for (let i = topicStart; i < end; i++) polarity[i] = 'negated';
  });
}

/** Where the topic before the mark starts: its trailing list items that are bare noun phrases, if any. */
function bareTopicStart(tokens: readonly Token[], start: number, end: number, folded: readonly string[], rules: NegationRules): number | undefined {
  let topicStart: number | undefined;
  let itemEnd = end;
  while (itemEnd > start) {
    const itemStart = lastSegmentStart(tokens, start, itemEnd);
    if (!isBareTopic(folded, itemStart, itemEnd, rules)) break;
    topicStart = itemStart;
    itemEnd = itemStart - 1;
  }
  return topicStart;
}

/** A colon, an ellipsis (« … » or several dots) between the two sentences. */
function endsWithTopicMark(tokens: readonly Token[], end: number, nextStart: number): boolean {
  const marks = tokens.slice(end, nextStart).map((t) => t.text);
  return marks.some((mark) => TOPIC_ENDS.has(mark)) || marks.filter((mark) => mark === '.').length >= 2;
}

function lastSegmentStart(tokens: readonly Token[], start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (!tokens[i]?.isWord && SEGMENT_END.has(tokens[i]?.text ?? '')) return i + 1;
  return start;
}

function firstSegmentEnd(tokens: readonly Token[], start: number, end: number): number {
  for (let i = start; i < end; i++) if (!tokens[i]?.isWord && SEGMENT_END.has(tokens[i]?.text ?? '')) return i;
  return end;
}

/**
 * The comment is about the topic and negative: its conclusion says so (« je le comprends mais incapable… »), or it
 * points back first (« ça, je ne maîtrise pas », « ça m'angoisse ») or its first segment is negated from its first
 * words on (« très peu pour moi », « je sais pas faire », "not my thing").
 */
function commentIsNegated(tokens: readonly Token[], [start, end]: [number, number], topic: [number, number], folded: readonly string[], rules: NegationRules, polarity: readonly Polarity[]): boolean {
  const concluded = conclusionIsNegated(folded, [start, end], topic, rules, polarity);
  if (concluded !== undefined) return concluded;
  const opening = afterMarkers(folded, start, end, rules);
  const firstEnd = firstSegmentEnd(tokens, opening, end);
  const pointsBack = rules.anaphors.has(folded[opening] ?? '');
  const onlyAnaphors = pointsBack && folded.slice(opening, firstEnd).every((word) => rules.anaphors.has(word)) && firstEnd < end;
  const [from, to] = onlyAnaphors ? [firstEnd + 1, firstSegmentEnd(tokens, firstEnd + 1, end)] : [opening, firstEnd];
  const early = polarity.slice(from, Math.min(to, from + EARLY_CUE_WORDS));
  return early.includes('negated') && (pointsBack || opensOnCue(folded, from, to, rules));
}

/**
 * After a sentence that is only a noun phrase, a next sentence whose first segment is negated early and points back
 * to it ("Cold calling. I just can't do it.") or opens on a dislike (« La prospection. J'ai horreur d'appeler… »);
 * a bare negation is not enough (« Serveuse 5 ans. Jamais eu de souci. »).
 */
function resumesNegated(tokens: readonly Token[], [start, end]: [number, number], folded: readonly string[], rules: NegationRules, polarity: readonly Polarity[]): boolean {
  const to = firstSegmentEnd(tokens, start, end);
  if (!polarity.slice(start, Math.min(to, start + EARLY_CUE_WORDS)).includes('negated')) return false;
  return resumes(folded, start, to, rules) || rules.difficulty.find(folded, start, to).some(([s]) => s < start + EARLY_CUE_WORDS);
}

function opensOnCue(folded: readonly string[], start: number, end: number, rules: NegationRules): boolean {
  const early = Math.min(end, start + EARLY_CUE_WORDS);
  for (let i = start; i < early; i++) if (rules.isNegationWord(folded[i] ?? '')) return true;
  const delegated = rules.delegationAt(folded, start, end);
  return (delegated >= 0 && delegated < early) || rules.difficulty.find(folded, start, end).some(([s]) => s < early);
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

function markSentence(segments: readonly Segment[], folded: readonly string[], rules: NegationRules, found: FoundWords, polarity: Polarity[]): void {
  const states = segments.map((s) => segmentPolarity(s, folded, rules, found.neutral));
  const continuesList = (segment: Segment | undefined): boolean =>
    segment !== undefined && !segment.afterBreak && rules.continuations.has(folded[segment.start] ?? '') && !rules.subjects.has(folded[segment.start + 1] ?? '');
  const afterBreak = (k: number): boolean => segments[k]?.afterBreak ?? true;
  segments.forEach((segment, k) => {
    if (states[k] !== 'negated') return;
    for (let next = k + 1; continuesList(segments[next]); next++) states[next] = 'negated';
    if (!segment.afterBreak && aboutTopics(segment, folded, rules, found.evidence)) for (const t of topicsBefore(segments, k, folded, rules)) states[t] = 'negated';
    if (failedAttempt(segments, k, folded, rules)) {
      states[k - 1] = 'negated';
      // « La soudure, j'ai essayé mais… »: the attempt names nothing of its own, so the topic before it failed.
      if (!hasOwnObject(segments[k - 1], found.evidence)) for (const t of topicsBefore(segments, k - 1, folded, rules)) states[t] = 'negated';
    }
    if (!resumes(folded, segment.start, segment.end, rules)) return;
    for (let previous = k - 1; previous >= 0 && !afterBreak(previous + 1); previous--) states[previous] = 'negated';
  });
  segments.forEach((segment, k) => {
    for (let i = segment.start; i < segment.end; i++) polarity[i] = states[k] ?? 'positive';
  });
}

/**
 * « j'ai essayé Python mais je n'ai pas accroché », "I tried Excel but I never got it": a short negated conclusion
 * with no object of its own says the attempt before it failed.
 */
function failedAttempt(segments: readonly Segment[], k: number, folded: readonly string[], rules: NegationRules): boolean {
  const segment = segments[k];
  const attempt = segments[k - 1];
  if (!segment?.afterBreak || !attempt || !rules.conclusives.has(folded[segment.start] ?? '')) return false;
  const said = folded.slice(attempt.start, attempt.end).some((word) => rules.attempts.has(word));
  return said && opensOnNegation(folded, segment.start + 1, segment.end, rules);
}

/** Whether the segment holds evidence of a skill of its own. */
function hasOwnObject(segment: Segment | undefined, evidence: ReadonlySet<number>): boolean {
  if (segment === undefined) return false;
  for (let i = segment.start; i < segment.end; i++) if (evidence.has(i)) return true;
  return false;
}

/**
 * A negated comment is about the noun phrases before it when it opens on its negation and is short
 * (« pas mon truc », « je n'ai jamais su »), or when it names no skill of its own and its cue comes early (« je suis perdu avec ces
 * trucs », « je ne suis pas à l'aise du tout », « connais pas »), unlike « je ne fais pas la paie ».
 */
function aboutTopics(segment: Segment, folded: readonly string[], rules: NegationRules, evidence: ReadonlySet<number>): boolean {
  if (opensOnNegation(folded, segment.start, segment.end, rules)) return true;
  if (hasOwnObject(segment, evidence)) return false;
  const opening = afterMarkers(folded, segment.start, segment.end, rules);
  return opensOnCue(folded, opening, segment.end, rules);
}

/**
 * The bare noun phrases that open the clause of segment k and lead to it, across segments that hold only a
 * discourse marker (", though,"): « l'informatique, la caisse, je suis perdu », not the list of « j'ai fait de la
 * soudure, du meulage, je ne m'ennuie jamais ». Empty when there are none.
 */
function topicsBefore(segments: readonly Segment[], k: number, folded: readonly string[], rules: NegationRules): number[] {
  let t = k - 1;
  while (t > 0 && isTransparent(folded, segments[t]?.start ?? 0, segments[t]?.end ?? 0, rules)) t--;
  const topics: number[] = [];
  for (; t >= 0 && isBareTopic(folded, segments[t]?.start ?? 0, segments[t]?.end ?? 0, rules); t--) {
    topics.push(t);
    if (segments[t]?.afterBreak) return topics;
  }
  return t < 0 ? topics : [];
}

function segmentPolarity(segment: Segment, folded: readonly string[], rules: NegationRules, neutral: ReadonlySet<number>): Polarity {
  const { start, end } = segment;
  const idioms = rules.notNegation.find(folded, start, end);
  const spoken = (i: number): boolean => !neutral.has(i) && !idioms.some(([s, e]) => i >= s && i < e);
  for (let i = start; i < end; i++) {
    if (spoken(i) && isCue(folded, i, start, rules)) return 'negated';
  }
  if (rules.difficulty.find(folded, start, end).some(([s]) => spoken(s))) return 'negated';
  if (rules.delegationAt(folded, start, end) >= 0) return 'negated';
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
