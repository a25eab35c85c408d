import { foldedWords } from '../text/normalize.js';

/**
 * A tiny phrase language for the sensitive-content lexicon, matched on folded words (no case, no accents,
 * apostrophes and hyphens split words). A pattern is words separated by spaces, each word being:
 * - `mon|ma|mes`: one of these words;
 * - `une?`: optional (here "une" or nothing);
 * - `@name`: any word of the lexicon's set `name`;
 * - `*`: any one word;
 * - `!avec|pour` (last only): the next word, if any, must not be one of these.
 * « j'ai » is written as in text (it reads "j ai"); users who type « jai » are matched too.
 */
interface PatternToken {
  readonly words: ReadonlySet<string>;
  /** The elided words among `words` (« j », « l »…), which users glue to the next word. */
  readonly elided: readonly string[];
  readonly any: boolean;
  readonly optional: boolean;
  readonly negated: boolean;
}

export interface PhrasePattern {
  readonly source: string;
  readonly tokens: readonly PatternToken[];
}

/** Where a pattern matched, in word positions: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** French elided words, often glued to the next one when typed fast (« jai », « lislam »). */
const ELIDED = ['j', 'l', 'd', 'm', 't', 's', 'n', 'qu', 'c'];
const WORD = /^[\p{L}\p{N}]+$/u;

/** How texts are cut into words, with two-word compounds joined (« burn out » → "burnout"). */
export class WordCutter {
  private readonly compounds: ReadonlySet<string>;

  constructor(compounds: readonly string[]) {
    this.compounds = new Set(compounds.map((c) => foldedWords(c).join(' ')));
  }

  words(text: string): string[] {
    return this.join(foldedWords(text));
  }

  /** Joins consecutive plain words that form a compound; leaves anything else as it is. */
  join(words: readonly string[]): string[] {
    const joined: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      const next = words[i + 1];
      if (next !== undefined && this.compounds.has(`${word} ${next}`)) {
        joined.push(word + next);
        i++;
      } else joined.push(word);
    }
    return joined;
  }
}

/** Compiles a pattern; throws an Error naming the problem (the caller adds where it comes from). */
export function compilePattern(source: string, sets: ReadonlyMap<string, ReadonlySet<string>>, cutter: WordCutter): PhrasePattern {
  const folded = source.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  const raw = cutter.join(folded.replace(/['\u2019\u02bc-]/g, ' ').split(/\s+/).filter((t) => t.length > 0));
  const tokens = raw.map((token, index) => compileToken(token, sets, index === raw.length - 1));
  if (!tokens.some((t) => !t.optional && !t.negated && !t.any)) throw new Error(`"${source}" needs at least one required word`);
  return { source, tokens };
}

function compileToken(token: string, sets: ReadonlyMap<string, ReadonlySet<string>>, last: boolean): PatternToken {
  const negated = token.startsWith('!');
  const optional = token.endsWith('?');
  const body = token.slice(negated ? 1 : 0, optional ? -1 : undefined);
  if (negated && (!last || optional)) throw new Error(`"${token}": a negated word comes last and is not optional`);
  if (body === '*') return { words: new Set(), elided: [], any: true, optional, negated: false };
  if (body.startsWith('@')) {
    const set = sets.get(body.slice(1));
    if (!set) throw new Error(`"${token}": unknown set ${body}`);
    return { words: set, elided: elidedIn(set), any: false, optional, negated };
  }
  const words = body.split('|');
  const bad = words.find((w) => !WORD.test(w));
  if (bad !== undefined) throw new Error(`"${token}": "${bad}" is not a word`);
  return { words: new Set(words), elided: elidedIn(new Set(words)), any: false, optional, negated };
}

const elidedIn = (words: ReadonlySet<string>): string[] => ELIDED.filter((elided) => words.has(elided));

function matchFrom(tokens: readonly PatternToken[], k: number, words: readonly string[], i: number): number | undefined {
  const token = tokens[k];
  if (!token) return i;
  const word = words[i];
  if (token.negated) return word !== undefined && token.words.has(word) ? undefined : i;
  if (word !== undefined && (token.any || token.words.has(word))) {
    const end = matchFrom(tokens, k + 1, words, i + 1);
    if (end !== undefined) return end;
  }
  const glued = word === undefined ? undefined : matchGlued(tokens, k, words, i);
  if (glued !== undefined) return glued;
  return token.optional ? matchFrom(tokens, k + 1, words, i) : undefined;
}

/** « jai » for "j ai": an elided word of this token glued to a word of the next one. */
function matchGlued(tokens: readonly PatternToken[], k: number, words: readonly string[], i: number): number | undefined {
  const token = tokens[k] as PatternToken;
  const next = tokens[k + 1];
  const word = words[i] as string;
  if (!next || next.negated || next.any) return undefined;
  for (const elided of token.elided) {
    if (word.startsWith(elided) && next.words.has(word.slice(elided.length))) {
      const end = matchFrom(tokens, k + 2, words, i + 1);
      if (end !== undefined) return end;
    }
  }
  return undefined;
}

/** Patterns indexed by the words they can start with, so a long text is read once rather than once per pattern. */
export class PatternIndex {
  private readonly byFirstWord = new Map<string, PhrasePattern[]>();
  private readonly anywhere: PhrasePattern[] = [];

  constructor(patterns: readonly PhrasePattern[]) {
    for (const pattern of patterns) {
      const first = firstWords(pattern);
      if (!first) this.anywhere.push(pattern);
      else for (const word of first) this.byFirstWord.set(word, [...(this.byFirstWord.get(word) ?? []), pattern]);
    }
  }

  /** True when a pattern matches somewhere in `words` outside the `excluded` spans. */
  matches(words: readonly string[], excluded: readonly Span[] = []): boolean {
    return this.spans(words).some((span) => !excluded.some((o) => span.start < o.end && o.start < span.end));
  }

  spans(words: readonly string[]): Span[] {
    const spans: Span[] = [];
    for (let start = 0; start < words.length; start++) {
      for (const pattern of [...(this.byFirstWord.get(words[start] as string) ?? []), ...this.anywhere]) {
        const end = matchFrom(pattern.tokens, 0, words, start);
        if (end !== undefined && end > start) spans.push({ start, end });
      }
    }
    return spans;
  }
}

/** The words a match of `pattern` can start with (glued elisions included); undefined when any word can. */
function firstWords(pattern: PhrasePattern): ReadonlySet<string> | undefined {
  const [first, second] = pattern.tokens;
  if (!first || first.any || first.optional || first.negated) return undefined;
  const words = new Set(first.words);
  if (second && !second.any && !second.negated) {
    for (const elided of first.elided) for (const next of second.words) words.add(elided + next);
  }
  return words;
}
