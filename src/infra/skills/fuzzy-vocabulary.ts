import jaroWinklerDistance from 'natural/lib/natural/distance/jaro-winkler_distance.js';

export interface FuzzySettings {
  readonly minLength: number;
  readonly minJaroWinkler: number;
  readonly minLengthRatio: number;
}

/**
 * Typo repair: the taxonomy word closest to a misspelt one ("managment" → "management"). Words are bucketed
 * by first letter and length, so a lookup compares a few hundred words at most.
 */
export class FuzzyVocabulary {
  private readonly buckets = new Map<string, string[]>();

  constructor(
    words: Iterable<string>,
    private readonly settings: FuzzySettings,
  ) {
    for (const word of words) {
      if (word.length < settings.minLength || !/^\p{L}+$/u.test(word)) continue;
      const bucket = this.buckets.get(bucketKey(word[0] ?? '', word.length)) ?? [];
      bucket.push(word);
      this.buckets.set(bucketKey(word[0] ?? '', word.length), bucket);
    }
  }

  closest(word: string): string | undefined {
    if (word.length < this.settings.minLength || !/^\p{L}+$/u.test(word)) return undefined;
    let best: string | undefined;
    let bestScore = this.settings.minJaroWinkler;
    const spread = Math.floor(word.length * (1 - this.settings.minLengthRatio));
    for (let length = word.length - spread; length <= word.length + spread; length++) {
      for (const candidate of this.buckets.get(bucketKey(word[0] ?? '', length)) ?? []) {
        if (Math.min(word.length, length) / Math.max(word.length, length) < this.settings.minLengthRatio) continue;
        const score = jaroWinklerDistance(word, candidate);
        if (score >= bestScore) [best, bestScore] = [candidate, score];
      }
    }
    return best;
  }
}

const bucketKey = (first: string, length: number): string => `${first}${length}`;
