import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

/** Who calls the tab API: their Entra object id, as in the chat (their bilan is keyed by the pseudonym of `aad:<oid>`). */
export interface TabIdentity {
  readonly oid: string;
}

export type AuthResult =
  | { readonly ok: true; readonly identity: TabIdentity }
  /** `unavailable`: the signing keys could not be fetched, so no token can be checked right now. */
  | { readonly ok: false; readonly reason: 'missing' | 'invalid' | 'expired' | 'unavailable' };

export type TabAuthMode = 'sso' | 'dev' | 'off';

/** Turns the request's Authorization header into an identity, or says why not. */
export interface TabAuthenticator {
  readonly mode: TabAuthMode;
  authenticate(authorization: string | undefined): Promise<AuthResult>;
}

export interface SsoOptions {
  readonly clientId: string;
  readonly tenantId: string;
  readonly authority: string;
  /** The public host of the tab, for the `api://<host>/<clientId>` audience Teams SSO uses. */
  readonly publicHost: string | undefined;
}

const OID = /^[\w-]{1,64}$/;

/**
 * Teams SSO: the page gets a token with `authentication.getAuthToken()`; here its signature is checked against the
 * tenant's published keys (JWKS), and its issuer, audience, expiry and tenant against the configuration.
 */
export class SsoAuthenticator implements TabAuthenticator {
  readonly mode = 'sso';
  private readonly keys: JWTVerifyGetKey;
  private readonly issuers: string[];
  private readonly audiences: string[];

  constructor(private readonly options: SsoOptions) {
    const authority = options.authority.replace(/\/+$/, '');
    this.keys = createRemoteJWKSet(new URL(`${authority}/${options.tenantId}/discovery/v2.0/keys`), { timeoutDuration: 5000 });
    // v2.0 tokens name the authority; v1.0 tokens (the Teams SSO default) name sts.windows.net.
    this.issuers = [`${authority}/${options.tenantId}/v2.0`, `https://sts.windows.net/${options.tenantId}/`];
    this.audiences = [options.clientId, ...(options.publicHost ? [`api://${options.publicHost}/${options.clientId}`] : [])];
  }

  async authenticate(authorization: string | undefined): Promise<AuthResult> {
    const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization ?? '')?.[1];
    if (!authorization) return { ok: false, reason: 'missing' };
    if (!token) return { ok: false, reason: 'invalid' };
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.issuers,
        audience: this.audiences,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'oid', 'tid'],
      });
      const oid = payload['oid'];
      if (payload['tid'] !== this.options.tenantId || typeof oid !== 'string' || !OID.test(oid)) return { ok: false, reason: 'invalid' };
      return { ok: true, identity: { oid } };
    } catch (error: unknown) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) return { ok: false, reason: 'unavailable' };
      return { ok: false, reason: 'invalid' };
    }
  }
}

/**
 * Local testing without Azure AD (TAB_DEV_MODE=true, refused by the configuration when an app id is set): the page
 * says who the user is with `Authorization: Dev <object id>`, and it is believed.
 */
export class DevAuthenticator implements TabAuthenticator {
  readonly mode = 'dev';

  authenticate(authorization: string | undefined): Promise<AuthResult> {
    if (!authorization) return Promise.resolve({ ok: false, reason: 'missing' });
    const oid = /^Dev (\S+)$/.exec(authorization)?.[1];
    return Promise.resolve(oid && OID.test(oid) ? { ok: true, identity: { oid } } : { ok: false, reason: 'invalid' });
  }
}

/** Neither SSO nor dev mode is configured: every call is refused, and the page says the tab is not set up. */
export class DisabledAuthenticator implements TabAuthenticator {
  readonly mode = 'off';

  authenticate(): Promise<AuthResult> {
    return Promise.resolve({ ok: false, reason: 'unavailable' });
  }
}
