import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import { installInPersonalScope, say, teamsMessage, TEST_TENANT_ID, type UserSpec } from '../support/activities.js';
import { adaptiveCardOf, cardTexts } from '../support/cards.js';
import { FakeConnector } from '../support/fake-connector.js';
import { PERSON_ID_SECRET_KEY } from '../../src/infra/crypto/person-ids.js';
import { storedItem, storedKeys } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BOT = { id: '28:bilan-bot', name: 'Bilan' };
const MENTION = { type: 'mention', text: '<at>Bilan</at>', mentioned: BOT };

/** Every paragraph key and card prompt the bot sent through the connector. */
function sentKeys(connector: FakeConnector): string[] {
  return connector.messages.flatMap((a) => (a.text ? a.text.split('\n\n') : cardTexts(adaptiveCardOf(a))));
}

describe('Teams events through the Bot Connector (no expectReplies)', () => {
  let connector: FakeConnector;
  let app: TestApp;
  let users = 0;

  beforeEach(async () => {
    connector = await FakeConnector.start();
    app = await startTestApp();
  });

  afterEach(async () => {
    await app.close();
    await connector.close();
  });

  const newUser = (): UserSpec & { aadObjectId: string } => ({ aadObjectId: `aad-teams-${++users}`, serviceUrl: connector.url });

  /** POSTs an activity the way Teams does (replies go to serviceUrl), expecting 200. */
  const deliver = async (activity: Partial<Activity>) => {
    const response = await app.post(activity);
    await response.arrayBuffer();
    expect(response.status, `${activity.type} answered`).to.equal(200);
  };

  const botAddedToPersonalChat = (user: UserSpec): Partial<Activity> =>
    teamsMessage(user, { type: 'conversationUpdate', membersAdded: [BOT] });

  for (const order of ['installationUpdate first', 'conversationUpdate first'] as const) {
    it(`posts the welcome exactly once when the app is installed in personal scope (${order})`, async () => {
      const user = newUser();
      const events = [installInPersonalScope(user), botAddedToPersonalChat(user)];
      for (const event of order === 'installationUpdate first' ? events : events.reverse()) await deliver(event);

      const keys = sentKeys(connector);
      expect(keys.filter((k) => k === 'preliminaire:welcome.short'), 'welcome messages').to.have.length(1);
      expect(keys.filter((k) => k === 'preliminaire:p17_information_read.prompt'), 'first question cards').to.have.length(1);
      const conversationId = `a:personal-${user.aadObjectId}`;
      for (const call of connector.calls) {
        expect(call.method).to.equal('POST');
        expect(decodeURIComponent(call.path)).to.match(new RegExp(`^/v3/conversations/${escapeRegExp(conversationId)}/activities(/|$)`));
      }
      expect(await storedItem(app.app, user.aadObjectId), 'nothing is stored before the information is read').to.equal(undefined);
    });
  }

  it('does not welcome when another member (not the bot) is added', async () => {
    const user = newUser();
    await deliver(teamsMessage(user, { type: 'conversationUpdate', membersAdded: [{ id: '29:someone-else', name: 'Someone' }] }));
    expect(connector.messages).to.deep.equal([]);
  });

  for (const conversationType of ['channel', 'groupChat'] as const) {
    it(`answers a mention in a ${conversationType} with channel.personalOnly and stores no bilan record`, async () => {
      const user = newUser();
      const conversationId = conversationType === 'channel' ? '19:general@thread.tacv2;messageid=1700000000000' : '19:group-chat@thread.v2';
      await deliver({
        ...say(user, '<at>Bilan</at> aide'),
        conversation: { id: conversationId, conversationType, isGroup: true, tenantId: TEST_TENANT_ID, name: '' },
        channelData: { tenant: { id: TEST_TENANT_ID }, ...(conversationType === 'channel' ? { teamsChannelId: '19:general@thread.tacv2', teamsTeamId: '19:team@thread.tacv2' } : {}) },
        entities: [MENTION],
      });

      expect(sentKeys(connector)).to.deep.equal(['common:channel.personalOnly']);
      expect(decodeURIComponent(connector.calls.find((c) => c.body?.type === 'message')!.path)).to.include(`/v3/conversations/${conversationId}/activities`);
      expect(await storedItem(app.app, user.aadObjectId)).to.equal(undefined);
      expect(await storedKeys(app.dataDir), 'nothing at all is stored for a shared conversation (only the secret of the pseudonyms)').to.deep.equal([PERSON_ID_SECRET_KEY]);
    });
  }

  it('understands "<at>Bilan</at> aide" in personal chat as the help command', async () => {
    const user = newUser();
    await deliver({ ...say(user, '<at>Bilan</at> aide'), entities: [MENTION] });
    expect(sentKeys(connector)).to.deep.equal(['common:commands.help.reply']);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
