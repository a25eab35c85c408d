import type { Locale } from '../locale.js';
import { tokenize, wordKey } from './title-keys.js';

/** What a wish may say about the work rather than the job: a public, a setting, an activity, a working condition. */
export interface WishConcept {
  readonly id: string;
  /** Words and phrases that name it, per language. */
  readonly triggers: Readonly<Record<Locale, readonly string[]>>;
  /** False when the words say how the person wants to work, not what about: they are not compared with fiche texts. */
  readonly words: boolean;
  /** ROME work-context ids a fiche carries when the concept applies to it. */
  readonly contexts: readonly string[];
  /** The fiche's RIASEC letter when the concept is a broad kind of activity. */
  readonly riasec?: string;
  /** Kinds of ROME savoirs (sous-catégories, by index) the fiche's knowledge is about when the concept applies. */
  readonly knowledge?: readonly number[];
}

export interface ConceptReading {
  /** Fiche code → how much the concepts of the wishes apply to it, the best one 1. */
  readonly favoured: ReadonlyMap<string, number>;
  /** Fiches carrying a working condition the person wants less of. */
  readonly disfavoured: ReadonlySet<string>;
  /** The answers without the words read only as concepts. */
  readonly targets: string;
  readonly moreOf: string;
  readonly lessOf: string;
}

/** A fiche as concepts read it. */
export interface ConceptFiche {
  readonly code: string;
  readonly contexts?: readonly string[];
  readonly riasec?: string;
  /** [kind of savoir, how many of the fiche's savoirs are of that kind]. */
  readonly knowledge?: readonly (readonly [number, number])[];
}

/** A trigger written in capitals (« IT ») matches only a word written in capitals: "it" is a pronoun. */
const capitalKey = (key: string): string => `^${key}`;

/** A fiche whose RIASEC letter is the concept's counts this much (a work context says more). */
const RIASEC_ANCHOR = 0.5;
/** A fiche with this share of its savoirs of the concept's kinds counts fully (less, in proportion). */
const KNOWLEDGE_SHARE = 0.25;

/**
 * Concepts found in a wish and the fiches they point to, through the taxonomy (work contexts, RIASEC): « avec des
 * animaux » favours the fiches whose work context is « Travail avec des animaux », whatever their titles say.
 */
export class WishConcepts {
  /** Per language, first word key → the triggers starting with it. */
  private readonly triggers: Record<Locale, Map<string, { keys: string[]; concept: WishConcept }[]>>;
  private readonly fichesByContext = new Map<string, Set<string>>();
  private readonly fichesByLetter = new Map<string, Set<string>>();
  /** Kind of savoir → fiche code → share of the fiche's savoirs of that kind. */
  private readonly shares = new Map<number, Map<string, number>>();
  private readonly cache = new Map<string, Map<string, number>>();

  constructor(
    private readonly concepts: readonly WishConcept[],
    fiches: readonly ConceptFiche[],
  ) {
    this.triggers = { fr: this.keyed('fr'), en: this.keyed('en') };
    for (const fiche of fiches) {
      for (const context of fiche.contexts ?? []) this.add(this.fichesByContext, context, fiche.code);
      if (fiche.riasec) this.add(this.fichesByLetter, fiche.riasec, fiche.code);
      const total = (fiche.knowledge ?? []).reduce((sum, [, count]) => sum + count, 0);
      for (const [kind, count] of fiche.knowledge ?? []) {
        const byFiche = this.shares.get(kind) ?? new Map<string, number>();
        byFiche.set(fiche.code, count / total);
        this.shares.set(kind, byFiche);
      }
    }
  }

  /**
   * The concepts `text` names, and the text without the words that named those whose words are not about the job
   * (« autonome », "outdoors"), for comparison with fiche texts.
   */
  find(text: string, locale: Locale): { concepts: WishConcept[]; rest: string } {
    const tokens = tokenize(text, locale);
    const keys = tokens.map((t) => t.key);
    const capitals = tokens.map((t) => (t.upper ? capitalKey(t.key) : ''));
    const found = new Set<WishConcept>();
    const blanked = new Set<number>();
    keys.forEach((first, i) => {
      for (const { keys: trigger, concept } of [...(this.triggers[locale].get(first) ?? []), ...(this.triggers[locale].get(capitals[i] ?? '') ?? [])]) {
        if (!trigger.every((k, j) => keys[i + j] === k || capitals[i + j] === k)) continue;
        found.add(concept);
        if (!concept.words) for (let j = i; j < i + trigger.length; j++) blanked.add(j);
      }
    });
    let rest = text;
    for (const i of [...blanked].sort((a, b) => b - a)) {
      const token = tokens[i];
      if (token) rest = `${rest.slice(0, token.start)}${' '.repeat(token.end - token.start)}${rest.slice(token.end)}`;
    }
    return { concepts: this.concepts.filter((c) => found.has(c)), rest };
  }

