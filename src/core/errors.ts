/** Persistence failed or the stored data cannot be read back. Messages name files and keys, never user data. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/** The process configuration (environment, files) is missing or invalid. */
export class ConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** Data failed validation; `problems` lists every issue found, one per line in the message. */
export class DataValidationError extends Error {
  readonly problems: readonly string[];

  constructor(header: string, problems: readonly string[]) {
    super([header, ...problems.map((problem) => `  - ${problem}`)].join('\n'));
    this.name = 'DataValidationError';
    this.problems = [...problems];
  }
}

/** A broken invariant of the domain: a bug, never a user mistake. */
export class DomainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DomainError';
  }
}

/** Someone else saved the record since it was read (stale eTag). */
export class ConcurrencyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConcurrencyError';
  }
}
