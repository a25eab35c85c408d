import type { Locale } from '../locale.js';
import { fold, tokenize } from './title-keys.js';

/** A fiche's words, by field: its titles speak for it more than its definition. */
export interface FicheText {
  readonly code: string;
  readonly titles: readonly string[];
  readonly definition: string;
}

const TITLE_WEIGHT = 4;
const K1 = 1.2;
const B = 0.5;

interface Postings {
  readonly fiches: Uint16Array;
  readonly tf: Float32Array;
}

/**
 * BM25 over fiche texts, on word roots (« recrutement » finds « recruteur »): which fiches a vague wish
 * (« travailler avec les tout-petits, en crèche ») or a list of activities is about.
 */
export class FicheRetrieval {
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: Float32Array;
  private readonly averageLength: number;
  private readonly codes: string[] = [];

  constructor(
    fiches: readonly FicheText[],
    private readonly locale: Locale,
    private readonly ignored: ReadonlySet<string>,
  ) {
    const building = new Map<string, number[]>();
    this.lengths = new Float32Array(fiches.length);
    fiches.forEach((fiche, f) => {
      this.codes.push(fiche.code);
      const tf = new Map<string, number>();
      const add = (roots: Iterable<string>, weight: number): void => {
        for (const root of roots) tf.set(root, (tf.get(root) ?? 0) + weight);
      };
      // Each distinct title word once: a fiche with 40 appellations is not 40 times about its head noun.
      add(this.roots([...new Set(fiche.titles.flatMap((t) => this.roots(t)))].join(' ')), TITLE_WEIGHT);
      add(this.roots(fiche.definition), 1);
      let length = 0;
      for (const [root, count] of tf) {
        length += count;
        const list = building.get(root) ?? [];
        list.push(f, count);
        building.set(root, list);
      }
      this.lengths[f] = length;
    });
    for (const [root, list] of building) {
      this.postings.set(root, { fiches: Uint16Array.from(list.filter((_, i) => i % 2 === 0)), tf: Float32Array.from(list.filter((_, i) => i % 2 === 1)) });
    }
    this.averageLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
  }

  /** Fiche code → BM25 score of `text`, for the fiches that share a word root with it. */
  score(text: string): Map<string, number> {
    const scores = new Map<string, number>();
    const total = this.codes.length;
    for (const root of new Set(this.roots(text))) {
      const list = this.postings.get(root);
      if (!list) continue;
      const idf = Math.log(1 + (total - list.fiches.length + 0.5) / (list.fiches.length + 0.5));
      list.fiches.forEach((fiche, i) => {
        const tf = list.tf[i] ?? 0;
        const norm = tf + K1 * (1 - B + (B * (this.lengths[fiche] ?? 0)) / this.averageLength);
        const code = this.codes[fiche] as string;
        scores.set(code, (scores.get(code) ?? 0) + (idf * tf * (K1 + 1)) / norm);
      });
    }
    return scores;
  }

  private roots(text: string): string[] {
    return tokenize(text, this.locale)
      .filter((t) => t.word.length > 1 && !this.ignored.has(fold(t.word)) && !/^\d+$/u.test(t.word))
      .map((t) => t.root);
  }
}