  /**
   * What the wishes and what the person wants less of say through concepts: the fiches favoured (scaled to the best,
   * the targets' concepts counting twice those of more-of), those weighed down (a context of a concept only in
   * less-of), and the texts left for word comparison.
   */
  read(targets: string, moreOf: string, lessOf: string, locale: Locale): ConceptReading {
    const t = this.find(targets, locale);
    const m = this.find(moreOf, locale);
    const l = this.find(lessOf, locale);
    const favoured = new Map<string, number>();
    for (const [code, value] of this.score(t.concepts)) favoured.set(code, value);
    for (const [code, value] of this.score(m.concepts.filter((c) => !t.concepts.includes(c)))) favoured.set(code, (favoured.get(code) ?? 0) + value / 2);
    const best = Math.max(0, ...favoured.values());
    const wanted = new Set([...t.concepts, ...m.concepts]);
    const disfavoured = new Set(this.score(l.concepts.filter((c) => !wanted.has(c)), false).keys());
    return {
      favoured: new Map([...favoured].map(([code, value]) => [code, value / best])),
      disfavoured,
      targets: t.rest,
      moreOf: m.rest,
      lessOf: l.rest,
    };
  }

  /**
   * Fiche code → how many of the concepts apply to it (a work context fully; a RIASEC letter half, a kind of savoir in
   * proportion to its share of the fiche's savoirs, the other half when the concept has a letter too), for the fiches
   * they apply to.
   */
  score(concepts: readonly WishConcept[], withLetters = true): Map<string, number> {
    const scores = new Map<string, number>();
    for (const concept of concepts) for (const [code, weight] of this.weights(concept, withLetters)) scores.set(code, (scores.get(code) ?? 0) + weight);
    return scores;
  }

  /** Fiche code → how much the concept applies to it (computed once per concept and use of letters). */
  private weights(concept: WishConcept, withLetters: boolean): ReadonlyMap<string, number> {
    const key = `${concept.id}|${String(withLetters)}`;
    let weights = this.cache.get(key);
    if (!weights) {
      weights = new Map<string, number>();
      if (withLetters && concept.riasec) for (const code of this.fichesByLetter.get(concept.riasec) ?? []) weights.set(code, RIASEC_ANCHOR);
      // With a letter too, the kind of savoir weighs the other half: both signs of the activity make a full match.
      const part = withLetters && concept.riasec ? 1 - RIASEC_ANCHOR : 1;
      for (const [code, share] of this.knowledgeShares(concept)) weights.set(code, (weights.get(code) ?? 0) + part * Math.min(1, share / KNOWLEDGE_SHARE));
      for (const context of concept.contexts) for (const code of this.fichesByContext.get(context) ?? []) weights.set(code, 1);
      this.cache.set(key, weights);
    }
    return weights;
  }

  /** Fiche code → share of its savoirs of the concept's kinds. */
  private knowledgeShares(concept: WishConcept): Map<string, number> {
    const out = new Map<string, number>();
    for (const kind of concept.knowledge ?? []) for (const [code, share] of this.shares.get(kind) ?? []) out.set(code, (out.get(code) ?? 0) + share);
    return out;
  }

  private keyed(locale: Locale): Map<string, { keys: string[]; concept: WishConcept }[]> {
    const byFirst = new Map<string, { keys: string[]; concept: WishConcept }[]>();
    for (const concept of this.concepts) {
      for (const trigger of concept.triggers[locale]) {
        const keys = tokenize(trigger, locale).map((t) => (t.upper ? capitalKey(t.key) : wordKey(t.word, locale)));
        if (keys[0] === undefined) continue;
        const list = byFirst.get(keys[0]) ?? [];
        list.push({ keys, concept });
        byFirst.set(keys[0], list);
      }
    }
    return byFirst;
  }

  private add(map: Map<string, Set<string>>, key: string, code: string): void {
    const set = map.get(key) ?? new Set<string>();
    set.add(code);
    map.set(key, set);
  }
}
