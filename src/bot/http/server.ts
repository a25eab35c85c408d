import restify, { type Request, type Response } from 'restify';
import type { Activity } from 'botbuilder';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator.js';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import { systemErrorCode, type Logger } from '../../core/logger.js';
import type { BilanAdapter } from '../adapter.js';
import type { BilanBot } from '../bilan-bot.js';
import type { SynthesisDownloads, SynthesisFormat } from '../synthesis/synthesis-downloads.js';
import { checkActivityShape } from './activity-shape.js';
import { refuseNonJsonBodies } from './body-guard.js';
import type { DataExports } from '../rights/data-export.js';

export interface ServerOptions {
  readonly adapter: Pick<BilanAdapter, 'runAuthenticated'>;
  readonly bot: BilanBot;
  readonly logger: Logger;
  readonly version: string;
  readonly storageKind: string;
  readonly checkStorage: () => Promise<boolean>;
  /** Largest accepted request body; Teams activities are far smaller. */
  readonly maxBodyBytes: number;
  readonly downloads: SynthesisDownloads;
  /** « Mes données » / "my data" exports, built when the personal link is opened. */
  readonly exports: DataExports;
  /** More routes to add (the Teams tabs' page and API). */
  readonly routes?: readonly ((server: restify.Server) => void)[];
  /** Validates the request's Bot Framework token (throws when it is not valid). */
  readonly authenticate: (activity: Activity, authHeader: string) => Promise<AuthenticateRequestResult>;
}

/** A restify server with the bot endpoint, a health check, and in-flight request tracking. */
export interface BotServer {
  readonly server: restify.Server;
  /** Resolves when no request is being processed. Shutdown calls it: from then on, responses close their connection. */
  readonly idle: () => Promise<void>;
}

/** What a personal link serves. */
interface LinkedFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly filename: string;
}

export function createServer(options: ServerOptions): BotServer {
  const server = restify.createServer({ name: 'bilan', handleUncaughtExceptions: false });
  // restify's own errors (malformed JSON, body too large) can quote the body: answer with the status only.
  server.on('restifyError', (_req: Request, _res: Response, error: { statusCode?: number; toJSON?: () => unknown }, done: () => void) => {
    const status = error.statusCode ?? 500;
    error.toJSON = () => ({ error: status === 413 ? 'request body too large' : status < 500 ? 'invalid request' : 'internal error' });
    done();
  });
  const inFlight = new InFlight();
  server.pre(refuseNonJsonBodies);
  server.use(restify.plugins.bodyReader({ maxBodySize: options.maxBodyBytes }));
  server.use(restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    inFlight.enter(res);
    try {
      const problem = checkActivityShape(req.body);
      if (problem) {
        res.send(400, { error: 'invalid activity', detail: problem });
        return;
      }
      // Checked here, not by CloudAdapter.process, so that a rejected request gets one log line, not a stack.
      const activity = validateAndFixActivity(req.body as Activity);
      const authenticated = await authenticateRequest(options.authenticate, activity, req);
      if (typeof authenticated === 'string') {
        options.logger.warn({ errorName: authenticated }, 'request rejected: no valid Bot Framework token');
        res.send(401, { error: 'unauthorized' });
        return;
      }
      const response = await options.adapter.runAuthenticated(authenticated, activity, (context) => options.bot.run(context));
      res.send(response?.status ?? 200, response?.body);
    } catch (error: unknown) {
      options.logger.error({ errorName: error instanceof Error ? error.name : 'unknown' }, 'request failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    } finally {
      inFlight.leave(res);
    }
  });

  /**
   * A file behind a personal, short-lived link the bot sent in the user's 1:1 chat: built on demand, never cached,
   * one 404 for every bad, expired or failing link (which says nothing about whose it was).
   */
  const serveLinkedFile = (route: string, name: RegExp, open: (match: RegExpExecArray) => Promise<LinkedFile | undefined>, failure: string) => {
    server.get(route, async (req: Request, res: Response) => {
      // A wildcard, not `:file`: restify's router answers 404 to a named parameter over 100 characters, and tokens are longer.
      const requested: unknown = (req.params as Record<string, unknown>)['*'];
      const match = name.exec(typeof requested === 'string' ? requested : '');
      const failed = (error: unknown) => {
        options.logger.error({ errorName: error instanceof Error ? error.name : 'unknown' }, failure);
        return undefined;
      };
      const file = match ? await open(match).catch(failed) : undefined;
      res.header('Cache-Control', 'no-store');
      if (!file) {
        res.send(404, { error: 'this link has expired or is not valid: ask the bot for a new one' });
        return;
      }
      res.header('Content-Disposition', `attachment; filename="${file.filename}"`);
      res.header('X-Content-Type-Options', 'nosniff');
      res.sendRaw(200, file.body, { 'Content-Type': file.contentType });
    });
  };
  serveLinkedFile('/synthesis/*', /^([\w-]{20,2000})\.(pdf|md)$/, (m) => options.downloads.file(m[1] as string, m[2] as SynthesisFormat), 'synthesis download failed');
  serveLinkedFile('/export/*', /^([\w-]{20,2000})\.json$/, (m) => options.exports.file(m[1] as string), 'data export failed');

  server.get('/healthz', async (_req: Request, res: Response) => {
    inFlight.enter(res);
    try {
      const reachable = await options.checkStorage().catch((error: unknown) => {
        options.logger.error({ errorName: error instanceof Error ? error.name : 'unknown', errorCode: systemErrorCode(error) }, 'health check: storage cannot be written: not ready');
        return false;
      });
      res.send(reachable ? 200 : 503, {
        status: reachable ? 'ok' : 'unavailable',
        version: options.version,
        storage: { kind: options.storageKind, reachable },
      });
    } finally {
      inFlight.leave(res);
    }
  });

  for (const register of options.routes ?? []) register(server);

  return { server, idle: () => inFlight.drained() };
}

/** Errors that mean "this token is not valid" (jsonwebtoken's are not wrapped by botframework-connector). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** The authenticated request, or the name of the error that rejects its token; other failures are thrown. */
async function authenticateRequest(authenticate: ServerOptions['authenticate'], activity: Activity, req: Request): Promise<AuthenticateRequestResult | string> {
  try {
    return await authenticate(activity, req.headers.authorization ?? '');
  } catch (error: unknown) {
    if (error instanceof AuthenticationError) return 'AuthenticationError';
    if (error instanceof Error && TOKEN_ERRORS.has(error.name)) return error.name;
    throw error;
  }
}

/**
 * Tracks requests in progress so shutdown can wait for them. Once shutdown waits, their responses (and any
 * arriving on a kept-alive connection) say `Connection: close`: otherwise the server would stay up until
 * clients drop their idle keep-alive connections, and could overrun the shutdown grace period.
 */
class InFlight {
  private readonly responses = new Set<Response>();
  private waiters: (() => void)[] = [];
  private draining = false;

  enter(res: Response): void {
    this.responses.add(res);
    if (this.draining) closeAfterwards(res);
  }

  leave(res: Response): void {
    this.responses.delete(res);
    if (this.responses.size === 0) this.waiters.splice(0).forEach((resolve) => resolve());
  }

  drained(): Promise<void> {
    this.draining = true;
    this.responses.forEach(closeAfterwards);
    return this.responses.size === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

function closeAfterwards(res: Response): void {
  if (!res.headersSent) res.setHeader('Connection', 'close');
}
