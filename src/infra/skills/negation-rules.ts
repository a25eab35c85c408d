import type { NegationFile } from './resource-files.js';
import { foldedWords, PhraseSet } from './phrase-search.js';

interface Delegation {
  readonly subjects: ReadonlySet<string>;
  readonly clitics: ReadonlySet<string>;
  readonly verbs: ReadonlySet<string>;
  readonly recipients: ReadonlySet<string>;
  readonly infinitives: ReadonlySet<string>;
}

const fold = (words: readonly string[]): Set<string> => new Set(words.flatMap(foldedWords));

/** The negation lexicon of one language, folded once for fast lookups. */
export class NegationRules {
  readonly clauseBreaks: PhraseSet;
  readonly subjects: ReadonlySet<string>;
  readonly cues: ReadonlySet<string>;
  readonly cuesAfterNe: ReadonlySet<string>;
  /** "sans" / "without" only negate before a word of lack: "sans expérience", not "sans problème". */
  readonly lackIntroductions: ReadonlyMap<string, ReadonlySet<string>>;
  /** « je laisse la compta à mon associé », "I leave the bookkeeping to my accountant": someone else does it. */
  readonly delegation: Delegation | undefined;
  readonly difficulty: PhraseSet;
  readonly notNegation: PhraseSet;
  readonly wishes: PhraseSet;
  readonly anaphors: ReadonlySet<string>;
  readonly continuations: ReadonlySet<string>;
  /** Object clitics that point back to a dislocated topic after « ne »: « les radios, je ne les fais pas ». */
  readonly resumptiveClitics: ReadonlySet<string>;
  /** Words a comment may open on without saying anything about the topic: « franchement », "honestly", "though". */
  readonly discourseMarkers: PhraseSet;
  /** Verbs that link a topic to a predicate: "Subtitling, though, is not my strong suit". */
  readonly copulas: ReadonlySet<string>;
  /** Determiners that may open a topic although they are listed as subjects: « mon italien : … ». */
  readonly topicDeterminers: ReadonlySet<string>;
  /** Words that join list items inside a topic: « la gestion locative et les états des lieux ». */
  readonly coordinators: ReadonlySet<string>;
  /** Connectives that open the conclusion of a comment (« je le comprends mais incapable… », « alors j'évite »). */
  readonly conclusives: ReadonlySet<string>;
  /** Verbs of trying: « j'ai essayé X mais je n'ai pas accroché », "I tried X but never got anywhere". */
  readonly attempts: ReadonlySet<string>;

  constructor(file: NegationFile) {
    this.clauseBreaks = new PhraseSet(file.clauseBreaks);
    this.subjects = fold(file.subjects);
    this.cues = fold(file.cues);
    this.cuesAfterNe = fold(file.cuesAfterNe);
    const lackNouns = fold([...file.lackAfterSans, ...(file.lackAfterWithout ?? [])]);
    this.lackIntroductions = new Map([
      ['sans', fold(file.lackAfterSans)],
      ['without', fold(file.lackAfterWithout ?? [])],
      ...[...fold(file.lackIntroductions)].map((word): [string, ReadonlySet<string>] => [word, lackNouns]),
    ]);
    const { delegation } = file;
    this.delegation = delegation && {
      subjects: fold(delegation.subjects),
      clitics: fold(delegation.clitics),
      verbs: fold(delegation.verbs),
      recipients: fold(delegation.recipients),
      infinitives: fold(delegation.infinitives),
    };
    this.difficulty = new PhraseSet(file.difficulty);
    this.notNegation = new PhraseSet(file.notNegation);
    this.wishes = new PhraseSet(file.wishes);
    this.anaphors = fold(file.anaphors);
    this.continuations = fold(file.continuations);
    this.resumptiveClitics = fold(file.resumptiveClitics);
    this.discourseMarkers = new PhraseSet(file.discourseMarkers);
    this.copulas = fold(file.copulas);
    this.topicDeterminers = fold(file.topicDeterminers);
    this.coordinators = fold(file.coordinators);
    this.conclusives = fold(file.conclusives);
    this.attempts = fold(file.attempts);
  }

  /**
   * Where [start, end) says the person has someone else do something: a first-person subject, object clitics, a
   * verb of delegating, then a recipient (« je la confie à », "I leave the rota to") or an infinitive (« je laisse
   * faire mon collègue »). -1 when it does not.
   */
  delegationAt(folded: readonly string[], start: number, end: number): number {
    const rules = this.delegation;
    if (!rules) return -1;
    for (let i = start; i < end - 1; i++) {
      if (!rules.subjects.has(folded[i] ?? '')) continue;
      let verb = i + 1;
      while (verb < end && rules.clitics.has(folded[verb] ?? '')) verb++;
      if (!rules.verbs.has(folded[verb] ?? '')) continue;
      if (rules.infinitives.has(folded[verb + 1] ?? '')) return i;
      for (let j = verb + 1; j < end; j++) if (rules.recipients.has(folded[j] ?? '')) return i;
    }
    return -1;
  }

  /** Whether the word can start a negation, lack, difficulty or wish: sentences without one are left positive. */
  mayOpenCue(folded: string): boolean {
    return (
      this.isNegationWord(folded) ||
      this.lackIntroductions.has(folded) ||
      (this.delegation?.verbs.has(folded) ?? false) ||
      this.difficulty.startsWith(folded) ||
      this.wishes.startsWith(folded)
    );
  }

  /** Words that carry negation in a phrase: they must be present for a soft-skill phrase like "ne lâche jamais". */
  isNegationWord(folded: string): boolean {
    return this.cues.has(folded) || this.cuesAfterNe.has(folded) || folded === 'ne' || folded === 'n' || folded.endsWith("n't");
  }
}
