/**
 * Structured logger port. Fields must never carry user text: answers, names or emails stay out of logs.
 */
export interface Logger {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
  child(bindings: LogFields): Logger;
}

export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * What may be logged of an error: its class name, its system error code (ENOSPC, ECONNRESET…, also from the error
 * it wraps) and its stack frames (code locations). Never its message: messages can quote what the user wrote (a
 * validation error, a storage error echoing the item, a bug).
 */
export function errorFields(error: unknown): { errorName: string; errorCode?: string; errorStack: string | undefined } {
  if (!(error instanceof Error)) return { errorName: 'non-error thrown', errorStack: undefined };
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const code = systemErrorCode(error);
  return { errorName: error.name, ...(code ? { errorCode: code } : {}), errorStack: frames.length > 0 ? frames.join('\n') : undefined };
}

/** The code of a system error (`ENOSPC`), on the error or on one it wraps (`cause`). */
export function systemErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z0-9_]+$/.test(code)) return code;
  }
  return undefined;
}
