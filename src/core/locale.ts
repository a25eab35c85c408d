/** Languages the bot speaks. */
export const LOCALES = ['fr', 'en'] as const;

export type Locale = (typeof LOCALES)[number];

/** Maps a BCP-47 tag such as 'fr-FR', 'EN-us' or 'fr_CA' to a supported locale, if any. */
export function toLocale(tag: unknown): Locale | undefined {
  if (typeof tag !== 'string') return undefined;
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l === language);
}

/** The user's saved choice wins, then what the client says, then the configured default. */
export function resolveLocale(saved: Locale | undefined, clientTags: readonly unknown[], fallback: Locale): Locale {
  if (saved) return saved;
  for (const tag of clientTags) {
    const locale = toLocale(tag);
    if (locale) return locale;
  }
  return fallback;
}
