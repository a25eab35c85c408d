import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';

export const TAB_CLIENT_ID = '6d2a1f00-0000-4000-8000-00000000c11e';
export const TAB_TENANT = '7e3b2f00-0000-4000-8000-0000000074e1';
const KID = 'test-key-1';

/**
 * A stand-in for the Entra token service: a local key pair whose public half is published as the tenant's JWKS over
 * HTTP (as login.microsoftonline.com does), and tokens signed with the private half the way Teams SSO tokens are.
 * A second key pair, never published, forges tokens.
 */
export class TokenIssuer {
  private constructor(
    private readonly server: Server,
    readonly authority: string,
    private readonly key: CryptoKey,
    private readonly forger: CryptoKey,
  ) {}

  static async start(): Promise<TokenIssuer> {
    const pair = await generateKeyPair('RS256');
    const forged = await generateKeyPair('RS256');
    const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] };
    const server = createServer((req, res) => {
      const ok = req.url === `/${TAB_TENANT}/discovery/v2.0/keys`;
      res.statusCode = ok ? 200 : 404;
      res.setHeader('content-type', 'application/json');
      res.end(ok ? JSON.stringify(jwks) : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const authority = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    return new TokenIssuer(server, authority, pair.privateKey, forged.privateKey);
  }

  /** The app's environment for SSO against this issuer. */
  env(): Record<string, string> {
    return { AAD_APP_CLIENT_ID: TAB_CLIENT_ID, TAB_TENANT_ID: TAB_TENANT, TAB_SSO_AUTHORITY: this.authority };
  }

  /** A valid token for `oid`, unless `changes` say otherwise (claims, expiry in seconds from now, the forging key). */
  token(oid: string, changes: { claims?: JWTPayload; expiresIn?: number; forged?: boolean; issuer?: string; audience?: string } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ oid, tid: TAB_TENANT, name: 'Test User', ...changes.claims })
      .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
      .setIssuer(changes.issuer ?? `${this.authority}/${TAB_TENANT}/v2.0`)
      .setAudience(changes.audience ?? TAB_CLIENT_ID)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(now + (changes.expiresIn ?? 3600))
      .sign(changes.forged ? this.forger : this.key);
  }

  async bearer(oid: string, changes?: Parameters<TokenIssuer['token']>[1]): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.token(oid, changes)}` };
  }

  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }
}

/** Calls the tab API of the app at `url`; resolves with the status and the parsed JSON body (if any). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies freely, as they read StoreItems
type JsonBody = any;

export async function tabCall(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<{ status: number; body: JsonBody }> {
  const response = await fetch(`${url}/api/tab${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
