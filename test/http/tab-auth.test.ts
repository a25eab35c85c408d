import { expect } from 'chai';
import { SignJWT } from 'jose';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';
import { TAB_CLIENT_ID, TAB_TENANT, TokenIssuer, tabCall } from '../support/tab-tokens.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('tab API authentication (Teams SSO token checked against the tenant JWKS)', () => {
  let issuer: TokenIssuer;
  let app: TestApp;

  before(async () => {
    issuer = await TokenIssuer.start();
    app = await startTestApp({ env: { ...issuer.env(), PUBLIC_BASE_URL: 'https://bilan.example.org' } });
  });

  after(async () => {
    await app.close();
    await issuer.close();
  });

  const session = (headers: Record<string, string>) => tabCall(app.url, 'GET', '/session', headers);

  it('says which sign-in the page must use, without a token', async () => {
    expect(await tabCall(app.url, 'GET', '/mode')).to.deep.equal({ status: 200, body: { mode: 'sso' } });
  });

  it('accepts a valid token and tells the caller who they are', async () => {
    expect(await session(await issuer.bearer('oid-alice'))).to.deep.equal({ status: 200, body: { oid: 'oid-alice', role: 'employee' } });
  });

  it('accepts the api://<host>/<client id> audience Teams SSO uses, but not one naming another host', async () => {
    const apiAudience = await issuer.bearer('oid-alice', { audience: `api://bilan.example.org/${TAB_CLIENT_ID}` });
    expect((await session(apiAudience)).status).to.equal(200);
    const otherHost = await issuer.bearer('oid-alice', { audience: `api://evil.example.org/${TAB_CLIENT_ID}` });
    expect((await session(otherHost)).status).to.equal(401);
  });

  it('answers 401 without a token, and never reaches a bilan', async () => {
    expect(await session({})).to.deep.equal({ status: 401, body: { error: 'missing' } });
    expect((await tabCall(app.url, 'GET', '/users/oid-alice/bilan')).status).to.equal(401);
  });

  it('answers 401 "expired" for an expired token', async () => {
    expect(await session(await issuer.bearer('oid-alice', { expiresIn: -120 }))).to.deep.equal({ status: 401, body: { error: 'expired' } });
  });

  it('answers 401 for a token issued for another app (wrong audience)', async () => {
    expect(await session(await issuer.bearer('oid-alice', { audience: 'another-app' }))).to.deep.equal({ status: 401, body: { error: 'invalid' } });
  });

  it('answers 401 for a token from another issuer or another tenant', async () => {
    expect((await session(await issuer.bearer('oid-alice', { issuer: 'https://login.example.com/x/v2.0' }))).status).to.equal(401);
    expect((await session(await issuer.bearer('oid-alice', { claims: { tid: 'another-tenant' } }))).status).to.equal(401);
  });

  it('answers 401 for a forged signature (a key the tenant never published, under the same key id)', async () => {
    expect(await session(await issuer.bearer('oid-alice', { forged: true }))).to.deep.equal({ status: 401, body: { error: 'invalid' } });
  });

  it('answers 401 for a tampered payload, an unsigned token, or a symmetric one', async () => {
    const [header, , signature] = (await issuer.token('oid-alice')).split('.');
    const otherPayload = Buffer.from(JSON.stringify({ oid: 'oid-bob', tid: TAB_TENANT, aud: TAB_CLIENT_ID })).toString('base64url');
    expect((await session({ authorization: `Bearer ${header!}.${otherPayload}.${signature!}` })).status).to.equal(401);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${otherPayload}.`;
    expect((await session({ authorization: `Bearer ${unsigned}` })).status).to.equal(401);
    const hs = await new SignJWT({ oid: 'oid-bob', tid: TAB_TENANT }).setProtectedHeader({ alg: 'HS256' }).setAudience(TAB_CLIENT_ID).setExpirationTime('1h').sign(new TextEncoder().encode('x'.repeat(32)));
    expect((await session({ authorization: `Bearer ${hs}` })).status).to.equal(401);
  });

  it('answers 401 for a token without a user (no oid claim)', async () => {
    expect((await session(await issuer.bearer('', { claims: { oid: undefined } }))).status).to.equal(401);
  });

  it('ignores the dev identity header when dev mode is off', async () => {
    expect((await session({ authorization: 'Dev oid-alice' })).status).to.equal(401);
  });

  it('audits refused and accepted calls, with the caller id but no token and no content', async () => {
    const token = await issuer.token('oid-audited');
    await session({ authorization: `Bearer ${token}` });
    await session({});
    const audits = app.logs.filter((l) => l['audit'] === true);
    expect(audits.find((a) => a['actor'] === 'oid-audited')).to.include({ action: 'session', role: 'employee', outcome: 200 });
    expect(audits.some((a) => a['outcome'] === 401 && a['reason'] === 'missing')).to.equal(true);
    expect(app.rawLogs()).to.not.contain(token.split('.')[2]);
  });
});

describe('tab API without SSO configured, and dev mode', () => {
  it('refuses every call with 503 when neither SSO nor dev mode is configured', async () => {
    const app = await startTestApp();
    try {
      expect(await tabCall(app.url, 'GET', '/mode')).to.deep.equal({ status: 200, body: { mode: 'off' } });
      expect((await tabCall(app.url, 'GET', '/session', { authorization: 'Dev oid-alice' })).status).to.equal(503);
    } finally {
      await app.close();
    }
  });

  it('answers 503 (not 401) when the tenant keys cannot be fetched, so the page does not blame the user', async () => {
    const app = await startTestApp({ env: { AAD_APP_CLIENT_ID: TAB_CLIENT_ID, TAB_TENANT_ID: TAB_TENANT, TAB_SSO_AUTHORITY: 'http://127.0.0.1:9' } });
    const issuer = await TokenIssuer.start();
    try {
      expect(await tabCall(app.url, 'GET', '/session', await issuer.bearer('oid-alice'))).to.deep.equal({ status: 503, body: { error: 'unavailable' } });
    } finally {
      await app.close();
      await issuer.close();
    }
  });

  it('dev mode trusts the identity the page gives, and says so', async () => {
    const app = await startTestApp({ env: { TAB_DEV_MODE: 'true' } });
    try {
      expect((await tabCall(app.url, 'GET', '/mode')).body).to.deep.equal({ mode: 'dev' });
      expect(await tabCall(app.url, 'GET', '/session', { authorization: 'Dev oid-alice' })).to.deep.equal({ status: 200, body: { oid: 'oid-alice', role: 'employee' } });
      expect((await tabCall(app.url, 'GET', '/session', { authorization: 'Dev ../etc' })).status).to.equal(401);
    } finally {
      await app.close();
    }
  });

  it('dev mode is never the default, and is refused when an app id is set', () => {
    expect(loadConfig({}, '/nonexistent').TAB_DEV_MODE).to.equal(false);
    const withAppId = { MicrosoftAppId: '00000000-0000-4000-8000-000000000001', MicrosoftAppPassword: 'secret', TAB_DEV_MODE: 'true' };
    expect(() => loadConfig(withAppId, '/nonexistent')).to.throw(ConfigError, /TAB_DEV_MODE/);
    expect(() => loadConfig({ TAB_DEV_MODE: 'yes' }, '/nonexistent')).to.throw(ConfigError, /TAB_DEV_MODE: must be true or false/);
  });

  it('SSO needs a tenant: AAD_APP_CLIENT_ID without one is a configuration error', () => {
    expect(() => loadConfig({ AAD_APP_CLIENT_ID: TAB_CLIENT_ID }, '/nonexistent')).to.throw(ConfigError, /TAB_TENANT_ID/);
    expect(loadConfig({ AAD_APP_CLIENT_ID: TAB_CLIENT_ID, MicrosoftAppTenantId: TAB_TENANT }, '/nonexistent').AAD_APP_CLIENT_ID).to.equal(TAB_CLIENT_ID);
  });
});
