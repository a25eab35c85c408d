import type { SkillKind } from '../../src/core/skills/skill-extractor.js';
import type { LabelIndex } from '../../src/infra/skills/label-index.js';

/**
 * For each ESCO item, the ROME item whose French label says the same thing: same kind, same head word, and a
 * weighted Dice similarity of their stems of at least `minSimilarity`. This lets an ESCO match (ESCO has the
 * English labels and many short French ones) be reported at the ROME level, which rolls up to macro-compétences.
 */
export function alignEscoToRome(index: LabelIndex, rows: readonly { id: string; kind: SkillKind; rome: boolean }[], minSimilarity: number): string[] {
  const firstVariant = new Map<number, number>();
  for (let v = index.variantCount - 1; v >= 0; v--) firstVariant.set(index.variantEntry[v] ?? -1, v);
  return rows.map((row, entry) => {
    const escoVariant = firstVariant.get(entry);
    // Savoirs stay ESCO items: without a macro to roll up to, a close ROME savoir is no safer a name.
    if (row.rome || row.kind === 'savoir' || escoVariant === undefined) return '';
    const escoKeys = weightedKeys(index, escoVariant);
    const escoHead = index.headKey(escoVariant);
    let best = { similarity: minSimilarity, id: '' };
    index.forEachKeyOf(escoVariant, (keyId) => {
      const end = index.postingStart[keyId + 1] ?? 0;
      for (let p = index.postingStart[keyId] ?? 0; p < end; p++) {
        const romeVariant = index.postings[p] ?? 0;
        const candidate = rows[index.variantEntry[romeVariant] ?? -1];
        if (!candidate?.rome || candidate.kind !== row.kind) continue;
        const romeKeys = weightedKeys(index, romeVariant);
        if (!romeKeys.has(escoHead) || !escoKeys.has(index.headKey(romeVariant))) continue;
        const similarity = dice(escoKeys, romeKeys);
        if (similarity > best.similarity) best = { similarity, id: candidate.id };
      }
    });
    return best.id;
  });
}

function weightedKeys(index: LabelIndex, variant: number): Map<number, number> {
  const keys = new Map<number, number>();
  index.forEachKeyOf(variant, (keyId, position) => keys.set(keyId, index.weightIn(variant, keyId, position)));
  return keys;
}

function dice(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): number {
  let shared = 0;
  let total = 0;
  for (const [key, weight] of a) {
    total += weight;
    if (b.has(key)) shared += weight + (b.get(key) ?? 0);
  }
  for (const weight of b.values()) total += weight;
  return total === 0 ? 0 : shared / total;
}
