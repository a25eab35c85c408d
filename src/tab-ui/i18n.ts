import en from '../../locales/en/tab.json' with { type: 'json' };
import fr from '../../locales/fr/tab.json' with { type: 'json' };

/** The page's wording: locales/<lang>/tab.json, bundled (the same files the content test checks for parity). */
const RESOURCES = { fr, en } as const;
export type UiLocale = keyof typeof RESOURCES;

export type T = (key: string, params?: Record<string, string | number>) => string;

export function uiLocale(tag: string | null | undefined): UiLocale {
  const language = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return language === 'en' ? 'en' : 'fr';
}

/** A translator for `locale`: `a.b.c` keys, `{{name}}` interpolation as in i18next; a missing key shows itself. */
export function translator(locale: UiLocale): T {
  return (key, params = {}) => {
    let node: unknown = RESOURCES[locale];
    for (const part of key.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    const text = typeof node === 'string' ? node : key;
    return text.replace(/\{\{(\w+)\}\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  };
}

export function formatDate(iso: string, locale: UiLocale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long' }).format(new Date(iso));
}
