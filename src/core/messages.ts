/** A piece of copy the core wants shown: an i18n key plus its interpolation values. Core never holds text. */
export interface MessageRef {
  readonly key: string;
  readonly params?: Readonly<Record<string, MessageParam>>;
}

/** A value interpolated into a message: literal, or another message translated first. */
export type MessageParam = string | number | MessageRef;

/** Builds a MessageRef; `params` is omitted when empty so refs compare cleanly in tests. */
export function msg(key: string, params?: Record<string, MessageParam>): MessageRef {
  return params ? { key, params } : { key };
}
