import { expect } from 'chai';
import { LabelCandidates } from '../../../src/infra/skills/label-candidates.js';
import type { LabelIndex } from '../../../src/infra/skills/label-index.js';
import { DEFAULT_SKILLS_DATA_DIR, labelIndexFor } from '../../../src/infra/skills/load-skill-extractor.js';
import { readLanguageFile, readSettingsFile, readSynonymsFile } from '../../../src/infra/skills/resource-files.js';
import { readLabelIndexFile } from '../../../src/infra/skills/taxonomy-files.js';

/** What LabelMatcher.accept needs before it scores a variant: its head said, and another content stem unless the head is its only one. */
function canMatch(index: LabelIndex, variant: number, said: ReadonlySet<number>): boolean {
  const content: number[] = [];
  index.forEachKeyOf(variant, (keyId, position) => {
    if (position >= (index.variantLead[variant] ?? 0)) content.push(keyId);
  });
  const [head, ...others] = content;
  return head !== undefined && said.has(head) && (others.length === 0 || others.some((keyId) => said.has(keyId)));
}

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('LabelCandidates (the French label index)', () => {
  let index: LabelIndex;
  let candidates: LabelCandidates;
  let keyOf: (word: string) => number;

  before(() => {
    const dir = DEFAULT_SKILLS_DATA_DIR;
    const parts = labelIndexFor(readLanguageFile(dir, 'fr'), readSynonymsFile(dir, 'fr'), readLabelIndexFile(dir, 'fr'), readSettingsFile(dir));
    index = parts.index;
    keyOf = (word) => index.keyId(parts.canon.of(parts.stemmer.keys(word)[0] ?? '')) ?? -1;
    candidates = new LabelCandidates(index);
  });

  it('lists exactly the variants a segment can match, each once, for segments mixing stems of real labels and other stems', () => {
    const next = random(20261129);
    const pick = (n: number) => Math.floor(next() * n);
    for (let segment = 0; segment < 60; segment++) {
      const said = new Set<number>();
      // Stems of two or three labels (so that labels do match), and a few stems of anything.
      for (let label = 0; label < 2 + pick(2); label++) index.forEachKeyOf(pick(index.variantCount), (keyId) => next() < 0.7 && said.add(keyId));
      for (let other = 0; other < pick(4); other++) said.add(pick(index.keyTotal));
      const keys = [...said];

      const listed = candidates.of(keys);
      const expected = Array.from({ length: index.variantCount }, (_, variant) => variant).filter((variant) => canMatch(index, variant, said));

      expect([...listed].sort((a, b) => a - b), `segment ${segment}`).to.deep.equal(expected);
    }
  });

  it('lists a label about one thing by its word alone, and a label about two things only with both words', () => {
    const [inventory, manage, stock] = [keyOf('inventaire'), keyOf('gérer'), keyOf('stocks')];
    expect([inventory, manage, stock]).to.not.include(-1);
    const about = (keys: readonly number[]) => candidates.of(keys).map((variant) => [index.headKey(variant), index.contentKeyCount(variant)]);

    expect(about([inventory])).to.deep.include([inventory, 1]); // « Participer à un inventaire »
    expect(about([manage]).every(([, count]) => count === 1)).to.equal(true);
    expect(about([manage, stock])).to.deep.include([manage, 2]); // « Gérer les stocks »
  });
});
