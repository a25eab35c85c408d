import type { Locale } from '../../core/locale.js';
import type { AnswerKeyer } from './answer-keyer.js';
import type { LabelIndex } from './label-index.js';
import type { EntryFacts } from './label-matcher.js';
import type { StemCanon } from './stem-canon.js';
import type { Taxonomy } from './taxonomy.js';
import { tokenize } from './tokenizer.js';
import { namesLabelWord } from './word-agreement.js';

interface LabelWord {
  readonly lower: string;
  readonly keyIds: readonly number[];
  /** A capitalised word of a lower-case ESCO label ("Canvas (learning management systems)"), or inside a ROME label: a name. */
  readonly name: boolean;
  readonly acronym: boolean;
}

const ACRONYM = /^\p{Lu}{2,}$/u;

/** Taxonomy facts for the label matcher of one language; label words are keyed on first use. */
export class TaxonomyEntryFacts implements EntryFacts {
  private readonly labelWords = new Map<number, readonly LabelWord[]>();

  constructor(
    private readonly taxonomy: Taxonomy,
    private readonly locale: Locale,
    private readonly keyer: AnswerKeyer,
    private readonly index: LabelIndex,
    private readonly canon: StemCanon,
  ) {}

  reportedAsRome(entry: number): boolean {
    return this.taxonomy.isRome(entry) || this.taxonomy.romeRow(entry) !== undefined;
  }

  inLabelOrder(entry: number): boolean {
    return this.taxonomy.kind(entry) === 'savoir';
  }

  agrees(entry: number, keyId: number, answerWord: string): boolean {
    if (this.canon.isFamily(this.index.keyName(keyId))) return true;
    return this.wordsOf(entry).some((word) => word.keyIds.includes(keyId) && (word.name ? word.lower === answerWord : namesLabelWord(answerWord, word.lower, this.locale)));
  }

  namedAs(entry: number, keyId: number, answerWord: string): boolean {
    return this.wordsOf(entry).some((word) => word.keyIds.includes(keyId) && word.lower === answerWord);
  }

  isAcronym(entry: number, keyId: number): boolean {
    return this.wordsOf(entry).some((word) => word.acronym && word.keyIds.includes(keyId));
  }

  private wordsOf(entry: number): readonly LabelWord[] {
    let words = this.labelWords.get(entry);
    if (!words) {
      const rome = this.taxonomy.isRome(entry);
      words = tokenize(this.taxonomy.label(entry, this.locale))
        .filter((token) => token.isWord)
        .map((token, i) => ({
          lower: token.lower,
          keyIds: this.keyer.keysOf(token).flatMap((key) => this.index.keyId(key) ?? []),
          name: (!rome || i > 0) && /^\p{Lu}/u.test(token.text),
          acronym: ACRONYM.test(token.text),
        }));
      this.labelWords.set(entry, words);
    }
    return words;
  }
}
