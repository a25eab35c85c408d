import type { Locale } from '../../core/locale.js';
import type { AnswerKeyer } from './answer-keyer.js';
import type { LanguageFile, TriggerEntry } from './resource-files.js';
import { foldedWords } from './phrase-search.js';
import { foldWord, tokenize } from './tokenizer.js';
import { wordsAgree } from './word-agreement.js';

/** A word of the answer as the trigger matcher sees it. */
export interface TriggerWord {
  readonly token: number;
  /** Lower case, accents kept. */
  readonly lower: string;
  readonly folded: string;
  readonly keys: readonly string[];
}

/** A lexicon entry and the score its triggers give. */
export interface ScoredTrigger {
  readonly entry: TriggerEntry;
  readonly score: number;
  /** A one-word phrase of this trigger counts only where it names the person's own activity (trigger-sense.ts). */
  readonly senseChecked?: boolean;
}

export interface TriggerCandidate {
  readonly trigger: ScoredTrigger;
  readonly tokens: readonly number[];
}

/**
 * A phrase element: a content word's stems (several for "sang-froid") with the word as written, or a small word
 * that must be there as written.
 */
type Element = { readonly keys: readonly string[]; readonly lower: string } | { readonly word: string };

interface Phrase {
  readonly trigger: ScoredTrigger;
  readonly elements: readonly Element[];
}

/** An adjective or a job noun, as written (one or more words), and whether the word before it allows it. */
interface Named {
  readonly trigger: ScoredTrigger;
  readonly words: readonly string[];
  /** The words as written, accents kept: « posé » is not « pose » for someone who types accents. */
  readonly written: readonly string[];
  readonly allowedAfter: (previous: string | undefined) => boolean;
}

const MAX_SKIPPED = 3;
/** Subjects and infinitive markers after which an English word is a verb. */
const VERB_SUBJECTS = new Set(['i', 'we', 'to', 'also', 'usually', 'often', 'always', 'mostly', 'mainly', 'regularly']);
/** A French infinitive of the first or second group (« livrer », « saisir »), not a noun in -ier (« métier »). */
const FRENCH_INFINITIVE = /(?<!i)er$|ir$/u;
/** A past participle that agrees with a noun (« visites programmées »): it qualifies that noun. */
const AGREED_PARTICIPLE = /(?:ée|és|ées)$/u;
/** Forms of « avoir » and « être », and clitics, after which an agreed participle is still a verb (« je les ai programmées »). */
const AUXILIARIES = ['ai', 'as', 'a', 'avons', 'avez', 'ont', 'avais', 'avait', 'avions', 'eu', 'suis', 'es', 'est', 'sommes', 'êtes', 'sont', 'étais', 'était', 'été', 'me', 'se', 'les', 'l', 'en', 'y'];

/**
 * Lexicon triggers (data/skills/soft-skills.json, activities.json): adjectives ("rigoureuse") and job nouns
 * ("caissière") as written, where they describe the person; phrases ("esprit d'équipe", "ne lâche jamais",
 * "mise en rayon") word by word, content words on their stems, articles and prepositions optional.
 */
export class TriggerMatcher {
  private readonly namedByFirst = new Map<string, Named[]>();
  private readonly phrasesByFirst = new Map<string, Phrase[]>();
  private readonly optional: ReadonlySet<string>;
  private readonly articles: ReadonlySet<string>;
  private readonly auxiliaries: ReadonlySet<string>;

  constructor(
    triggers: readonly ScoredTrigger[],
    private readonly locale: Locale,
    language: LanguageFile,
    keyer: AnswerKeyer,
  ) {
    const fold = (words: readonly string[]): Set<string> => new Set(words.map((w) => foldWord(w.toLowerCase())));
    this.optional = fold(language.optionalWords);
    this.articles = fold(language.sense.linkWords);
    this.auxiliaries = fold(AUXILIARIES);
    const introducers = fold(language.adjectiveIntroducers);
    const blockers = fold(language.jobNounBlockers);
    // An adjective describes the person at the start of a clause or after "je suis", "très", "and"…;
    // a job noun names the person unless an article or possessive makes it someone else ("l'infirmière").
    const afterIntroducer = (previous: string | undefined): boolean => previous === undefined || introducers.has(previous);
    const notAfterBlocker = (previous: string | undefined): boolean => previous === undefined || !blockers.has(previous);
    for (const trigger of triggers) {
      const { adjectives, jobs } = trigger.entry[locale];
      for (const text of adjectives) this.addNamed({ trigger, words: foldedWords(text), written: writtenWords(text), allowedAfter: afterIntroducer });
      for (const text of jobs) this.addNamed({ trigger, words: foldedWords(text), written: writtenWords(text), allowedAfter: notAfterBlocker });
      for (const text of trigger.entry[locale].phrases) {
        const elements = this.elementsOf(text, keyer);
        const first = elements[0];
        if (first) push(this.phrasesByFirst, elementId(first), { trigger, elements });
      }
    }
  }

