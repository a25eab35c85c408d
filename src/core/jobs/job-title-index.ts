import type { Locale } from '../locale.js';
import { fold, tokenize, wordKey, type TitleToken } from './title-keys.js';
import { TypoIndex } from './typo-index.js';

/** A job title of the taxonomies: ROME appellation or ESCO occupation label, and the ROME fiche it belongs to. */
export interface JobTitle {
  readonly title: string;
  readonly code: string;
  /** How much this title speaks for its fiche (the fiche's own title most, a rarely used appellation least). */
  readonly weight: number;
  /** The fiche's own title (its ROME libellé, or its English label). */
  readonly own?: boolean;
}

/** A job named in a text. */
export interface TitleMatch {
  readonly code: string;
  /** The words of the text, as written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** 1 for a whole title; less for the head of titles (« infirmière » for « Infirmier / Infirmière de bloc »). */
  readonly confidence: number;
  readonly clause: number;
  /** Other fiches the same words name almost as often (« electrician »: building or maintenance), best first. */
  readonly alternatives: readonly string[];
  /** Votes of every fiche the words may name, when they name more than one (titles' weights). */
  readonly votes?: ReadonlyMap<string, number>;
  /**
   * Only a generic head was found (« trainer », « conseiller »: it heads titles of many domains), maybe with words the
   * taxonomy does not know ("corporate trainer"): `votes` holds the fiches it heads, for the context to choose from.
   */
  readonly generic?: boolean;
}

interface Phrase {
  /** Fiches of the titles that are exactly this phrase, weighted. */
  readonly whole: Map<string, number>;
  /** Fiches of the titles this phrase begins (shared empty map until a title adds one). */
  head: Map<string, number>;
  /** How many titles this phrase begins. */
  heads: number;
  /** Fiches whose own title begins with this phrase (« infirmier » begins « Infirmier en soins généraux »). */
  ownHeads: Set<string>;
  /** Fiches whose own title is this phrase (« secrétaire »): it names them even when it begins many other titles. */
  ownWhole: Set<string>;
}

interface GappedToken extends TitleToken {
  /** Small words other than articles were left out right before it, in the same clause. */
  readonly gap: boolean;
  /** Those words. */
  readonly skipped: string;
}

interface Found {
  readonly length: number;
  readonly confidence: number;
  readonly codes: readonly string[];
  readonly votes?: ReadonlyMap<string, number>;
  readonly generic?: boolean;
}

/**
 * A word that begins titles of many fiches (« agent », « supervisor ») names none of them: its best fiche must have
 * this share of the votes of all the titles it begins or is. A head must begin a few titles to count.
 */
const MIN_SHARE = 0.2;
const MIN_HEADED_TITLES = 3;
const HEAD_CONFIDENCE = 0.6;
const HEAD_WORD_RATIO = 0.5;
/** Most phrases are no title's head: they share these empty collections (never written to). */
const NONE: Map<string, number> = new Map();
const NO_CODES: Set<string> = new Set();
/** Fiches within this ratio of the best one's votes are kept as alternatives. */
const ALTERNATIVE_RATIO = 0.5;
/**
 * A head word is generic when the titles it heads spread over ROME domains (the fiche code's letter: « trainer » heads
 * sport, animal, ICT and adult-training titles; « nurse » only health ones): at least this many domains, none with half
 * of its titles.
 */
const GENERIC_DOMAINS = 3;
const GENERIC_TOP_DOMAIN_SHARE = 0.5;

/** Recognises taxonomy job titles in free text, by their folded words (accents, case, gender, plural, one typo). */
export class JobTitleIndex {
  private readonly phrases = new Map<string, Phrase>();
  private readonly typos: TypoIndex;
  /** Per word: how many titles contain it, and how many it heads (« nurse » heads most titles it is in, « vehicle » few). */
  private readonly containing = new Map<string, number>();
  private readonly headed = new Map<string, number>();
  /** Head words whose titles spread over several ROME domains (« assistant », « conseiller », "manager"). */
  private readonly genericHeads = new Set<string>();

