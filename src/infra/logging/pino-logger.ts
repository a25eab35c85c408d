import { pino, type Logger as Pino } from 'pino';
import type { LogFields, Logger } from '../../core/logger.js';

/** Fields that hold what people write or who they are, wherever they appear (top level or one level down). */
const PERSONAL_FIELDS = ['text', 'value', 'answer', 'answers', 'name', 'givenName', 'surname', 'email', 'userPrincipalName', 'comment', 'comments', 'skills', 'evidence', 'card', 'attachments', 'activity', 'payload', 'body'];

/** The redaction paths: each field at the top level and inside any object (`*.text`), since pino's wildcard covers one level. */
export const REDACTED_PATHS = [...PERSONAL_FIELDS, ...PERSONAL_FIELDS.map((field) => `*.${field}`)];

/**
 * Logger on pino: JSON lines on stdout. Callers pass ids and counts, never user text; redaction is the safety
 * net if one ever does.
 */
export class PinoLogger implements Logger {
  constructor(private readonly log: Pino) {}

  static create(level: string, destination?: NodeJS.WritableStream): PinoLogger {
    const options = { level, base: { app: 'bilan' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
    return new PinoLogger(pino(options, destination ?? stdoutWrittenSynchronously()));
  }

  debug(fields: LogFields, message: string): void {
    this.log.debug(fields, message);
  }

  info(fields: LogFields, message: string): void {
    this.log.info(fields, message);
  }

  warn(fields: LogFields, message: string): void {
    this.log.warn(fields, message);
  }

  error(fields: LogFields, message: string): void {
    this.log.error(fields, message);
  }

  child(bindings: LogFields): Logger {
    return new PinoLogger(this.log.child(bindings));
  }
}

/**
 * Stdout, each line written as it is logged. pino's default buffers and flushes at exit; when stdout is a broken
 * pipe (whatever read the logs is gone), that final flush retries EPIPE forever and the process never exits.
 * Written synchronously, the first EPIPE reaches pino, which then drops the logs instead.
 */
function stdoutWrittenSynchronously() {
  return pino.destination({ dest: 1, sync: true });
}