  /** `words` are the words of one clause segment, in order. */
  match(words: readonly TriggerWord[]): TriggerCandidate[] {
    const found: TriggerCandidate[] = [];
    const typesAccents = words.some((w) => w.lower !== w.folded);
    words.forEach((word, position) => {
      for (const named of this.namedByFirst.get(word.folded) ?? []) {
        const said = named.words.every((w, i) => words[position + i]?.folded === w && (!typesAccents || !dropsAccent(words[position + i]?.lower, named.written[i])));
        if (said && named.allowedAfter(words[position - 1]?.folded)) {
          found.push({ trigger: named.trigger, tokens: words.slice(position, position + named.words.length).map((w) => w.token) });
        }
      }
      this.matchPhrases(word.folded, words, position, found);
      for (const key of word.keys) if (key !== word.folded) this.matchPhrases(key, words, position, found);
    });
    return found;
  }

  private matchPhrases(first: string, words: readonly TriggerWord[], position: number, found: TriggerCandidate[]): void {
    for (const phrase of this.phrasesByFirst.get(first) ?? []) {
      const matched = phrase.elements.length === 1 ? this.matchOneWord(phrase.elements[0], words, position) : matchFrom(phrase.elements, words, position);
      if (matched) found.push({ trigger: phrase.trigger, tokens: matched.map((p) => words[p]?.token ?? -1) });
    }
  }

  private addNamed(named: Named): void {
    const first = named.words[0];
    if (first !== undefined) push(this.namedByFirst, first, named);
  }

  /**
   * A one-word phrase must be said as such, inflections aside: "surveillance" is not said by "je surveille",
   * nor "devis" by "devais", though Porter gives them one stem; and a French verb is not said by its homograph noun
   * after an article (« livrer » is not « des livres ») nor by a participle that qualifies a noun (« visites
   * programmées »).
   */
  private matchOneWord(element: Element | undefined, words: readonly TriggerWord[], position: number): number[] | undefined {
    const word = words[position];
    if (!element || !word || !matches(element, word)) return undefined;
    if (!('lower' in element)) return [position];
    if (!wordsAgree(word.lower, element.lower, this.locale) && !this.saidAsVerb(word, element.lower, words[position - 1]?.folded)) return undefined;
    if (this.locale !== 'fr' || !FRENCH_INFINITIVE.test(element.lower) || word.lower === element.lower) return [position];
    const previous = words[position - 1]?.folded ?? '';
    const nounAfterArticle = this.articles.has(previous);
    const adjectivalParticiple = AGREED_PARTICIPLE.test(word.lower) && previous !== '' && !this.auxiliaries.has(previous);
    return nounAfterArticle || adjectivalParticiple ? undefined : [position];
  }

  /** "I deliver", "we wash": an English verb right after its subject says the activity its -ing form names ("delivering"). */
  private saidAsVerb(word: TriggerWord, gerund: string, previous: string | undefined): boolean {
    if (this.locale !== 'en' || previous === undefined || !VERB_SUBJECTS.has(previous) || !gerund.endsWith('ing')) return false;
    const stem = gerund.slice(0, -3);
    return [stem, `${stem}e`, stem.replace(/([b-df-hj-np-tv-z])\1$/u, '$1')].some((verb) => verb.length >= 3 && (word.lower === verb || word.lower === `${verb}s`));
  }

  private elementsOf(phrase: string, keyer: AnswerKeyer): Element[] {
    const words = tokenize(phrase).filter((token) => token.isWord);
    for (const token of words) keyer.markKnown(token);
    return words.flatMap((token): Element[] => {
      const keys = keyer.keysOf(token);
      if (keys.length > 0) return [{ keys, lower: token.lower }];
      const word = token.folded;
      return this.optional.has(word) ? [] : [{ word }];
    });
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

const writtenWords = (text: string): string[] => tokenize(text).filter((t) => t.isWord).map((t) => t.lower);

/** Whether the answer word lacks an accent the lexicon word has (« pose » for « posé »). */
const dropsAccent = (answer: string | undefined, written: string | undefined): boolean =>
  answer !== undefined && written !== undefined && answer !== written && answer === foldWord(answer) && written !== foldWord(written);

const elementId = (element: Element): string => ('keys' in element ? (element.keys[0] ?? '') : element.word);

function matches(element: Element, word: TriggerWord | undefined): boolean {
  if (!word) return false;
  return 'keys' in element ? element.keys.every((key) => word.keys.includes(key)) : word.folded === element.word;
}

/** Positions of the words matching the elements in order from `start`; only key-less words may be skipped. */
function matchFrom(elements: readonly Element[], words: readonly TriggerWord[], start: number): number[] | undefined {
  if (!elements[0] || !matches(elements[0], words[start])) return undefined;
  const positions = [start];
  let cursor = start + 1;
  for (const element of elements.slice(1)) {
    let skipped = 0;
    while (!matches(element, words[cursor]) && words[cursor]?.keys.length === 0 && skipped < MAX_SKIPPED) {
      cursor++;
      skipped++;
    }
    if (!matches(element, words[cursor])) return undefined;
    positions.push(cursor++);
  }
  return positions;
}
