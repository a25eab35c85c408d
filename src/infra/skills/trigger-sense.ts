import type { LanguageFile } from './resource-files.js';
import { foldWord, type Token } from './tokenizer.js';

const SENTENCE_END = new Set(['.', '!', '?', '…', '\n']);
/** French nouns of action: « stérilisation », « nettoyage », « classement », « soudure ». */
const ACTION_NOUN = /(?:ages?|tions?|sions?|ments?|ures?)$/u;

/**
 * Sense constraints of a one-word activity trigger (« tronçonneuse », "chainsaw"): the word names the person's own
 * activity only where the sentence says they do it — a first-person subject, or a list of their tasks after a colon,
 * or a sentence with no subject at all (« Vidanges, freins, pneus. ») — and not where it names a department
 * (« le service compta »), a product someone sells or orders (« je vends des tronçonneuses »), or someone else's
 * task (« c'est le vétérinaire qui s'en charge », "that's for the nurses", "someone else draws the plans"), nor where
 * it only dates or frames what is said (« pendant les concerts », "during events"), nor where it is the complement of
 * a noun naming a property or a mishap of it (« sans retard de livraison », "no delivery delays").
 */
export class TriggerSense {
  private readonly firstPerson: ReadonlySet<string>;
  private readonly otherPerson: ReadonlySet<string>;
  private readonly departments: ReadonlySet<string>;
  private readonly linkWords: ReadonlySet<string>;
  private readonly productVerbs: ReadonlySet<string>;
  private readonly circumstantial: ReadonlySet<string>;
  private readonly attributes: ReadonlySet<string>;
  private readonly supportNouns: ReadonlySet<string>;
  /** Cardinal numbers: « une équipe de quatre serveurs » counts people. */
  private readonly numbers: ReadonlySet<string>;
  private readonly coordinators: ReadonlySet<string>;

  constructor(sense: LanguageFile['sense']) {
    this.firstPerson = new Set(sense.firstPerson);
    this.otherPerson = folded(sense.otherPerson);
    this.departments = folded(sense.departments);
    this.linkWords = folded(sense.linkWords);
    this.productVerbs = folded(sense.productVerbs);
    this.circumstantial = folded(sense.circumstantial);
    this.attributes = folded(sense.attributes);
    this.supportNouns = folded(sense.supportNouns);
    this.numbers = folded(sense.numbers);
    this.coordinators = folded(sense.coordinators);
  }

  /** Whether the word at `at` names something the person does. */
  namesOwnActivity(tokens: readonly Token[], at: number): boolean {
    const [start, end] = sentenceAround(tokens, at);
    const before = tokens.slice(start, at);
    if (before.some((t) => this.productVerbs.has(t.folded))) return false;
    if (this.afterDepartment(before) || this.inCircumstance(before) || this.qualifiesAttribute(tokens, at, before) || this.objectOfAction(before)) return false;
    const sentence = tokens.slice(start, end).filter((t) => t.isWord);
    const mine = sentence.some((_, i) => this.isMe(sentence, i));
    const theirs = sentence.some((t) => this.otherPerson.has(t.folded));
    if (mine) return !theirs || this.firstBefore(sentence, tokens[at]);
    if (theirs) return false;
    return true;
  }

  /** « démontage des meubles »: the word at `at` is only the object of an activity named just before it. */
  isObjectOfAction(tokens: readonly Token[], at: number): boolean {
    const [start] = sentenceAround(tokens, at);
    return this.objectOfAction(tokens.slice(start, at));
  }

  /**
   * « le service compta », « service de la comptabilité », "the sales department" (the noun after is caught by the
   * next check), « une équipe de quatre serveurs », "a team of 4 waiters" (the members counted).
   */
  private afterDepartment(before: readonly Token[]): boolean {
    let i = before.length - 1;
    while (i >= 0 && before[i]?.isWord === true && (this.linkWords.has(before[i]?.folded ?? '') || this.isNumber(before[i]))) i--;
    return before[i]?.isWord === true && this.departments.has(before[i]?.folded ?? '');
  }

