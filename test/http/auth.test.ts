import { expect } from 'chai';
import { say } from '../support/activities.js';
import { adaptiveCardOf, cardTexts } from '../support/cards.js';
import { filesUnder, storedItem } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const USER = { aadObjectId: 'aad-auth' };
const firstMessage = () => ({ ...say(USER, 'bonjour'), deliveryMode: 'expectReplies' });

describe('Bot Framework authentication on POST /api/messages', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  describe('with MicrosoftAppId and MicrosoftAppPassword set', () => {
    beforeEach(async () => {
      app = await startTestApp({ env: { MicrosoftAppId: '00000000-aaaa-bbbb-cccc-000000000001', MicrosoftAppPassword: 'fake-password-for-tests' } });
    });

    const expectRejected = async (headers: Record<string, string>) => {
      const response = await app!.post(firstMessage(), headers);
      const body = await response.text();
      expect(response.status).to.equal(401);
      expect(body, 'no bot reply in the body').not.to.include('preliminaire:');
      expect(await storedItem(app!.app.storage, USER.aadObjectId), 'no bilan record').to.equal(undefined);
      expect(await filesUnder(app!.dataDir), 'nothing at all was written').to.deep.equal([]);
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
  });

  describe('with an empty MicrosoftAppId (anonymous local mode)', () => {
    it('accepts the same request without a token and starts the bilan', async () => {
      app = await startTestApp({ env: { MicrosoftAppId: '', MicrosoftAppPassword: '' } });
      const response = await app.post(firstMessage());
      expect(response.status).to.equal(200);
      const { activities = [] } = (await response.json()) as { activities?: Parameters<typeof adaptiveCardOf>[0][] };
      const prompts = activities.map((a) => cardTexts(adaptiveCardOf(a))[0]).filter(Boolean);
      expect(prompts).to.deep.equal(['preliminaire:p17_information_read.prompt']);
      expect(await storedItem(app.app.storage, USER.aadObjectId), 'the bilan record exists').not.to.equal(undefined);
    });
  });
});
