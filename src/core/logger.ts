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