  constructor(
    titles: readonly JobTitle[],
    private readonly locale: Locale,
    private readonly stopwords: ReadonlySet<string>,
    private readonly articles: ReadonlySet<string> = new Set(),
    /** Keys of the language's other words (fiche definitions): never read as a typo of a title word. */
    plainWords: ReadonlySet<string> = new Set(),
  ) {
    const vocabulary = new Set<string>();
    // The same words for the same fiche count once, at their best weight (ROME and ESCO often share a title).
    const distinct = new Map<string, { keys: string[]; words: string[]; code: string; weight: number; own: boolean }>();
    for (const title of titles.flatMap(variants)) {
      const tokens = this.inReadingOrder(this.contentKeys(tokenize(genderless(title.title), locale)));
      const words = tokens.map((t) => (t.upper && title.acronym ? acronymKey(t.key) : t.key));
      if (words.length === 0) continue;
      words.forEach((key) => vocabulary.add(key));
      const keys = this.phraseKeys(tokens, words);
      const id = `${keys.at(-1) ?? ''}|${title.code}`;
      const seen = distinct.get(id);
      if (!seen || seen.weight < title.weight) distinct.set(id, { keys, words, code: title.code, weight: title.weight, own: title.own === true });
    }
    const domains = new Map<string, Map<string, number>>();
    for (const { words, code } of distinct.values()) {
      new Set(words).forEach((key) => this.containing.set(key, (this.containing.get(key) ?? 0) + 1));
      const head = words[0] ?? '';
      this.headed.set(head, (this.headed.get(head) ?? 0) + 1);
      const byDomain = domains.get(head) ?? new Map<string, number>();
      byDomain.set(code.charAt(0), (byDomain.get(code.charAt(0)) ?? 0) + 1);
      domains.set(head, byDomain);
    }
    for (const [head, byDomain] of domains) {
      const counts = [...byDomain.values()];
      const total = counts.reduce((a, b) => a + b, 0);
      if (counts.length >= GENERIC_DOMAINS && Math.max(...counts) < GENERIC_TOP_DOMAIN_SHARE * total) this.genericHeads.add(head);
    }
    for (const { keys, code, weight, own } of distinct.values()) {
      for (let length = 1; length <= keys.length; length++) {
        const phrase = this.phrase(keys[length - 1] ?? '');
        if (length === keys.length) {
          phrase.whole.set(code, (phrase.whole.get(code) ?? 0) + weight);
          if (own) (phrase.ownWhole === NO_CODES ? (phrase.ownWhole = new Set()) : phrase.ownWhole).add(code);
          continue;
        }
        if (phrase.head === NONE) phrase.head = new Map();
        phrase.head.set(code, (phrase.head.get(code) ?? 0) + weight);
        phrase.heads++;
        if (own) (phrase.ownHeads === NO_CODES ? (phrase.ownHeads = new Set()) : phrase.ownHeads).add(code);
      }
    }
    this.typos = new TypoIndex(vocabulary, undefined, plainWords);
  }

  /** The head words (keys) whose titles spread over several ROME domains. */
  get generic(): ReadonlySet<string> {
    return this.genericHeads;
  }

  /**
   * French titles start with their head noun (« infirmière de bloc »), English ones end with it (« theatre nurse »):
   * English titles and texts are read backwards, so that a title's first words are always its head.
   */
  private get headFirst(): boolean {
    return this.locale === 'fr';
  }

  /**
   * Content words in the order titles are read (English backwards), each knowing whether small words were left out
   * right before it in the text.
   */
  private inReadingOrder(tokens: readonly GappedToken[]): GappedToken[] {
    return this.headFirst ? [...tokens] : [...tokens].reverse();
  }

  /**
   * The keys of a title's first 1…n words. English titles never skip a small word between a modifier and its head
   * (« analyst in a software company » is no "software analyst"), so there a left-out word is part of the key;
   * French ones do (« assistante de la direction »).
   */
  private phraseKeys(tokens: readonly GappedToken[], words: readonly string[]): string[] {
    const keys: string[] = [];
    words.forEach((word, i) => keys.push(i === 0 ? word : `${keys[i - 1] ?? ''}${this.separator(tokens[i - 1])}${word}`));
    return keys;
  }

  private separator(previous: GappedToken | undefined): string {
    return !this.headFirst && previous?.gap ? ` ~${previous.skipped}~ ` : ' ';
  }

  /** The jobs named in `text`, in reading order; the longest title wins where titles overlap. */
  match(text: string): TitleMatch[] {
    const tokens = this.inReadingOrder(this.contentKeys(tokenize(text, this.locale)).map((t) => ({
      ...t,
      key: t.upper && this.phrases.has(acronymKey(t.key)) ? acronymKey(t.key) : (this.typos.correct(t.key) ?? t.key),
    })));
    const matches: TitleMatch[] = [];
    for (let i = 0; i < tokens.length; ) {
      const found = this.longestAt(tokens, i);
      if (!found) {
        i++;
        continue;
      }
      const [first, last] = this.headFirst
        ? [tokens[i] as TitleToken, tokens[i + found.length - 1] as TitleToken]
        : [tokens[i + found.length - 1] as TitleToken, tokens[i] as TitleToken];
      const [code = '', ...alternatives] = found.codes;
      const extra = found.votes && (alternatives.length > 0 || found.generic) ? { votes: found.votes, ...(found.generic ? { generic: true } : {}) } : {};
      matches.push({ code, alternatives, text: text.slice(first.start, last.end), start: first.start, end: last.end, confidence: found.confidence, clause: first.clause, ...extra });
      i += found.length;
    }
    return this.headFirst ? matches : matches.reverse();
  }

