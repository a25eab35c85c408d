import { pino, type Logger as Pino } from 'pino';
import type { LogFields, Logger } from '../../core/logger.js';

/** Logger on pino: JSON lines on stdout. Callers pass ids and counts, never user text. */
export class PinoLogger implements Logger {
  constructor(private readonly log: Pino) {}

  static create(level: string, destination?: NodeJS.WritableStream): PinoLogger {
    const options = { level, base: { app: 'bilan' }, redact: { paths: ['text', 'answer', 'name', 'email'], censor: '[redacted]' } };
    return new PinoLogger(destination ? pino(options, destination) : pino(options));
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
