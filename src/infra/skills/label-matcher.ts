import { LabelCandidates } from './label-candidates.js';
import type { LabelIndex } from './label-index.js';
import type { MatchingSettings } from './resource-files.js';

/** One word of a segment of the answer, in order. */
export interface SentenceWord {
  /** Index of the token in the whole answer. */
  readonly token: number;
  /** Lower case, accents kept. */
  readonly lower: string;
  readonly keyIds: readonly number[];
  /** A part of a hyphenated word ("week-end"): never enough on its own to name a label. */
  readonly compound: boolean;
  /** Capitalised inside a sentence ("sur Canva"): a name, said only by the same word. */
  readonly name?: boolean;
  /** Capitalised ("BEES", "Jira"), or in an answer written without capitals: it may be an acronym. */
  readonly mayBeAcronym?: boolean;
}

export interface LabelCandidate {
  readonly entry: number;
  readonly coverage: number;
  /** Answer tokens that matched the label. */
  readonly tokens: readonly number[];
}

/** What the matcher needs to know about taxonomy entries beyond the index. */
export interface EntryFacts {
  /** ROME items, and ESCO items aligned with one, are reported at the ROME level, where partial matches roll up safely. */
  reportedAsRome(entry: number): boolean;
  /** Nominal labels (savoirs) must be said in their order: "Outils de gestion de formation" ≠ "formation des gestionnaires". */
  inLabelOrder(entry: number): boolean;
  /** Whether an answer word names the entry's one content word well enough: same word inflected, or a reviewed synonym. */
  agrees(entry: number, keyId: number, answerWord: string): boolean;
  /** Whether an answer word written as a name is that content word of the entry, as written (no inflection: Canva is no Canvas). */
  namedAs(entry: number, keyId: number, answerWord: string): boolean;
  /** Whether that content word of the entry is an acronym ("BEES", "CAP"): "bees" or « cap » in lower case is another word. */
  isAcronym(entry: number, keyId: number): boolean;
}

type Positions = ReadonlyMap<number, readonly number[]>;

/**
 * Finds the taxonomy labels a segment of an answer expresses: IDF-weighted share of the label's stems found
 * (light lead words such as "Réaliser" weigh little), head verb or noun required, matched words close together.
 */
export class LabelMatcher {
  private readonly candidates: LabelCandidates;
  private readonly lowestCoverage: number;

  constructor(
    private readonly index: LabelIndex,
    private readonly settings: MatchingSettings,
    private readonly facts: EntryFacts,
    /** Forms of the verbs that only support a noun (« je fais les devis », "I handle the bookings"). */
    private readonly supportVerbs: ReadonlySet<string> = new Set(),
  ) {
    this.candidates = new LabelCandidates(index);
    this.lowestCoverage = Math.min(settings.minCoverage.rome, settings.minCoverage.esco);
  }

  match(words: readonly SentenceWord[]): LabelCandidate[] {
    const positions = positionsByKey(words);
    const keys = [...positions.keys()];
    const plausible = this.candidates.of(keys).filter((variant) => this.sharedIdf(variant, keys) >= this.lowestCoverage * (this.index.variantWeight[variant] ?? 0));
    const best = new Map<number, LabelCandidate>();
    for (const variant of this.inFirstKeyOrder(plausible, keys)) {
      const candidate = this.accept(variant, positions, words);
      const previous = best.get(candidate?.entry ?? -1);
      if (candidate && (!previous || candidate.coverage > previous.coverage)) best.set(candidate.entry, candidate);
    }
    for (const candidate of this.supportVerbReadings(words, positions)) if (!best.has(candidate.entry)) best.set(candidate.entry, candidate);
    return [...best.values()];
  }

  /**
   * « je fais les devis » says « Établir un devis »: a support verb (« faire », « s'occuper », "handle"; the language
   * file's `supportVerbs`) right before a rare noun stands for the verb of a two-word activity label whose object is
   * that noun.
   */
  private supportVerbReadings(words: readonly SentenceWord[], positions: Positions): LabelCandidate[] {
    const { index, settings } = this;
    const found: LabelCandidate[] = [];
    words.forEach((word, p) => {
      let v = p - 1;
      while (v >= 0 && v >= p - 3 && (words[v]?.keyIds.length ?? 0) === 0 && !this.supportVerbs.has(words[v]?.lower ?? '')) v--;
      const verb = words[v];
      if (v < 0 || verb === undefined || !this.supportVerbs.has(verb.lower)) return;
      for (const key of word.keyIds) {
        if ((index.idf[key] ?? 0) < settings.minSingleKeyIdf) continue;
        for (let i = index.postingStart[key] ?? 0, end = index.postingStart[key + 1] ?? 0; i < end; i++) {
          const variant = index.postings[i] ?? 0;
          const entry = index.variantEntry[variant] ?? -1;
          const start = (index.variantStart[variant] ?? 0) + (index.variantLead[variant] ?? 0);
          if (index.contentKeyCount(variant) !== 2 || index.variantKeys[start + 1] !== key || positions.has(index.headKey(variant))) continue;
          if (!this.facts.reportedAsRome(entry) || this.facts.inLabelOrder(entry) || !this.facts.agrees(entry, key, word.lower)) continue;
          found.push({ entry, coverage: settings.minCoverage.rome, tokens: [verb.token, word.token] });
        }
      }
    });
    return found;
  }