  private longestAt(tokens: readonly GappedToken[], i: number): Found | undefined {
    let best: Found | undefined;
    let widest: Phrase | undefined;
    let widestLength = 0;
    let key = '';
    for (let j = i; j < tokens.length && (tokens[j] as TitleToken).clause === (tokens[i] as TitleToken).clause; j++) {
      key = key === '' ? (tokens[j] as TitleToken).key : `${key}${this.separator(tokens[j - 1])}${(tokens[j] as TitleToken).key}`;
      const phrase = this.phrases.get(key);
      if (!phrase) break;
      const length = j - i + 1;
      if (phrase.heads > 0) [widest, widestLength] = [phrase, length];
      const whole = ranked(phrase.whole);
      if (whole.length > 0 && (length > 1 || phrase.ownWhole.has(whole[0] ?? '') || share(merged(phrase.whole, phrase.head), whole[0]) >= MIN_SHARE)) {
        best = { codes: whole, length, confidence: 1, votes: phrase.whole };
      } else if (phrase.heads >= MIN_HEADED_TITLES && (!best || best.confidence < 1) && (length > 1 || this.namesJobs(key))) {
        const heads = ranked(phrase.head);
        const headShare = share(phrase.head, heads[0]);
        if (headShare >= MIN_SHARE) best = { codes: heads, length, confidence: HEAD_CONFIDENCE * (phrase.ownHeads.has(heads[0] ?? '') ? 1 : headShare), votes: phrase.head };
      }
    }
    if (best?.confidence === 1 || !widest || !this.genericHeads.has((tokens[i] as TitleToken).key) || widest.heads < MIN_HEADED_TITLES) return best;
    // A generic head and no whole title: the fiches the longest phrase begins, for the context to choose from.
    return { codes: ranked(widest.head), length: Math.max(widestLength, best?.length ?? 0), confidence: best?.confidence ?? 0, votes: widest.head, generic: true };
  }

  /** A word alone names a job only if it is the head of most titles it appears in. */
  private namesJobs(key: string): boolean {
    return (this.headed.get(key) ?? 0) >= HEAD_WORD_RATIO * (this.containing.get(key) ?? 1);
  }

  /** The words that are not small words (articles, prepositions), each knowing whether one was left out before it. */
  private contentKeys(tokens: readonly TitleToken[]): GappedToken[] {
    const kept: GappedToken[] = [];
    let skipped: string[] = [];
    for (const token of tokens) {
      const word = fold(token.word);
      if (this.stopwords.has(word)) {
        if (!this.articles.has(word)) skipped.push(word);
        continue;
      }
      const gap = skipped.length > 0 && kept.at(-1)?.clause === token.clause;
      kept.push({ ...token, gap, skipped: gap ? skipped.join(' ') : '' });
      skipped = [];
    }
    return kept;
  }

  private phrase(key: string): Phrase {
    let phrase = this.phrases.get(key);
    if (!phrase) this.phrases.set(key, (phrase = { whole: new Map(), head: NONE, heads: 0, ownHeads: NO_CODES, ownWhole: NO_CODES }));
    return phrase;
  }
}

/** The fiches with the most votes, best first, down to ALTERNATIVE_RATIO of the best. */
function ranked(votes: ReadonlyMap<string, number>): string[] {
  const sorted = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const best = sorted[0]?.[1] ?? 0;
  return sorted.filter(([, weight]) => weight >= best * ALTERNATIVE_RATIO).map(([code]) => code);
}

function merged(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map(a);
  for (const [code, weight] of b) out.set(code, (out.get(code) ?? 0) + weight);
  return out;
}

/** The share of the votes that `code` has. */
function share(votes: ReadonlyMap<string, number>, code: string | undefined): number {
  const total = [...votes.values()].reduce((a, b) => a + b, 0);
  return total === 0 ? 0 : (votes.get(code ?? '') ?? 0) / total;
}

const ACRONYM = /\(([A-Z]{2,6})\)/u;
const acronymKey = (key: string): string => `#${key}`;

/**
 * A title, and when it ends with an abbreviation in brackets (« Agent de service hospitalier (ASH) »), the title
 * without it and the abbreviation alone, which matches only when written in capitals.
 */
function variants(title: JobTitle): (JobTitle & { acronym?: boolean })[] {
  const acronym = ACRONYM.exec(title.title)?.[1];
  if (!acronym) return [title];
  return [{ ...title, title: title.title.replace(ACRONYM, ' ') }, { ...title, title: acronym, acronym: true }];
}

/** "Assistant / Assistante de direction" → "Assistant de direction": both gender forms fold to the same keys. */
export function genderless(title: string): string {
  const parts = title.split(/\s*\/\s*/u);
  if (parts.length !== 2) return title;
  const [left = '', right = ''] = parts;
  const leftWords = left.trim().split(/\s+/u);
  const rightWords = right.trim().split(/\s+/u);
  return leftWords.length < rightWords.length ? [...leftWords, ...rightWords.slice(leftWords.length)].join(' ') : left;
}

export { wordKey };
