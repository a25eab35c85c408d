import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Bot Framework channel tokens are issued by this issuer, for the bot's app id as audience. */
const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface TokenClaims {
  readonly appId: string;
  readonly serviceUrl: string;
  /** Seconds from now; negative for an expired token. */
  readonly expiresIn?: number;
}

/**
 * A stand-in for the Bot Framework token issuer's OpenID metadata on 127.0.0.1 (the real one, on
 * login.botframework.com, cannot be reached here): it publishes one RSA signing key, endorsed for msteams,
 * and signs channel tokens with it, or with a stranger's key under the same key id (a forgery).
 */
export class FakeTokenIssuer {
  private readonly keyId = 'bilan-test-signing-key';
  private readonly signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private address = '';
  private readonly server: Server = createServer((req, res) => {
    const body = req.url === '/keys' ? this.jwks() : { issuer: CHANNEL_ISSUER, jwks_uri: `${this.address}/keys` };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });

  private constructor() {}

  static async start(): Promise<FakeTokenIssuer> {
    const issuer = new FakeTokenIssuer();
    await new Promise<void>((resolve) => issuer.server.listen(0, '127.0.0.1', resolve));
    issuer.address = `http://127.0.0.1:${String((issuer.server.address() as AddressInfo).port)}`;
    return issuer;
  }

  /** The OpenID metadata URL to give the bot instead of login.botframework.com's. */
  get metadataUrl(): string {
    return `${this.address}/.well-known/openidconfiguration`;
  }

  /** A channel token as the Bot Framework would send it, signed by the published key. */
  token(claims: TokenClaims): string {
    return this.signed(claims, this.signing.privateKey);
  }

  /** The same token, well-formed, with the published key id, but signed by a key that is not published. */
  forgedToken(claims: TokenClaims): string {
    return this.signed(claims, this.stranger.privateKey);
  }

  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }

  private signed(claims: TokenClaims, key: KeyObject): string {
    const now = Math.floor(Date.now() / 1000);
    const header = encode({ alg: 'RS256', typ: 'JWT', kid: this.keyId, x5t: this.keyId });
    const payload = encode({
      iss: CHANNEL_ISSUER,
      aud: claims.appId,
      serviceurl: claims.serviceUrl,
      nbf: now - 60,
      iat: now - 60,
      exp: now + (claims.expiresIn ?? 3600),
    });
    return `${header}.${payload}.${sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key).toString('base64url')}`;
  }

  private jwks(): object {
    const jwk = this.signing.publicKey.export({ format: 'jwk' });
    return { keys: [{ ...jwk, kid: this.keyId, use: 'sig', endorsements: ['msteams'] }] };
  }
}

function encode(part: object): string {
  return Buffer.from(JSON.stringify(part)).toString('base64url');
}
