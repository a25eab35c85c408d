import { expect } from 'chai';
import { entraId, say, TEST_TENANT_ID, type UserSpec } from '../support/activities.js';
import { PERSON_ID_SECRET_KEY } from '../../src/infra/crypto/person-ids.js';
import { anyFileContains, storedItem, storedKeys } from '../support/http.js';
import { FakeTokenIssuer } from '../support/fake-token-issuer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const APP_ID = '00000000-aaaa-bbbb-cccc-000000000002';
const OTHER_TENANT = entraId('tenant-elsewhere');
const PARTNER_TENANT = entraId('tenant-partner');

/** A message from `user` of `tenant`, with a valid Bot Framework token (the token does not name the user's tenant). */
function fromTenant(user: UserSpec, tenant: string, text: string, locale = 'fr-FR') {
  const activity = say({ ...user, locale }, text);
  return { ...activity, conversation: { ...activity.conversation!, tenantId: tenant }, channelData: { tenant: { id: tenant } }, deliveryMode: 'expectReplies' };
}

describe('tenant restriction (with an app id, only the configured tenants may use the bot)', function () {
  this.timeout(30_000);
  let issuer: FakeTokenIssuer;
  let app: TestApp | undefined;

  before(async () => {
    issuer = await FakeTokenIssuer.start();
  });

  after(async () => {
    await issuer.close();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const start = async (env: Record<string, string>) => {
    app = await startTestApp({ env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', ...env }, openIdMetadataUrl: issuer.metadataUrl });
    return app;
  };

  async function send(target: TestApp, activity: ReturnType<typeof fromTenant>): Promise<string[]> {
    const response = await target.post(activity, { authorization: `Bearer ${issuer.token({ appId: APP_ID, serviceUrl: String(activity.serviceUrl) })}` });
    expect(response.status).to.equal(200);
    const body = (await response.json()) as { activities?: { type?: string; text?: string }[] };
    return (body.activities ?? []).filter((a) => a.type === 'message').map((a) => String(a.text));
  }

  it('a user of another tenant gets a polite refusal, in their language, and nothing at all is stored', async () => {
    const target = await start({ MicrosoftAppTenantId: TEST_TENANT_ID });
    const stranger = { aadObjectId: 'aad-stranger' };
    expect(await send(target, fromTenant(stranger, OTHER_TENANT, 'bonjour'))).to.deep.equal(['common:tenant.notAllowed']);
    expect(await send(target, fromTenant(stranger, OTHER_TENANT, 'oui'))).to.deep.equal(['common:tenant.notAllowed']);
    expect(await storedKeys(target.dataDir), 'nothing written: no record, no chat reference (but the secret of the pseudonyms, at startup)').to.deep.equal([PERSON_ID_SECRET_KEY]);
    expect(await anyFileContains(target.dataDir, entraId(stranger.aadObjectId)), 'the stranger is named nowhere on disk').to.equal(false);
    expect(await storedItem(target.app, stranger.aadObjectId)).to.equal(undefined);
    expect(target.rawLogs()).not.to.include(entraId(stranger.aadObjectId));

    const member = { aadObjectId: 'aad-member' };
    expect((await send(target, fromTenant(member, TEST_TENANT_ID, 'bonjour'))).join(' '), 'the tenant configured serves as usual').to.include('preliminaire:');
    // Nothing is stored for the member either before they have read the information (P17): being served is the proof.
  });

  it('refuses in English and in French (real wording)', async () => {
    const target = await startTestApp({ cimode: false, env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TEST_TENANT_ID }, openIdMetadataUrl: issuer.metadataUrl });
    app = target;
    const [english] = await send(target, fromTenant({ aadObjectId: 'aad-en' }, OTHER_TENANT, 'hello', 'en-GB'));
    const [french] = await send(target, fromTenant({ aadObjectId: 'aad-fr' }, OTHER_TENANT, 'bonjour', 'fr-FR'));
    expect(english).to.include('Nothing you write is stored');
    expect(french).to.include("Rien de ce que vous écrivez n'est enregistré");
  });

  it('ALLOWED_TENANT_IDS lists several tenants: each is served, any other is refused', async () => {
    const target = await start({ ALLOWED_TENANT_IDS: `${TEST_TENANT_ID}, ${PARTNER_TENANT}` });
    for (const tenant of [TEST_TENANT_ID, PARTNER_TENANT]) {
      expect((await send(target, fromTenant({ aadObjectId: `aad-of-${tenant}` }, tenant, 'bonjour'))).join(' '), tenant).to.include('preliminaire:');
    }
    expect(await send(target, fromTenant({ aadObjectId: 'aad-outsider' }, OTHER_TENANT, 'bonjour'))).to.deep.equal(['common:tenant.notAllowed']);
    expect(await storedItem(target.app, 'aad-outsider')).to.equal(undefined);
  });

  it('without an app id (local, Playground) every tenant is served', async () => {
    app = await startTestApp({ env: { MicrosoftAppTenantId: TEST_TENANT_ID } });
    const replies = await app.send(fromTenant({ aadObjectId: 'aad-local' }, OTHER_TENANT, 'bonjour'));
    expect(replies.map((a) => a.text).join(' ')).to.include('preliminaire:');
  });
});
