import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/** One Bot Connector REST call the bot made. */
export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: Partial<Activity> | undefined;
}

export interface FakeConnectorOptions {
  /** Wait this long before answering each call (to catch the bot while it waits on Teams). */
  readonly delayMs?: number;
}

/** A scripted failure answer (see `failNext`). */
export interface FakeFailure {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/**
 * A stand-in for the Bot Connector service (Teams' `serviceUrl`) on 127.0.0.1: it records every call
 * and answers like the real service (`{ id }`). Use its `url` as the activities' `serviceUrl`.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly listeners: (() => void)[] = [];
  private readonly failures: FakeFailure[] = [];
  private slow: { ms: number; method: string | undefined } | undefined;
  private held: { method: string; answers: (() => void)[] } | undefined;
  private nextId = 0;

  private readonly server: Server;
  private address = '';

  private constructor(private readonly options: FakeConnectorOptions) {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const body = this.record(req, raw);
        const failure = this.failures.shift();
        const answer = () => {
          if (failure) {
            res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
            res.end(JSON.stringify(failure.body ?? { error: { code: `Status${failure.status}`, message: 'scripted failure' } }));
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(this.successBody(req, body)));
        };
        const held = this.held;
        if (held && held.method === req.method) {
          held.answers.push(answer);
          return;
        }
        const delayMs = this.slow && (this.slow.method === undefined || this.slow.method === req.method) ? this.slow.ms : this.options.delayMs;
        if (delayMs) setTimeout(answer, delayMs);
        else answer();
      });
    });
  }

  static async start(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
    const connector = new FakeConnector(options);
    await new Promise<void>((resolve, reject) => {
      connector.server.once('error', reject);
      connector.server.listen(0, '127.0.0.1', () => resolve());
    });
    connector.address = `http://127.0.0.1:${(connector.server.address() as AddressInfo).port}/`;
    return connector;
  }

  /** The base URL to use as the activities' `serviceUrl`. */
  get url(): string {
    return this.address;
  }

  /** The activities the bot sent, typing indicators excluded. */
  get messages(): Partial<Activity>[] {
    return this.calls.map((c) => c.body).filter((b): b is Partial<Activity> => b !== undefined && b.type === 'message');
  }

  /** Resolves once at least `count` calls were received; rejects after `timeoutMs`. */
  waitForCalls(count: number, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.calls.length < count) return false;
        clearTimeout(timer);
        resolve();
        return true;
      };
      const timer = setTimeout(() => {
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        reject(new Error(`the fake connector received ${this.calls.length} call(s), expected ${count} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = () => {
        if (check()) this.listeners.splice(this.listeners.indexOf(listener), 1);
      };
      if (!check()) this.listeners.push(listener);
    });
  }

  /** The calls whose decoded path and method match (e.g. 'POST', '/v3/conversations'). */
  callsTo(method: string, path: string | RegExp): ConnectorCall[] {
    return this.calls.filter(
      (c) => c.method === method && (typeof path === 'string' ? decodeURIComponent(c.path) === path : path.test(decodeURIComponent(c.path))),
    );
  }

  /** Answers the next `times` calls (whatever they are) with `failure` instead of success. */
  failNext(failure: FakeFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(failure);
  }

  /** From now on, answers the calls of `method` (every call if omitted) after `ms`; `answerSlowly(0)` ends it. */
  answerSlowly(ms: number, method?: string): void {
    this.slow = ms > 0 ? { ms, method } : undefined;
  }

  /** Holds the answers to the calls of `method` (Teams still working on them) until the returned function is called. */
  hold(method: string): () => void {
    const held = { method, answers: [] as (() => void)[] };
    this.held = held;
    return () => {
      if (this.held === held) this.held = undefined;
      held.answers.forEach((answer) => answer());
    };
  }

  reset(): void {
    this.calls.length = 0;
    this.failures.length = 0;
    this.slow = undefined;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Like the real service: createConversation (`POST /v3/conversations`) answers the new thread's id
   * (`<channel>;messageid=<n>`) and the root activity id; everything else a ResourceResponse `{ id }`.
   */
  private successBody(req: IncomingMessage, body: Partial<Activity> | undefined): Record<string, string> {
    const id = ++this.nextId;
    if (req.method === 'POST' && req.url === '/v3/conversations') {
      const channelData = body?.channelData as { channel?: { id?: string } } | undefined;
      const channel = channelData?.channel?.id ?? 'a:new';
      return { id: `${channel};messageid=${id}`, activityId: String(id) };
    }
    return { id: `reply-${id}` };
  }

  private record(req: IncomingMessage, raw: string): Partial<Activity> | undefined {
    let body: Partial<Activity> | undefined;
    try {
      body = raw ? (JSON.parse(raw) as Partial<Activity>) : undefined;
    } catch {
      body = undefined;
    }
    this.calls.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
    [...this.listeners].forEach((listener) => listener());
    return body;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
