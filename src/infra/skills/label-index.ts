import type { StemCanon } from './stem-canon.js';
import type { LabelIndexFile } from './taxonomy-files.js';

/** Numbers and single letters ("CACES 1 3 5", "12 h") only ever complete a label. */
const MINOR = /^(?:\d+|\p{L})$/u;

/**
 * Inverted index over the stems of every taxonomy label variant of one language, with IDF weights.
 * Typed arrays keep it compact and the scoring loop allocation-free.
 */
export class LabelIndex {
  readonly variantCount: number;
  /** How many distinct stems. */
  readonly keyTotal: number;
  /** Per variant: the taxonomy entry it names. */
  readonly variantEntry: Int32Array;
  /** Per variant: its stems are variantKeys[variantStart[v] .. variantStart[v + 1]), in label order. */
  readonly variantStart: Int32Array;
  readonly variantKeys: Int32Array;
  /** Per variant: how many of its first stems are light words ("Réaliser", "Techniques de"). */
  readonly variantLead: Uint8Array;
  /** Per variant: the sum of its stems' weights. */
  readonly variantWeight: Float64Array;
  /** Per stem. */
  readonly idf: Float64Array;
  /** The variants holding stem k are postings[postingStart[k] .. postingStart[k + 1]). */
  readonly postingStart: Int32Array;
  readonly postings: Int32Array;
  private readonly keyIds: ReadonlyMap<string, number>;
  private readonly keyNames: readonly string[];

  /** Per stem: 1 when it stands for an activity said both as a verb and as its action noun (« polir », « polissage »). */
  readonly action: Uint8Array;

  /** Per variant: 1 when a light noun opens it ("Techniques de …"): it is about knowing, not doing. */
  readonly variantNominalLead: Uint8Array;

  constructor(
    file: LabelIndexFile,
    canon: StemCanon,
    lightness: { isLight(key: string): boolean; isLightNoun(key: string): boolean },
    private readonly lightWeight: number,
  ) {
    const keyIds = new Map<string, number>();
    const rawToId = Int32Array.from(file.vocab, (raw) => {
      const key = canon.of(raw);
      return keyIds.get(key) ?? keyIds.set(key, keyIds.size).size - 1;
    });
    this.keyIds = keyIds;
    this.keyTotal = keyIds.size;
    this.keyNames = [...keyIds.keys()];
    const light = new Uint8Array(keyIds.size);
    const lightNoun = new Uint8Array(keyIds.size);
    this.action = new Uint8Array(keyIds.size);
    for (const [word, raw] of file.words) {
      const id = keyIds.get(canon.of(raw));
      if (id !== undefined && /age$/u.test(word) && !raw.includes(' ')) this.action[id] = 1;
    }
    for (const [key, id] of keyIds) {
      if (canon.isAction(key)) this.action[id] = 1;
      if (lightness.isLight(key) || MINOR.test(key)) light[id] = 1;
      if (lightness.isLightNoun(key)) lightNoun[id] = 1;
    }
    this.variantCount = file.variantEntries.length;
    this.variantEntry = Int32Array.from(file.variantEntries);
    this.variantStart = new Int32Array(this.variantCount + 1);
    this.variantLead = new Uint8Array(this.variantCount);
    this.variantNominalLead = new Uint8Array(this.variantCount);
    const keys = new Int32Array(file.keys.length);
    let read = 0;
    let written = 0;
    for (let v = 0; v < this.variantCount; v++) {
      const start = written;
      const end = read + (file.variantCounts[v] ?? 0);
      for (; read < end; read++) {
        const id = rawToId[file.keys[read] ?? 0] ?? 0;
        // Two words of a label may fold onto one key ("gestion" and "gérer"): keep it once.
        let seen = false;
        for (let k = start; k < written && !seen; k++) seen = keys[k] === id;
        if (!seen) keys[written++] = id;
      }
      this.variantStart[v + 1] = written;
      let lead = 0;
      let nominal = 0;
      for (let k = start; k < written && light[keys[k] ?? 0] === 1; k++, lead++) nominal |= lightNoun[keys[k] ?? 0] ?? 0;
      this.variantLead[v] = lead;
      this.variantNominalLead[v] = nominal;
    }
    this.variantKeys = keys.slice(0, written);
    [this.postingStart, this.postings] = invert(this.variantKeys, this.variantStart, keyIds.size);
    this.idf = new Float64Array(keyIds.size);
    for (let id = 0; id < keyIds.size; id++) this.idf[id] = Math.log(1 + this.variantCount / Math.max(this.documentFrequency(id), 1));
    this.variantWeight = new Float64Array(this.variantCount);
    for (let v = 0; v < this.variantCount; v++) {
      const start = this.variantStart[v] ?? 0;
      const end = this.variantStart[v + 1] ?? 0;
      const lightEnd = start + (this.variantLead[v] ?? 0);
      let total = 0;
      for (let k = start; k < end; k++) total += (this.idf[this.variantKeys[k] ?? 0] ?? 0) * (k < lightEnd ? lightWeight : 1);
      this.variantWeight[v] = total;
    }
  }

