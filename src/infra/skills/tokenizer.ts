/** A word or a punctuation mark of an answer, with its place in the original text. */
export interface Token {
  /** As written (after Unicode NFC and apostrophe unification). */
  readonly text: string;
  /** Lower case, accents kept. */
  readonly lower: string;
  /** As lexicons compare words: see foldWord(). For punctuation, the mark itself. */
  readonly folded: string;
  readonly isWord: boolean;
  readonly start: number;
}

/*
 * One pattern, in this order: words that may carry inner dots, apostrophes, hyphens or ampersands
 * (Node.js, aujourd'hui, R&D, e-mail) and an optional ++ or # suffix (C++, C#), optionally
 * introduced by a dot (.NET); then clause punctuation.
 */
const TOKEN_PATTERN = /((?<![\p{L}\p{N}])\.)?[\p{L}\p{N}]+(?:[.'&-][\p{L}\p{N}]+)*(?:\+\+|#)?|[.;!?:,()\n…—–]|\s-\s/gu;
const APOSTROPHES = /[\u2018\u2019\u02bc\u2032`´]/g;
/** French elided clitics: "l'équipe" → "l'" + "équipe". Frozen words (aujourd'hui, prud'hommes) are not listed. */
const ELISION = /^(l|d|j|m|t|s|n|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)'(.+)$/iu;
const MAX_TEXT_LENGTH = 20_000;

/** Unicode NFC, typographic apostrophes as ', and a length cap so hostile input stays cheap. */
export function normalizeText(text: string): string {
  return text.slice(0, MAX_TEXT_LENGTH).normalize('NFC').replace(APOSTROPHES, "'");
}

export function tokenize(text: string): Token[] {
  const normalized = normalizeText(text);
  const tokens: Token[] = [];
  for (const match of normalized.matchAll(TOKEN_PATTERN)) {
    const raw = match[0];
    const start = match.index;
    const isWord = /[\p{L}\p{N}]/u.test(raw);
    if (!isWord) {
      const mark = raw.trim();
      tokens.push({ text: mark, lower: mark, folded: mark, isWord: false, start });
      continue;
    }
    const elided = ELISION.exec(raw);
    if (elided?.[1] !== undefined && elided[2] !== undefined) {
      const clitic = `${elided[1]}'`;
      tokens.push(word(clitic, start), word(elided[2], start + clitic.length));
    } else {
      tokens.push(word(raw, start));
    }
  }
  return tokens;
}

function word(text: string, start: number): Token {
  const lower = text.toLowerCase();
  return { text, lower, folded: foldWord(lower), isWord: true, start };
}

/** A word as lexicons compare it: lower case, accents folded, elided clitics bare ("qu'" → "qu"). */
export function foldWord(lower: string): string {
  return foldAccents(lower).replace(/'$/u, '');
}

/** Removes diacritics and ligatures: "équipe" → "equipe", "œuvre" → "oeuvre". */
export function foldAccents(text: string): string {
  if (ASCII.test(text)) return text;
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/œ/gu, 'oe').replace(/æ/gu, 'ae').normalize('NFC');
}

const ASCII = /^[ -~]*$/u;
