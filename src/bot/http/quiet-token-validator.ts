/**
 * botframework-connector's token validator prints to stderr itself when it rejects a token that names a published
 * key: the whole error with its stack (expired), or every published public key (bad signature), 9 to 10 lines per
 * request that anyone can send. The server already logs one warning per rejected request; these prints are dropped.
 * Anything else written with console.error passes unchanged.
 */
export function quietTokenValidator(): void {
  if (installed) return;
  installed = true;
  /* eslint-disable no-console -- the library prints with console.error: only a wrapper of it can drop the prints */
  const print = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (!isValidatorNoise(args[0])) print(...args);
  };
  /* eslint-enable no-console */
}

let installed = false;

const VALIDATOR_ERRORS = new Set(['TokenExpiredError', 'JsonWebTokenError', 'NotBeforeError']);

function isValidatorNoise(first: unknown): boolean {
  if (first instanceof Error) return VALIDATOR_ERRORS.has(first.name);
  return typeof first === 'string' && first.startsWith('Error finding key for token.');
}
