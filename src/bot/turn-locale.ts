import type { Activity, TurnContext } from 'botbuilder';
import { resolveLocale, type Locale } from '../core/locale.js';
import type { Translate, Translations } from '../infra/i18n/create-i18n.js';

const TURN_LANGUAGE = Symbol('bilan.turnLanguage');

interface TurnLanguage {
  readonly locale: Locale;
  readonly t: Translate;
}

/** Tags the client sends for its language: `activity.locale`, then Teams' clientInfo entity. */
export function clientLocaleTags(activity: Partial<Activity>): unknown[] {
  const clientInfo = activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: unknown } | undefined;
  return [activity.locale, clientInfo?.locale];
}

/** Fixes the language of this turn: saved choice, then client, then default. */
export function setTurnLanguage(
  context: TurnContext,
  translations: Translations,
  saved: Locale | undefined,
  fallback: Locale,
): TurnLanguage {
  const locale = resolveLocale(saved, clientLocaleTags(context.activity), fallback);
  const language = { locale, t: translations.translator(locale) };
  context.turnState.set(TURN_LANGUAGE, language);
  return language;
}

/** The language fixed for this turn by setTurnLanguage. */
export function turnLanguage(context: TurnContext): TurnLanguage {
  const language = knownTurnLanguage(context);
  if (!language) throw new Error('The turn language was not set before rendering');
  return language;
}

/** The language fixed for this turn, if it was fixed before something failed. */
export function knownTurnLanguage(context: TurnContext): TurnLanguage | undefined {
  return context.turnState.get<TurnLanguage | undefined>(TURN_LANGUAGE);
}
