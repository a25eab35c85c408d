import type { Vocabulary } from '../../core/flow/answer-parsers.js';
import { LOCALES } from '../../core/locale.js';
import { msg } from '../../core/messages.js';
import { KeywordSet } from '../../core/text/normalize.js';
import { PhraseSequence } from '../../core/text/phrase-sequence.js';
import type { Translations } from './create-i18n.js';

/** The words users type instead of clicking, in every language, from locales/<lng>/common.json `keywords`. */
export function vocabularyFrom(translations: Translations): Vocabulary {
  const translators = LOCALES.map((locale) => translations.translator(locale));
  return {
    yes: new KeywordSet(translations.keywords('common:keywords.yes')),
    no: new KeywordSet(translations.keywords('common:keywords.no')),
    skip: new KeywordSet(translations.keywords('common:keywords.skip')),
    unsure: new PhraseSequence(translations.keywords('common:keywords.unsure')),
    clarify: new PhraseSequence(translations.keywords('common:keywords.clarify'), true),
    back: new KeywordSet(translations.keywords('common:keywords.back')),
    copiesOf: (key) => translators.map((t) => t(msg(key))),
  };
}