  /** The IDF of the stems the variant shares with the segment: an upper bound of their weight, cheap to skip most variants on. */
  private sharedIdf(variant: number, keys: readonly number[]): number {
    let shared = 0;
    for (const keyId of keys) if (this.index.hasKey(variant, keyId)) shared += this.index.idf[keyId] ?? 0;
    return shared;
  }

  /**
   * Variants by the first of the segment's stems (in segment order) they hold, then by number. When two labels
   * of one entry match equally well, the first one's words are reported: this order keeps that choice stable.
   */
  private inFirstKeyOrder(variants: number[], keys: readonly number[]): number[] {
    const firstKey = new Map(variants.map((variant) => [variant, keys.findIndex((keyId) => this.index.hasKey(variant, keyId))]));
    return variants.sort((a, b) => (firstKey.get(a) ?? 0) - (firstKey.get(b) ?? 0) || a - b);
  }

  private accept(variant: number, positions: Positions, words: readonly SentenceWord[]): LabelCandidate | undefined {
    const { index, settings } = this;
    const head = index.headKey(variant);
    const entry = index.variantEntry[variant] ?? -1;
    if (head < 0 || !positions.has(head)) return undefined;
    let matchedWeight = 0;
    let matchedContent = 0;
    index.forEachKeyOf(variant, (keyId, position) => {
      if (!positions.has(keyId)) return;
      matchedWeight += index.weightIn(variant, keyId, position);
      if (position >= (index.variantLead[variant] ?? 0)) matchedContent++;
    });
    const coverage = matchedWeight / (index.variantWeight[variant] || 1);
    if (coverage < (this.facts.reportedAsRome(entry) ? settings.minCoverage.rome : settings.minCoverage.esco)) return undefined;
    if (index.contentKeyCount(variant) === 1) {
      return index.variantNominalLead[variant] && !index.action[head] ? undefined : this.acceptOneWord(entry, head, coverage, positions, words);
    }
    if (matchedContent < 2) return undefined;
    const window = closestWindow(index, variant, positions);
    if (!window || window.span - window.positions.length > settings.maxGap + window.positions.length - 2) return undefined;
    if (this.facts.inLabelOrder(entry) && !window.inLabelOrder) return undefined;
    return { entry, coverage, tokens: window.positions.map((p) => words[p]?.token ?? -1) };
  }

  /** A label about one thing ("Pâtisserie", "Participer à un inventaire"): a rare word, said as such. "Techniques de vente" is not said by "vente". */
  private acceptOneWord(entry: number, head: number, coverage: number, positions: Positions, words: readonly SentenceWord[]): LabelCandidate | undefined {
    if ((this.index.idf[head] ?? 0) < this.settings.minSingleKeyIdf) return undefined;
    const said = (positions.get(head) ?? []).filter((p) => {
      const word = words[p];
      if (word === undefined || word.compound) return false;
      if (word.mayBeAcronym !== true && this.facts.isAcronym(entry, head)) return false;
      return word.name === true ? this.facts.namedAs(entry, head, word.lower) : this.facts.agrees(entry, head, word.lower);
    });
    return said.length === 0 ? undefined : { entry, coverage, tokens: said.map((p) => words[p]?.token ?? -1) };
  }
}

function positionsByKey(words: readonly SentenceWord[]): Map<number, number[]> {
  const positions = new Map<number, number[]>();
  words.forEach((word, position) => {
    for (const keyId of word.keyIds) {
      const list = positions.get(keyId) ?? [];
      list.push(position);
      positions.set(keyId, list);
    }
  });
  return positions;
}

/** The narrowest run of segment positions holding every matched stem of the variant once. */
function closestWindow(index: LabelIndex, variant: number, positions: Positions): { span: number; positions: number[]; inLabelOrder: boolean } | undefined {
  const hits: [position: number, key: number][] = [];
  const keys: number[] = [];
  index.forEachKeyOf(variant, (keyId) => {
    const found = positions.get(keyId);
    if (!found) return;
    keys.push(keyId);
    for (const position of found) hits.push([position, keyId]);
  });
  hits.sort((a, b) => a[0] - b[0]);
  const inWindow = new Map<number, number>();
  let best: [number, number] | undefined;
  for (let left = 0, right = 0; right < hits.length; right++) {
    const key = hits[right]?.[1] ?? 0;
    inWindow.set(key, (inWindow.get(key) ?? 0) + 1);
    while (inWindow.size === keys.length) {
      const from = hits[left]?.[0] ?? 0;
      const to = hits[right]?.[0] ?? 0;
      if (!best || to - from < best[1] - best[0]) best = [from, to];
      const leftKey = hits[left]?.[1] ?? 0;
      const count = (inWindow.get(leftKey) ?? 1) - 1;
      if (count === 0) inWindow.delete(leftKey);
      else inWindow.set(leftKey, count);
      left++;
    }
  }
  if (!best) return undefined;
  const [from, to] = best;
  const inside = hits.filter(([p]) => p >= from && p <= to);
  const firstPositions = keys.map((key) => inside.find(([, k]) => k === key)?.[0] ?? -1);
  const inLabelOrder = firstPositions.every((p, i) => i === 0 || p >= (firstPositions[i - 1] ?? -1));
  return { span: to - from + 1, positions: [...new Set(inside.map(([p]) => p))], inLabelOrder };
}
