import type { Request, Response, Next } from 'restify';

/**
 * Refuses, before a byte of it is read, any request body that is not plain JSON: a compressed body (a few KB of gzip
 * can expand to gigabytes after the size check) or a multipart one (restify writes its files to the temp directory).
 * Teams, the Bot Framework and the tabs send uncompressed JSON only. Requests without a body pass.
 */
export function refuseNonJsonBodies(req: Request, res: Response, next: Next): void {
  if (!carriesBody(req)) return next();
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const problem = encoding !== 'identity' ? 'compressed bodies are not accepted: send uncompressed JSON' : mediaType !== 'application/json' ? 'only application/json bodies are accepted' : undefined;
  if (!problem) return next();
  res.header('Connection', 'close'); // the unread body is not worth draining
  res.send(415, { error: problem });
  return next(false);
}

function carriesBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length.trim() !== '0');
}
