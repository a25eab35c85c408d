import { foldForMatching } from '../text/normalize.js';

/** An option as the user may type it: its value and its label in every language. */
export interface TypedOption {
  readonly value: string;
  readonly labels: readonly string[];
}

export interface OptionMatch {
  readonly value: string;
  /** Words typed after the label ("Reconnaissance, surtout de mon manager"), kept as a note. */
  readonly note?: string;
}

/** Shortest typed start of a label taken for the whole label ("reconn" for « Reconnaissance »). */
const MIN_PREFIX = 4;

/**
 * The option a typed text names: its label (any case, accents or not, a small typo), the start of its label, or
 * the label followed by more words, kept as a note. Undefined when no option, or more than one, fits.
 */
export function matchOption(typed: string, options: readonly TypedOption[]): OptionMatch | undefined {
  const text = fold(typed);
  if (text.length === 0) return undefined;
  const exact = only(options.filter((o) => o.labels.some((l) => fold(l) === text)));
  if (exact) return { value: exact.value };
  const followed = bestFollowed(typed, text, options);
  if (followed) return followed;
  const prefixed = only(options.filter((o) => text.length >= MIN_PREFIX && o.labels.some((l) => fold(l).startsWith(text))));
  if (prefixed) return { value: prefixed.value };
  const close = only(options.filter((o) => o.labels.some((l) => closeEnough(fold(l), text))));
  return close ? { value: close.value } : undefined;
}

/** The one option that fits; none when several do (the user is asked again rather than guessed for). */
function only(fitting: readonly TypedOption[]): TypedOption | undefined {
  return fitting.length === 1 ? fitting[0] : undefined;
}

/** The option whose label (the longest such) starts the text, the rest being a note. */
function bestFollowed(typed: string, text: string, options: readonly TypedOption[]): OptionMatch | undefined {
  let best: { value: string; length: number } | undefined;
  for (const option of options) {
    for (const label of option.labels.map(fold)) {
      if (label.length >= MIN_PREFIX && text.startsWith(label) && /^[\s,;:.!-]/.test(text.slice(label.length)) && label.length > (best?.length ?? 0)) {
        best = { value: option.value, length: label.length };
      }
    }
  }
  if (!best) return undefined;
  const note = noteAfter(typed, best.length);
  return note ? { value: best.value, note } : { value: best.value };
}

/** The user's own words after the first `foldedLength` folded characters, with their case and accents. */
function noteAfter(typed: string, foldedLength: number): string | undefined {
  const trimmed = typed.trim();
  let cut = 0;
  while (cut < trimmed.length && fold(trimmed.slice(0, cut)).length < foldedLength) cut++;
  const rest = trimmed.slice(cut).replace(/^[\s,;:.!-]+/, '').trim();
  return rest.length > 0 ? rest : undefined;
}

/** A typo or two: Levenshtein distance within one edit per six letters, on labels of five letters or more. */
function closeEnough(label: string, text: string): boolean {
  if (label.length < 5 || Math.abs(label.length - text.length) > 2) return false;
  return distance(label, text) <= Math.max(1, Math.floor(label.length / 6));
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function fold(text: string): string {
  return foldForMatching(text).replace(/[\u00a0\s]+/g, ' ');
}
