import type { LanguageFile } from './resource-files.js';
import type { Token } from './tokenizer.js';

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

  constructor(sense: LanguageFile['sense']) {
    this.firstPerson = new Set(sense.firstPerson);
    this.otherPerson = new Set(sense.otherPerson);
    this.departments = new Set(sense.departments);
    this.linkWords = new Set(sense.linkWords);
    this.productVerbs = new Set(sense.productVerbs);
    this.circumstantial = new Set(sense.circumstantial);
    this.attributes = new Set(sense.attributes);
    this.supportNouns = new Set(sense.supportNouns);
  }

  /** Whether the word at `at` names something the person does. */
  namesOwnActivity(tokens: readonly Token[], at: number): boolean {
    const [start, end] = sentenceAround(tokens, at);
    const before = tokens.slice(start, at);
    if (before.some((t) => this.productVerbs.has(t.folded))) return false;
    if (this.afterDepartment(before) || this.inCircumstance(before) || this.qualifiesAttribute(tokens, at, before) || this.objectOfAction(before)) return false;
    const sentence = tokens.slice(start, end).filter((t) => t.isWord);
    const mine = sentence.some((t) => this.firstPerson.has(t.folded));
    const theirs = sentence.some((t) => this.otherPerson.has(t.folded));
    if (mine) return !theirs || this.firstBefore(sentence, tokens[at]);
    if (theirs) return false;
    return true;
  }

  /** « le service compta », « service de la comptabilité », "the sales department" (the noun after is caught by the next check). */
  private afterDepartment(before: readonly Token[]): boolean {
    let i = before.length - 1;
    while (i >= 0 && before[i]?.isWord === true && this.linkWords.has(before[i]?.folded ?? '')) i--;
    return before[i]?.isWord === true && this.departments.has(before[i]?.folded ?? '');
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
   * activity, named by an action noun (« -age », « -tion », « -ment », « -ure »), not an activity itself. Nouns that
   * only say one does the thing (« gestion », « suivi », « tenue ») are support nouns: « gestion des stocks » is stock keeping.
   */
  private objectOfAction(before: readonly Token[]): boolean {
    let i = before.length - 1;
    let linked = false;
    while (i >= 0 && before[i]?.isWord === true && this.linkWords.has(before[i]?.folded ?? '')) {
      i--;
      linked = true;
    }
    const noun = before[i];
    return linked && noun?.isWord === true && ACTION_NOUN.test(noun.lower) && !this.supportNouns.has(noun.folded);
  }

  /** In « j'installe ce qu'il demande », the first person comes first and is the one acting. */
  private firstBefore(sentence: readonly Token[], word: Token | undefined): boolean {
    const beforeWord = sentence.filter((t) => word !== undefined && t.start < word.start);
    const lastMine = beforeWord.findLastIndex((t) => this.firstPerson.has(t.folded));
    const lastTheirs = beforeWord.findLastIndex((t) => this.otherPerson.has(t.folded));
    return lastMine > lastTheirs;
  }
}

function sentenceAround(tokens: readonly Token[], at: number): [number, number] {
  let start = at;
  while (start > 0 && !SENTENCE_END.has(tokens[start - 1]?.text ?? '')) start--;
  let end = at;
  while (end < tokens.length && !SENTENCE_END.has(tokens[end]?.text ?? '')) end++;
  return [start, end];
}
