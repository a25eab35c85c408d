import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Request, Response, Server } from 'restify';

/** The files `npm run build` puts in the tab's directory (scripts/build-tab.mjs); nothing else is served. */
const FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'config.html': 'text/html; charset=utf-8',
  'tab.js': 'text/javascript; charset=utf-8',
  'tab.css': 'text/css; charset=utf-8',
};

/** Only Teams (and the page itself) may frame the tab; scripts and styles come from this server only. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.office.com https://*.office365.com https://*.cloud.microsoft https://*.microsoft365.com",
].join('; ');

/** Serves the bundled tab front end under /tab/. */
export function registerTabStatic(server: Server, dir: string): void {
  server.get('/tab/:file', async (req: Request, res: Response) => {
    const requested: unknown = (req.params as Record<string, unknown>)['file'];
    const name = typeof requested === 'string' && Object.hasOwn(FILES, requested) ? requested : undefined;
    if (!name) {
      res.send(404, { error: 'not found' });
      return;
    }
    const body = await readFile(join(dir, name)).catch(() => undefined);
    if (!body) {
      res.send(503, { error: 'the tab is not built: run npm run build' });
      return;
    }
    res.sendRaw(200, body, {
      'Content-Type': FILES[name] as string,
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
  });
}
