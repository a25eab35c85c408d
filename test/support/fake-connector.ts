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

/**
 * A stand-in for the Bot Connector service (Teams' `serviceUrl`) on 127.0.0.1: it records every call
 * and answers like the real service (`{ id }`). Use its `url` as the activities' `serviceUrl`.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly listeners: (() => void)[] = [];
  private nextId = 0;

  private readonly server: Server;
  private address = '';

  private constructor(private readonly options: FakeConnectorOptions) {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        this.record(req, raw);
        const answer = () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `reply-${++this.nextId}` }));
        };
        if (this.options.delayMs) setTimeout(answer, this.options.delayMs);
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

  reset(): void {
    this.calls.length = 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private record(req: IncomingMessage, raw: string): void {
    let body: Partial<Activity> | undefined;
    try {
      body = raw ? (JSON.parse(raw) as Partial<Activity>) : undefined;
    } catch {
      body = undefined;
    }
    this.calls.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
    [...this.listeners].forEach((listener) => listener());
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
