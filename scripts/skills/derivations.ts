/**
 * Action nouns and the verbs they derive from, read in the taxonomy labels themselves. A noun ending in -age, -ment,
 * -ure, -tion (French; -ion, -ment, -al, -ance, -ure in English) is paired with the verb its suffix rule gives when
 * that verb is written as one in some activity label (it opens it, or follows a comma, « et », « ou », « pour »:
 * « Polir des pièces », « Aménager, entretenir ») and the stemmer does not already give both one key:
 * « polissage » ↔ « polir », « désherbage » ↔ « désherber ». English -ing forms are left to the Porter stemmer,
 * which already gives "trimming" the key of "trim".
 */
import type { Locale } from '../../src/core/locale.js';
import { tokenize } from '../../src/infra/skills/tokenizer.js';
import type { WordStemmer } from '../../src/infra/skills/word-keys.js';

/**
 * Noun ending → the verb endings it may come from, longest noun endings first. The French -age and -ment nouns are
 * action nouns of their verb almost always (« ponçage », « encadrement »); the other endings also make nouns of
 * another sense (« levure », « allure », "final"), so their pairs need an object shared with the verb.
 */
const PRODUCTIVE: Record<Locale, ReadonlySet<string>> = { fr: new Set(['issage', 'issement', 'iement', 'ement', 'eage', 'age']), en: new Set() };
const RULES: Record<Locale, readonly (readonly [string, readonly string[]])[]> = {
  fr: [
    ['issage', ['ir']],
    ['issement', ['ir']],
    ['iement', ['yer', 'ier']],
    ['ement', ['er']],
    ['eage', ['er']],
    ['age', ['er']],
    ['ure', ['er']],
    ['ation', ['er']],
    ['ition', ['ir']],
  ],
  en: [
    ['ation', ['ate', 'e', '']],
    ['ition', ['ish', 'e']],
    ['ion', ['e', '']],
    ['ment', ['']],
    ['ance', ['', 'e']],
    ['ence', ['', 'e']],
    ['al', ['e', '']],
    ['ure', ['e']],
  ],
};

/** Shorter stems than this are too often another word (« âge », « cage », "ring"). */
const MIN_STEM_LENGTH = 3;

export interface Derivation {
  readonly noun: string;
  readonly verb: string;
}

/** A taxonomy label and whether it names an activity (a skill opens on its verb; a savoir is a noun phrase). */
export interface DerivationLabel {
  readonly text: string;
  readonly activity: boolean;
}

export interface DerivationWords {
  readonly isStopword: (folded: string) => boolean;
  /** « Techniques », « opérations », "techniques": a noun after them and « de » names an activity (« Techniques de meulage »). */
  readonly isLightNoun: (folded: string) => boolean;
  /** « mener », "perform": a noun folded onto a light verb would name no activity (« ménage » is no « mener »). */
  readonly isLightVerb: (folded: string) => boolean;
  /**
   * Words whose key the language file sets (« équipement »), and verbs whose stem it had to split (« équiper », whose
   * stem is also « équipe »'s): no noun is folded onto or from them.
   */
  readonly isFixed: (folded: string) => boolean;
}

export interface LabelWords {
  /** Verbs that open activity labels → the content words of those labels. */
  readonly verbObjects: Map<string, Set<string>>;
  /** Every lower-case label word → the content words right after it (its complement: « ramonage des conduits »). */
  readonly complements: Map<string, Set<string>>;
  /** Nouns that head a label followed by their complement (« Ramonage de conduits », "removal of waste"). */
  readonly heads: Set<string>;
}

const OF: Record<Locale, RegExp> = { fr: /^(?:de|des|du|d')$/u, en: /^of$/u };
/** In a French activity label, an infinitive also follows these: « Aménager, entretenir », « (désherber, tondre) », « pour polir ». */
const LINKS = new Set([',', '(', 'et', 'ou', 'pour', 'a', '/']);
const FRENCH_VERB = /(?:er|ir|re)$/u;

export function labelWords(labels: readonly DerivationLabel[], locale: Locale, words: DerivationWords): LabelWords {
  const { isStopword, isLightNoun } = words;
  const verbObjects = new Map<string, Set<string>>();
  const complements = new Map<string, Set<string>>();
  const heads = new Set<string>();
  for (const label of labels) {
    const all = tokenize(label.text);
    const tokens = all.filter((token) => token.isWord);
    tokens.forEach((token, i) => {
      const link = tokens[i + 1];
      const next = tokens[i + 2];
      if (link !== undefined && next !== undefined && OF[locale].test(link.folded) && isLightNoun(token.folded)) heads.add(next.folded);
    });
    const content = tokens.filter((token) => !isStopword(token.folded));
    const first = tokens[0];
    const verbs = label.activity ? all.filter((token, i) => token.isWord && (token === first || (locale === 'fr' && LINKS.has(all[i - 1]?.folded ?? '')))) : [];
    for (const verb of verbs) {
      if (locale === 'fr' && !FRENCH_VERB.test(verb.folded)) continue;
      const objects = verbObjects.get(verb.folded) ?? new Set<string>();
      for (const token of content) if (token !== verb) objects.add(token.folded);
      verbObjects.set(verb.folded, objects);
    }
    content.forEach((token, i) => {
      const next = content[i + 1];
      if (token.text !== token.lower && i > 0) return;
      const after = complements.get(token.folded) ?? new Set<string>();
      if (next !== undefined) after.add(next.folded);
      complements.set(token.folded, after);
    });
  }
  return { verbObjects, complements, heads };
}

/**
 * Pairs whose noun and verb also share an object somewhere in the taxonomy (« Polissage des pièces » and « Polir des
 * pièces »; "removal of asbestos" and "remove asbestos"): a suffix that only looks like one (« visage », « ménage »)
 * has no such pair.
 */
export function derivations(labels: readonly DerivationLabel[], locale: Locale, stemmer: WordStemmer, words: DerivationWords): Derivation[] {
  const { verbObjects, complements, heads } = labelWords(labels, locale, words);
  const found: Derivation[] = [];
  for (const [noun, after] of [...complements].sort(([a], [b]) => a.localeCompare(b))) {
    if (verbObjects.has(noun)) continue;
    const verb = verbOf(noun, locale, verbObjects);
    if (verb === undefined || sameKey(noun, verb.verb, stemmer)) continue;
    const objects = verbObjects.get(verb.verb) ?? new Set<string>();
    if (words.isLightVerb(verb.verb) || words.isFixed(noun) || words.isFixed(verb.verb)) continue;
    const shared = [...after].some((word) => objects.has(word));
    if (PRODUCTIVE[locale].has(verb.ending) || shared || heads.has(noun)) found.push({ noun, verb: verb.verb });
  }
  return found;
}

function verbOf(noun: string, locale: Locale, verbs: ReadonlyMap<string, unknown>): { verb: string; ending: string } | undefined {
  for (const [ending, verbEndings] of RULES[locale]) {
    if (!noun.endsWith(ending)) continue;
    const stem = noun.slice(0, -ending.length);
    if (stem.length < MIN_STEM_LENGTH) return undefined;
    const stems = locale === 'en' && ending === 'ing' && /(.)\1$/u.test(stem) ? [stem, stem.slice(0, -1)] : [stem];
    for (const base of stems) for (const verbEnding of verbEndings) if (verbs.has(base + verbEnding)) return { verb: base + verbEnding, ending };
    return undefined;
  }
  return undefined;
}

function sameKey(noun: string, verb: string, stemmer: WordStemmer): boolean {
  const [a] = stemmer.keys(noun);
  const [b] = stemmer.keys(verb);
  return a === b;
}
