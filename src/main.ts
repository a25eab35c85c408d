import { createApp } from './app.js';
import { isAnonymous, loadConfig } from './config.js';
import { ConfigError, DataValidationError } from './core/errors.js';
import { PinoLogger } from './infra/logging/pino-logger.js';

const SHUTDOWN_GRACE_MS = 10_000;

/** Starts the bot: `npm start`. Configuration comes from the environment and `.env`. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = PinoLogger.create(config.LOG_LEVEL);
  if (isAnonymous(config)) {
    logger.warn({}, 'Authentication is OFF: MicrosoftAppId is empty, so unauthenticated requests are accepted. Use this only locally (Agents Playground) and in tests.');
  } else {
    logger.info({ appType: config.MicrosoftAppType }, 'Bot Framework authentication is on');
  }
  const app = await createApp(config, { logger });
  const url = await app.listen();
  logger.info({ url, endpoint: `${url}/api/messages`, storage: config.STORAGE, defaultLocale: config.DEFAULT_LOCALE }, 'Bilan bot is ready');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight turns');
    setTimeout(() => {
      logger.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long, exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => {
        logger.info({}, 'stopped cleanly');
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataValidationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Bilan failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