  private isNumber(token: Token | undefined): boolean {
    return token !== undefined && (/^\d+$/u.test(token.folded) || this.numbers.has(token.folded));
  }

  /** « pendant les concerts », « lors du salon », "during events": a time frame, not a task. */
  private inCircumstance(before: readonly Token[]): boolean {
    let i = before.length - 1;
    while (i >= 0 && before[i]?.isWord === true && this.linkWords.has(before[i]?.folded ?? '')) i--;
    return before[i]?.isWord === true && this.circumstantial.has(before[i]?.folded ?? '');
  }

  /** « retard de livraison », "delivery delays": the word only says what a delay, a cost or an error is about. */
  private qualifiesAttribute(tokens: readonly Token[], at: number, before: readonly Token[]): boolean {
    let i = before.length - 1;
    while (i >= 0 && before[i]?.isWord === true && this.linkWords.has(before[i]?.folded ?? '')) i--;
    const after = tokens[at + 1];
    return (i < before.length - 1 && this.attributes.has(before[i]?.folded ?? '')) || (after?.isWord === true && this.attributes.has(after.folded));
  }

  /**
   * « stérilisation des instruments », « report des plans », "hedge trimming": the word is the object of another
   * activity, named by an action noun (« -age », « -tion », « -ment », « -ure »), not an activity itself, and so is
   * the next item coordinated with that object (« nettoyage des quais et des toilettes »). Nouns that
   * only say one does the thing (« gestion », « suivi », « tenue ») are support nouns: « gestion des stocks » is stock keeping.
   */
  private objectOfAction(before: readonly Token[]): boolean {
    let i = this.beforeLinks(before, before.length - 1);
    let linked = i < before.length - 1;
    if (linked && this.coordinators.has(before[i]?.folded ?? '') && before[i - 1]?.isWord === true) {
      const j = this.beforeLinks(before, i - 2);
      linked = j < i - 2;
      i = j;
    }
    const noun = before[i];
    return linked && noun?.isWord === true && ACTION_NOUN.test(noun.lower) && !this.supportNouns.has(noun.folded);
  }

  /** Where the link words that end at i start: « nettoyage [des] quais ». */
  private beforeLinks(before: readonly Token[], i: number): number {
    let at = i;
    while (at >= 0 && before[at]?.isWord === true && this.linkWords.has(before[at]?.folded ?? '')) at--;
    return at;
  }

  /** A first-person word, unless it is a possessive before someone else (« ma collègue », « mon chef »). */
  private isMe(words: readonly Token[], i: number): boolean {
    return this.firstPerson.has(words[i]?.folded ?? '') && !this.otherPerson.has(words[i + 1]?.folded ?? '');
  }

  /**
   * In « j'installe ce qu'il demande », the first person comes first and is the one acting; in « c'est ma collègue qui
   * fait la paie », someone else.
   */
  private firstBefore(sentence: readonly Token[], word: Token | undefined): boolean {
    const beforeWord = sentence.filter((t) => word !== undefined && t.start < word.start);
    const lastMine = beforeWord.findLastIndex((_, i) => this.isMe(beforeWord, i));
    const lastTheirs = beforeWord.findLastIndex((t) => this.otherPerson.has(t.folded));
    // Said before anyone (« Pour les perfusions difficiles, les collègues viennent me chercher »): a topic of mine.
    return lastMine > lastTheirs || lastTheirs === -1;
  }
}

/** Word lists compared with tokens' folded forms: « équipe » meets « equipe ». */
function folded(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map((word) => foldWord(word.toLowerCase())));
}

function sentenceAround(tokens: readonly Token[], at: number): [number, number] {
  let start = at;
  while (start > 0 && !SENTENCE_END.has(tokens[start - 1]?.text ?? '')) start--;
  let end = at;
  while (end < tokens.length && !SENTENCE_END.has(tokens[end]?.text ?? '')) end++;
  return [start, end];
}
