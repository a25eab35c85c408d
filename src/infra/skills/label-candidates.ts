import { startsByKey, type LabelIndex } from './label-index.js';

/**
 * The label variants a segment of an answer can match, found without visiting every variant that shares a
 * common stem with it ("gérer" alone is in thousands). A variant matches only when the segment says its head
 * stem and, unless the head is its one content stem, another of its content stems (LabelMatcher.accept): so
 * variants are listed by head, and by (head, other content stem).
 */
export class LabelCandidates {
  /** The variants whose one content stem is k: oneWord[oneWordStart[k] .. oneWordStart[k + 1]). */
  private readonly oneWordStart: Int32Array;
  private readonly oneWord: Int32Array;
  /** Head k's pairs are [pairStart[k] .. pairStart[k + 1]), sorted by other stem (pairOther), then variant (pairVariant). */
  private readonly pairStart: Int32Array;
  private readonly pairOther: Int32Array;
  private readonly pairVariant: Int32Array;
  /** seen[v] === stamp when variant v is already listed for the current segment. Reused, to spare the GC. */
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(index: LabelIndex) {
    const { oneWords, pairs } = sortedEntries(index);
    const { variantCount, keyTotal } = index;
    const variantOf = (entry: number) => entry % variantCount;
    this.oneWord = decoded(oneWords, variantOf);
    this.oneWordStart = startsByKey(decoded(oneWords, (entry) => Math.floor(entry / variantCount)), keyTotal);
    this.pairVariant = decoded(pairs, variantOf);
    this.pairOther = decoded(pairs, (entry) => Math.floor(entry / variantCount) % keyTotal);
    this.pairStart = startsByKey(decoded(pairs, (entry) => Math.floor(entry / variantCount / keyTotal)), keyTotal);
    this.seen = new Int32Array(variantCount);
  }

  /** Every variant that can match a segment saying these stems, each once, in no particular order. */
  of(keys: readonly number[]): number[] {
    const stamp = ++this.stamp;
    const found: number[] = [];
    const add = (variant: number) => {
      if (this.seen[variant] === stamp) return;
      this.seen[variant] = stamp;
      found.push(variant);
    };
    for (const head of keys) {
      for (let i = this.oneWordStart[head] ?? 0, end = this.oneWordStart[head + 1] ?? 0; i < end; i++) add(this.oneWord[i] ?? 0);
      const end = this.pairStart[head + 1] ?? 0;
      for (const other of keys) {
        if (other === head) continue;
        for (let i = lowerBound(this.pairOther, this.pairStart[head] ?? 0, end, other); i < end && this.pairOther[i] === other; i++) add(this.pairVariant[i] ?? 0);
      }
    }
    return found;
  }
}

/**
 * Every one-word variant as (head, variant) and every pair as (head, other stem, variant), each written as one
 * number so that a numeric sort orders them, then sorted.
 */
function sortedEntries(index: LabelIndex): { oneWords: Float64Array; pairs: Float64Array } {
  const { variantCount, keyTotal, variantStart, variantLead, variantKeys } = index;
  if (keyTotal * keyTotal * variantCount >= Number.MAX_SAFE_INTEGER) throw new RangeError('label index too large for LabelCandidates');
  const oneWords = new Float64Array(variantCount);
  const pairs = new Float64Array(variantKeys.length);
  let oneWordCount = 0;
  let pairCount = 0;
  for (let variant = 0; variant < variantCount; variant++) {
    const contentStart = (variantStart[variant] ?? 0) + (variantLead[variant] ?? 0);
    const end = variantStart[variant + 1] ?? 0;
    const head = variantKeys[contentStart] ?? 0;
    if (end - contentStart === 1) oneWords[oneWordCount++] = head * variantCount + variant;
    for (let k = contentStart + 1; k < end; k++) pairs[pairCount++] = (head * keyTotal + (variantKeys[k] ?? 0)) * variantCount + variant;
  }
  return { oneWords: oneWords.subarray(0, oneWordCount).sort(), pairs: pairs.subarray(0, pairCount).sort() };
}

/** One field of every sorted entry. */
function decoded(entries: Float64Array, field: (entry: number) => number): Int32Array {
  const values = new Int32Array(entries.length);
  for (let i = 0; i < entries.length; i++) values[i] = field(entries[i] ?? 0);
  return values;
}

/** The first index in sorted[from .. to) whose value is not below `value` (`to` when there is none). */
function lowerBound(sorted: Int32Array, from: number, to: number, value: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
