/** Base of the project's errors: the name is the class name, so logs say what failed without a message. */
abstract class BilanError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Persistence failed or the stored data cannot be read back. Messages name files and keys, never user data. */
export class StorageError extends BilanError {}

/** The process configuration (environment, files) is missing or invalid. */
export class ConfigError extends BilanError {}

/** A broken invariant of the domain: a bug, never a user mistake. */
export class DomainError extends BilanError {}

/** Someone else saved the record since it was read (stale eTag). */
export class ConcurrencyError extends BilanError {}

/** Data failed validation; `problems` lists every issue found, one per line in the message. */
export class DataValidationError extends BilanError {
  readonly problems: readonly string[];

  constructor(header: string, problems: readonly string[]) {
    super([header, ...problems.map((problem) => `  - ${problem}`)].join('\n'));
    this.problems = [...problems];
  }
}
