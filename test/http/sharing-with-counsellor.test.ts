import { expect } from 'chai';
import { entraId, teamsMessage, TEST_TENANT_ID } from '../support/activities.js';
import { adaptiveCardOf, cardTexts } from '../support/cards.js';
import { Conversation } from '../support/conversation.js';
import { FakeConnector } from '../support/fake-connector.js';
import { engage, storedRecord } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CHANNEL = '19:counsellors@thread.tacv2';

describe('sharing the conclusion summary with the counsellor channel (fake Teams connector)', () => {
  let connector: FakeConnector;
  let app: TestApp;

  beforeEach(async () => {
    connector = await FakeConnector.start();
    app = await startTestApp({ env: { COUNSELLOR_ADMINS: `${entraId('aad-admin')}, ${entraId('aad-other-admin')}` } });
  });

  afterEach(async () => {
    await app.close();
    await connector.close();
  });

  /** A message typed in the team channel, @mentioning the bot, by the given person. */
  const inChannel = (aadObjectId: string, text: string) =>
    app.send(
      teamsMessage(
        { aadObjectId, serviceUrl: connector.url },
        {
          text: `<at>Bilan</at> ${text}`,
          entities: [{ type: 'mention', text: '<at>Bilan</at>', mentioned: { id: '28:bilan-bot', name: 'Bilan' } }],
          conversation: { id: CHANNEL, conversationType: 'channel', tenantId: TEST_TENANT_ID, isGroup: true, name: '' },
          channelData: { tenant: { id: TEST_TENANT_ID }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } },
        },
      ),
    );
  const posts = () => connector.callsTo('POST', '/v3/conversations');

  it('only a configured admin can register the counsellor channel', async () => {
    expect((await inChannel('aad-stranger', 'canal conseiller')).map((a) => a.text)).to.deep.equal(['common:channel.notAdmin']);
    expect((await inChannel('aad-admin', 'set counsellor channel')).map((a) => a.text)).to.deep.equal(['common:channel.registered']);
  });

  it('user who shares: asked first, then exactly one card in the channel, without the intake answers; revoking deletes it', async () => {
    await inChannel('aad-admin', 'canal conseiller');
    const chat = new Conversation(app, { aadObjectId: 'aad-sharer' });
    await engage(chat);
    await chat.say('Mon secret: je pense démissionner.');
    expect(posts(), 'nothing leaves the chat before consent').to.have.length(0);

    await chat.say('partager ma synthèse');
    expect(chat.currentPrompt()).to.equal('common:sharing.confirmTitle');
    expect(posts(), 'asking is not agreeing').to.have.length(0);
    await chat.click('common:sharing.yes');
    expect(chat.keys()).to.deep.equal(['common:sharing.outcome.shared']);

    expect(posts()).to.have.length(1);
    const body = posts()[0]?.body as { channelData?: { channel?: { id?: string } }; activity?: Record<string, unknown> };
    expect(body.channelData?.channel?.id).to.equal(CHANNEL);
    const card = adaptiveCardOf(body.activity);
    expect(cardTexts(card)[0]).to.equal('common:sharing.cardTitle');
    expect(cardTexts(card).at(-1), 'the rest is in the document the person owns').to.equal('common:sharing.cardWholeDocument');
    expect(JSON.stringify(card), 'the intake (phase préliminaire) is not shared').to.not.contain('démissionner');
    const entry = (await storedRecord(app, 'aad-sharer'))?.sharing?.[0];
    expect(entry).to.deep.include({ recipient: 'counsellor', parts: ['conclusionSummary'] });
    expect(entry?.grantedAt).to.be.a('string');
    expect(entry?.posted?.conversationId).to.contain(CHANNEL);

    await chat.say('partager ma synthèse');
    await chat.click('common:sharing.yes');
    expect(chat.keys()).to.deep.equal(['common:sharing.outcome.alreadyShared']);
    expect(posts(), 'never posted twice').to.have.length(1);

    await chat.say('retirer le partage');
    expect(chat.keys()).to.deep.equal(['common:sharing.outcome.revoked']);
    expect(connector.callsTo('DELETE', new RegExp(`/v3/conversations/.*/activities/${entry?.posted?.activityId ?? ''}$`))).to.have.length(1);
    expect((await storedRecord(app, 'aad-sharer'))?.sharing?.[0]?.revokedAt, 'the revocation is recorded, dated').to.be.a('string');
  });

  it('when Teams refuses to delete the card, the revocation still counts: the user is told the deletion is pending, and the sweeper deletes it', async () => {
    await inChannel('aad-admin', 'canal conseiller');
    const chat = new Conversation(app, { aadObjectId: 'aad-revoker' });
    await engage(chat);
    await chat.say('partager ma synthèse');
    await chat.click('common:sharing.yes');
    connector.failNext({ status: 403 });

    await chat.say('retirer le partage');

    expect(chat.keys()).to.deep.equal(['common:sharing.outcome.revokedPending']);
    expect(connector.callsTo('DELETE', /\/activities\//)).to.have.length(1);
    const entry = (await storedRecord(app, 'aad-revoker'))?.sharing?.[0];
    expect(entry?.revokedAt, 'the withdrawal of consent is effective at once').to.be.a('string');

    await app.app.runRetention();
    expect(connector.callsTo('DELETE', new RegExp(`/activities/${entry?.posted?.activityId ?? 'none'}$`)), 'deleted once Teams accepts').to.have.length(2);
    await app.app.runRetention();
    expect(connector.callsTo('DELETE', /\/activities\//), 'and never again').to.have.length(2);
  });

  it('user who declines leaves no trace in any channel', async () => {
    await inChannel('aad-admin', 'canal conseiller');
    const chat = new Conversation(app, { aadObjectId: 'aad-decliner' });
    await engage(chat);
    await chat.say('partager ma synthèse');
    await chat.click('common:sharing.no');
    expect(chat.keys()).to.deep.equal(['common:sharing.cancelled']);
    expect(posts()).to.have.length(0);
    expect((await storedRecord(app, 'aad-decliner'))?.sharing ?? []).to.deep.equal([]);
  });

  it('with no counsellor channel registered, nothing is shared and no consent is recorded', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-early' });
    await engage(chat);
    await chat.say('share my synthesis');
    await chat.click('common:sharing.yes');
    expect(chat.keys()).to.deep.equal(['common:sharing.outcome.noChannel']);
    expect(posts()).to.have.length(0);
    expect((await storedRecord(app, 'aad-early'))?.sharing ?? []).to.deep.equal([]);
  });

  describe('with the counsellor channel fixed by configuration (COUNSELLOR_CHANNEL_ID)', () => {
    const FIXED = '19:fixed-counsellors@thread.tacv2';
    let fixedApp: TestApp;

    beforeEach(async () => {
      fixedApp = await startTestApp({
        env: { COUNSELLOR_ADMINS: entraId('aad-admin'), COUNSELLOR_CHANNEL_ID: FIXED, CHANNEL_SERVICE_URL: connector.url, CHANNEL_TENANT_ID: entraId('tenant-9') },
      });
    });

    afterEach(() => fixedApp.close());

    it('posts the consented card there, through the configured service URL and tenant, without any registration', async () => {
      const chat = new Conversation(fixedApp, { aadObjectId: 'aad-configured' });
      await engage(chat);
      await chat.say('partager ma synthèse');
      await chat.click('common:sharing.yes');
      expect(chat.keys()).to.deep.equal(['common:sharing.outcome.shared']);
      expect(posts()).to.have.length(1);
      const body = posts()[0]?.body as { channelData?: { channel?: { id?: string }; tenant?: { id?: string } } };
      expect(body.channelData?.channel?.id).to.equal(FIXED);
      expect(body.channelData?.tenant?.id).to.equal(entraId('tenant-9'));
    });

    it('cannot be replaced from Teams, even by an admin', async () => {
      const registering = teamsMessage(
        { aadObjectId: 'aad-admin', serviceUrl: connector.url },
        {
          text: 'canal conseiller',
          conversation: { id: CHANNEL, conversationType: 'channel', tenantId: TEST_TENANT_ID, isGroup: true, name: '' },
          channelData: { tenant: { id: TEST_TENANT_ID }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } },
        },
      );
      expect((await fixedApp.send(registering)).map((a) => a.text)).to.deep.equal(['common:channel.fixedByConfig']);
      const chat = new Conversation(fixedApp, { aadObjectId: 'aad-after' });
      await engage(chat);
      await chat.say('partager ma synthèse');
      await chat.click('common:sharing.yes');
      const body = posts()[0]?.body as { channelData?: { channel?: { id?: string } } };
      expect(body.channelData?.channel?.id).to.equal(FIXED);
    });
  });
});
