import { LOCALES, type Locale } from '../../core/locale.js';
import type { Token } from './tokenizer.js';

/** The other language must show at least this many marker words to be read instead of the session's. */
const MIN_MARKERS = 2;
const FRENCH_LETTERS = /[éèêëàâçùûîïôœ]/u;

/**
 * The language an answer is written in, between the bot's languages: an English answer in a French session is read
 * as English. Evidence is the function words only one of the languages has (its stop words minus the other's:
 * "the", "and", "I'm" / « je », « les », « pour ») and, for French, accented words. The session's language is kept
 * unless the other one has at least MIN_MARKERS markers and more than twice as many: a French answer that names
 * English tools (« je fais du reporting sur Power BI ») stays French, and so does a one-word answer.
 */
export class AnswerLanguage {
  private readonly markers: ReadonlyMap<Locale, ReadonlySet<string>>;

  constructor(functionWords: Readonly<Record<Locale, readonly string[]>>) {
    const shared = new Set(functionWords.fr.filter((word) => functionWords.en.includes(word)));
    this.markers = new Map(LOCALES.map((locale) => [locale, new Set(functionWords[locale].filter((word) => !shared.has(word)))]));
  }

  of(tokens: readonly Token[], session: Locale): Locale {
    const score = (locale: Locale): number =>
      tokens.filter((t) => t.isWord && (this.markers.get(locale)?.has(t.lower) === true || (locale === 'fr' && FRENCH_LETTERS.test(t.lower)))).length;
    const own = score(session);
    const other = LOCALES.find((locale) => locale !== session);
    if (other === undefined) return session;
    const theirs = score(other);
    return theirs >= MIN_MARKERS && theirs > 2 * own ? other : session;
  }
}
