import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { entraId, say, TEST_TENANT_ID } from '../support/activities.js';
import { adaptiveCardOf, cardTexts } from '../support/cards.js';
import { PERSON_ID_SECRET_KEY } from '../../src/infra/crypto/person-ids.js';
import { storedItem, storedKeys } from '../support/http.js';
import { FakeTokenIssuer } from '../support/fake-token-issuer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const USER = { aadObjectId: 'aad-auth' };
const APP_ID = '00000000-aaaa-bbbb-cccc-000000000001';
const APP_PASSWORD = 'fake-password-for-tests';

/** Everything written to stderr (console.error included) while `run` runs. */
async function stderrDuring(run: () => Promise<void>): Promise<string> {
  let captured = '';
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: unknown) => {
    captured += String(chunk);
    return true;
  });
  try {
    await run();
  } finally {
    process.stderr.write = original;
  }
  return captured;
}
const firstMessage = () => ({ ...say(USER, 'bonjour'), deliveryMode: 'expectReplies' });

describe('Bot Framework authentication on POST /api/messages', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  describe('with MicrosoftAppId and MicrosoftAppPassword set', () => {
    let issuer: FakeTokenIssuer;

    beforeEach(async () => {
      issuer = await FakeTokenIssuer.start();
      app = await startTestApp({ env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, MicrosoftAppTenantId: TEST_TENANT_ID }, openIdMetadataUrl: issuer.metadataUrl });
    });

    afterEach(async () => {
      await issuer.close();
    });

    const claims = () => ({ appId: APP_ID, serviceUrl: String(firstMessage().serviceUrl) });

    const expectRejected = async (headers: Record<string, string>) => {
      const response = await app!.post(firstMessage(), headers);
      const body = await response.text();
      expect(response.status).to.equal(401);
      expect(body, 'no bot reply in the body').not.to.include('preliminaire:');
      expect(await storedItem(app!.app, USER.aadObjectId), 'no bilan record').to.equal(undefined);
      expect(await storedKeys(app!.dataDir), 'nothing at all was written (but the secret of the pseudonyms, at startup)').to.deep.equal([PERSON_ID_SECRET_KEY]);
    };

    it('answers 401 to a request without an Authorization header, and stores nothing', async () => {
      await expectRejected({});
    });

    it('answers 401 to a request with a junk bearer token, and stores nothing', async () => {
      await expectRejected({ authorization: 'Bearer not-a-real-token' });
    });

    it('answers 401 to a request with a non-bearer Authorization header, and stores nothing', async () => {
      await expectRejected({ authorization: 'Basic YWRtaW46YWRtaW4=' });
    });

    it('answers 401 to a well-formed token with the published key id but signed by another key, and stores nothing', async () => {
      await stderrDuring(() => expectRejected({ authorization: `Bearer ${issuer.forgedToken(claims())}` }));
    });

    it('answers 401 to an expired token signed by the published key, and stores nothing', async () => {
      await stderrDuring(() => expectRejected({ authorization: `Bearer ${issuer.token({ ...claims(), expiresIn: -600 })}` }));
    });

    it('answers 401 to a token issued for another bot (audience), and stores nothing', async () => {
      await expectRejected({ authorization: `Bearer ${issuer.token({ ...claims(), appId: '00000000-aaaa-bbbb-cccc-000000000999' })}` });
    });

    it('accepts the same request with a valid token (the rejections above are about the token, not the setup)', async () => {
      const response = await app!.post(firstMessage(), { authorization: `Bearer ${issuer.token(claims())}` });
      expect(response.status).to.equal(200);
      expect(await response.text()).to.include('preliminaire:');
      expect(await storedItem(app!.app, USER.aadObjectId), 'nothing is stored before the information is read').to.equal(undefined);
    });

    it('logs one warning line per rejected request, with no key or stack, and prints nothing on stderr', async () => {
      const otherBot = issuer.token({ ...claims(), appId: '00000000-aaaa-bbbb-cccc-000000000999' });
      // A forged or expired token naming a published key made botframework-connector's validator print a stack or the public keys.
      const forged = issuer.forgedToken(claims());
      const expired = issuer.token({ ...claims(), expiresIn: -600 });
      const before = app!.rawLogs().length;
      const stderr = await stderrDuring(async () => {
        for (const authorization of ['', 'Bearer junk', 'Basic YWRtaW46YWRtaW4=', `Bearer ${otherBot}`, `Bearer ${forged}`, `Bearer ${expired}`]) {
          expect((await app!.post(firstMessage(), authorization ? { authorization } : {})).status).to.equal(401);
        }
      });
      expect(stderr).to.equal('');
      const logged = app!.rawLogs().slice(before).split('\n').filter(Boolean);
      const warnings = logged.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => Number(line['level']) >= 40);
      expect(warnings.map((line) => line['msg'])).to.deep.equal(Array(6).fill('request rejected: no valid Bot Framework token'));
      expect(logged.join('\n')).not.to.match(/BEGIN|PUBLIC KEY|MII|at .+\.js:\d+/);
    });

    it('GET /healthz says only whether the bot is up: no secret, id, path or count', async () => {
      expect((await app!.post(firstMessage(), { authorization: `Bearer ${issuer.token(claims())}` })).status).to.equal(200);
      const response = await fetch(`${app!.url}/healthz`);
      const text = await response.text();
      expect(response.status).to.equal(200);
      expect(JSON.parse(text)).to.deep.equal({ status: 'ok', version: (JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version, storage: { kind: 'lowdb', reachable: true } });
      const keyFile = await readFile(app!.keyFile, 'utf8');
      for (const secret of [APP_ID, APP_PASSWORD, app!.dataDir, app!.root, keyFile.trim(), entraId(USER.aadObjectId), TEST_TENANT_ID]) expect(text).not.to.include(secret);
      expect(text.match(/\d+/g)?.join('.'), 'the only digits are the version').to.equal(JSON.parse(text).version);
    });
  });

  describe('with an empty MicrosoftAppId (anonymous local mode)', () => {
    it('accepts the same request without a token and starts the bilan', async () => {
      app = await startTestApp({ env: { MicrosoftAppId: '', MicrosoftAppPassword: '' } });
      const response = await app.post(firstMessage());
      expect(response.status).to.equal(200);
      const { activities = [] } = (await response.json()) as { activities?: Parameters<typeof adaptiveCardOf>[0][] };
      const prompts = activities.map((a) => cardTexts(adaptiveCardOf(a))[0]).filter(Boolean);
      expect(prompts).to.deep.equal(['preliminaire:p17_information_read.prompt']);
      expect(await storedItem(app.app, USER.aadObjectId), 'nothing is stored before the information is read').to.equal(undefined);
    });
  });
});