  keyId(key: string): number | undefined {
    return this.keyIds.get(key);
  }

  keyName(keyId: number): string {
    return this.keyNames[keyId] ?? '';
  }

  documentFrequency(keyId: number): number {
    return (this.postingStart[keyId + 1] ?? 0) - (this.postingStart[keyId] ?? 0);
  }

  /** The weight of the stem at `position` in the variant: its IDF, lowered in the light lead. */
  weightIn(variant: number, keyId: number, position: number): number {
    return (this.idf[keyId] ?? 0) * (position < (this.variantLead[variant] ?? 0) ? this.lightWeight : 1);
  }

  /** Calls `visit` with every stem of the variant and its position, in label order. */
  forEachKeyOf(variant: number, visit: (keyId: number, position: number) => void): void {
    const start = this.variantStart[variant] ?? 0;
    const end = this.variantStart[variant + 1] ?? 0;
    for (let k = start; k < end; k++) visit(this.variantKeys[k] ?? 0, k - start);
  }

  keyCount(variant: number): number {
    return (this.variantStart[variant + 1] ?? 0) - (this.variantStart[variant] ?? 0);
  }

  /** Stems after the light lead: what the label is about. */
  contentKeyCount(variant: number): number {
    return this.keyCount(variant) - (this.variantLead[variant] ?? 0);
  }

  /** Whether stem k is one of the variant's. */
  hasKey(variant: number, keyId: number): boolean {
    for (let k = this.variantStart[variant] ?? 0, end = this.variantStart[variant + 1] ?? 0; k < end; k++) if (this.variantKeys[k] === keyId) return true;
    return false;
  }

  /** The first stem after the light lead: the label's head verb or noun, or -1. */
  headKey(variant: number): number {
    if (this.contentKeyCount(variant) === 0) return -1;
    return this.variantKeys[(this.variantStart[variant] ?? 0) + (this.variantLead[variant] ?? 0)] ?? -1;
  }
}

/**
 * Where each stem's entries start in a list grouped by stem (CSR): entries of stem k are at [start[k], start[k + 1]),
 * given the stem of every entry.
 */
export function startsByKey(entryKeys: Int32Array, keyCount: number): Int32Array {
  // Typed-array reads are in bounds by construction; `as number` keeps these start-up loops free of checks.
  const start = new Int32Array(keyCount + 1);
  for (const key of entryKeys) start[key + 1] = (start[key + 1] as number) + 1;
  for (let k = 0; k < keyCount; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  return start;
}

/** CSR inverted lists: the variants of stem k are postings[start[k] .. start[k + 1]). */
function invert(variantKeys: Int32Array, variantStart: Int32Array, keyCount: number): [Int32Array, Int32Array] {
  const start = startsByKey(variantKeys, keyCount);
  const next = start.slice(0, keyCount);
  const postings = new Int32Array(variantKeys.length);
  for (let v = 0, k = 0; v + 1 < variantStart.length; v++) {
    for (const end = variantStart[v + 1] as number; k < end; k++) {
      const key = variantKeys[k] as number;
      postings[next[key] as number] = v;
      next[key] = (next[key] as number) + 1;
    }
  }
  return [start, postings];
}
