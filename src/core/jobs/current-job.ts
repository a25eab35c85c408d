import { fold } from './title-keys.js';

const SENTENCE = /[^.;!?\n]+/gu;
const YEAR = /\b(19[5-9]\d|20\d\d)\b/gu;

interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly current: boolean;
  readonly latestYear: number;
}

function sentencesOf(text: string, markers: ReadonlySet<string>): Sentence[] {
  return [...text.matchAll(SENTENCE)].map((m) => {
    const words = m[0].split(/[^\p{L}]+/u).map(fold);
    const years = [...m[0].matchAll(YEAR)].map((y) => Number(y[1]));
    return { start: m.index, end: m.index + m[0].length, current: words.some((w) => markers.has(w)), latestYear: Math.max(0, ...years) };
  });
}

/**
 * Which of the jobs named in a career path (by their position in `text`) the person holds now: the one in a sentence
 * that says so (« depuis », "currently"), else the one in the sentence with the latest year, else the last named
 * (a path is told in order). -1 when no job is named.
 */
export function currentJobIndex(text: string, starts: readonly number[], markers: ReadonlySet<string>): number {
  if (starts.length === 0) return -1;
  const sentences = sentencesOf(text, markers);
  const sentenceOf = (start: number): Sentence | undefined => sentences.find((s) => start >= s.start && start < s.end);
  const marked = starts.findIndex((start) => sentenceOf(start)?.current === true);
  if (marked >= 0) return marked;
  const years = starts.map((start) => sentenceOf(start)?.latestYear ?? 0);
  const latest = Math.max(...years);
  return latest > 0 ? years.lastIndexOf(latest) : starts.length - 1;
}
