import i18next, { type i18n, type TFunction } from 'i18next';
import type { KeyChecker } from '../../core/flow/flow-validation.js';
import { LOCALES, type Locale } from '../../core/locale.js';
import type { MessageParam, MessageRef } from '../../core/messages.js';
import { lookup, type LocaleResources } from './locale-resources.js';

/** More than the locale files hold: a bound in case a key were ever built from input. */
const MAX_PLAIN_MESSAGES = 10_000;

/** Renders MessageRefs in one language. Built per turn: never switch a shared instance's language. */
export type Translate = (message: MessageRef) => string;

/** Translations for the whole process, handing out one fixed-language translator per turn. */
export class Translations {
  private readonly instance: i18n;
  /** Messages without parameters, rendered once per language: a card renders dozens of them at every turn. */
  private readonly plainMessages = new Map<string, Map<string, string>>();

  constructor(private readonly resources: LocaleResources, options: { cimode?: boolean } = {}) {
    this.instance = i18next.createInstance();
    void this.instance.init({
      resources,
      lng: options.cimode ? 'cimode' : LOCALES[0],
      fallbackLng: false,
      ns: Object.keys(resources[LOCALES[0]]),
      defaultNS: 'common',
      initAsync: false,
      interpolation: { escapeValue: false },
      appendNamespaceToCIMode: true,
      returnNull: false,
    });
  }

  /** A translator for `locale` (or the i18n key itself in cimode, used by conversation tests). */
  translator(locale: Locale): Translate {
    const language = this.instance.language === 'cimode' ? 'cimode' : locale;
    const t: TFunction = this.instance.getFixedT(language);
    const plain = this.plainMessagesOf(language);
    const render = (message: MessageRef): string => {
      if (message.params) return t(message.key, resolveParams(message.params, render));
      let text = plain.get(message.key);
      if (text === undefined) {
        text = t(message.key);
        if (plain.size < MAX_PLAIN_MESSAGES) plain.set(message.key, text);
      }
      return text;
    };
    return render;
  }

  private plainMessagesOf(language: string): Map<string, string> {
    let messages = this.plainMessages.get(language);
    if (!messages) this.plainMessages.set(language, (messages = new Map<string, string>()));
    return messages;
  }

  /** All the `|`-separated words under `key`, across every locale (commands work in any language). */
  keywords(key: string): string[] {
    return LOCALES.flatMap((locale) => {
      const value = lookup(this.resources, locale, key);
      return typeof value === 'string' ? value.split('|').map((w) => w.trim()) : [];
    });
  }

  keyChecker(): KeyChecker {
    return {
      locales: LOCALES,
      has: (locale, key) => {
        const value = lookup(this.resources, locale as Locale, key);
        return typeof value === 'string' && value.trim().length > 0;
      },
    };
  }
}

function resolveParams(params: MessageRef['params'], render: (m: MessageRef) => string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params ?? {})) out[name] = renderParam(value, render);
  return out;
}

function renderParam(value: MessageParam, render: (m: MessageRef) => string): string | number {
  return typeof value === 'object' ? render(value) : value;
}
