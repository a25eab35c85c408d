import i18next, { type i18n, type TFunction } from 'i18next';
import type { KeyChecker } from '../../core/flow/flow-validation.js';
import { LOCALES, type Locale } from '../../core/locale.js';
import type { MessageParam, MessageRef } from '../../core/messages.js';
import { lookup, type LocaleResources } from './locale-resources.js';

/** Renders MessageRefs in one language. Built per turn: never switch a shared instance's language. */
export type Translate = (message: MessageRef) => string;

/** Translations for the whole process, handing out one fixed-language translator per turn. */
export class Translations {
  private readonly instance: i18n;

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
    const t: TFunction = this.instance.language === 'cimode' ? this.instance.getFixedT('cimode') : this.instance.getFixedT(locale);
    const render = (message: MessageRef): string => t(message.key, resolveParams(message.params, render));
    return render;
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
