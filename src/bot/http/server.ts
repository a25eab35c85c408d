import restify, { type Request, type Response } from 'restify';
import type { CloudAdapter, Request as BotRequest } from 'botbuilder';
import type { Logger } from '../../core/logger.js';
import type { BilanBot } from '../bilan-bot.js';
import { checkActivityShape } from './activity-shape.js';

export interface ServerOptions {
  readonly adapter: CloudAdapter;
  readonly bot: BilanBot;
  readonly logger: Logger;
  readonly version: string;
  readonly storageKind: string;
  readonly checkStorage: () => Promise<boolean>;
  /** Largest accepted request body; Teams activities are far smaller. */
  readonly maxBodyBytes: number;
}

/** A restify server with the bot endpoint, a health check, and in-flight request tracking. */
export interface BotServer {
  readonly server: restify.Server;
  /** Resolves when no request is being processed. */
  readonly idle: () => Promise<void>;
}

export function createServer(options: ServerOptions): BotServer {
  const server = restify.createServer({ name: 'bilan', handleUncaughtExceptions: false });
  const inFlight = new InFlight();
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false, mapFiles: false }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    inFlight.enter();
    try {
      const problem = checkActivityShape(req.body);
      if (problem) {
        res.send(400, { error: 'invalid activity', detail: problem });
        return;
      }
      await options.adapter.process(req as unknown as BotRequest, res, (context) => options.bot.run(context));
    } catch (error: unknown) {
      options.logger.error({ errorName: error instanceof Error ? error.name : 'unknown' }, 'request failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    } finally {
      inFlight.leave();
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    const reachable = await options.checkStorage().catch(() => false);
    res.send(reachable ? 200 : 503, {
      status: reachable ? 'ok' : 'unavailable',
      version: options.version,
      storage: { kind: options.storageKind, reachable },
    });
  });

  return { server, idle: () => inFlight.drained() };
}

/** Counts requests in progress so shutdown can wait for them. */
class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  enter(): void {
    this.count++;
  }

  leave(): void {
    this.count--;
    if (this.count === 0) this.waiters.splice(0).forEach((resolve) => resolve());
  }

  drained(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
