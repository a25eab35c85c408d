import { createApp } from './app.js';
import { isAnonymous, loadConfig } from './config.js';
import { ConfigError, DataValidationError } from './core/errors.js';
import { PinoLogger } from './infra/logging/pino-logger.js';

const SHUTDOWN_GRACE_MS = 10_000;

/** Starts the bot: `npm start`. Configuration comes from the environment and `.env`. */
async function main(): Promise<void> {
  // Listened for before anything else: until a handler is installed, SIGTERM kills the process outright.
  const stopSignal = firstStopSignal();
  const config = loadConfig();
  const logger = PinoLogger.create(config.LOG_LEVEL);
  if (isAnonymous(config)) {
    logger.warn({}, 'Authentication is OFF: MicrosoftAppId is empty, so unauthenticated requests are accepted. Use this only locally (Agents Playground) and in tests.');
  } else {
    logger.info({ appType: config.MicrosoftAppType }, 'Bot Framework authentication is on');
  }
  const app = await createApp(config, { logger });
  const url = await app.listen().catch((error: unknown) => {
    throw isPortInUse(error) ? new PortInUseError(config.PORT) : error;
  });
  logger.info({ url, endpoint: `${url}/api/messages`, storage: config.STORAGE, defaultLocale: config.DEFAULT_LOCALE }, 'Bilan bot is ready');

  const signal = await stopSignal;
  logger.info({ signal }, 'shutting down: finishing in-flight turns');
  setTimeout(() => {
    logger.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long, exiting');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  const closed = await app.close().then(() => true, () => false);
  if (closed) logger.info({}, 'stopped cleanly');
  else logger.error({}, 'shutdown failed');
  process.exit(closed ? 0 : 1);
}

/** The first SIGTERM or SIGINT; later ones are ignored while the server drains. */
function firstStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.on('SIGTERM', () => resolve('SIGTERM'));
    process.on('SIGINT', () => resolve('SIGINT'));
  });
}

class PortInUseError extends Error {
  constructor(port: number) {
    super(`Port ${String(port)} is already in use (another Bilan, or another server?). Stop it, or set PORT to a free port, e.g. PORT=${String(port + 1)} npm start (PORT=0 picks any free port).`);
  }
}

function isPortInUse(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataValidationError || error instanceof PortInUseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Bilan failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
