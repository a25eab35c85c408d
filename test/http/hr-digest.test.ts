import { expect } from 'chai';
import { entraId, teamsMessage, TEST_TENANT_ID } from '../support/activities.js';
import { adaptiveCardOf } from '../support/cards.js';
import { Conversation } from '../support/conversation.js';
import { FakeConnector } from '../support/fake-connector.js';
import { FixedClock } from '../support/flows.js';
import { engage } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const HR_CHANNEL = '19:hr@thread.tacv2';
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

describe('HR channel: an anonymous weekly count, nothing else', () => {
  let connector: FakeConnector;
  let clock: FixedClock;
  let app: TestApp;

  beforeEach(async () => {
    connector = await FakeConnector.start();
    clock = new FixedClock(new Date('2026-11-24T10:00:00.000Z'));
    app = await startTestApp({ clock, env: { COUNSELLOR_ADMINS: entraId('aad-admin') } });
    const registered = await app.send(
      teamsMessage(
        { aadObjectId: 'aad-admin', serviceUrl: connector.url },
        {
          text: '<at>Bilan</at> canal RH',
          entities: [{ type: 'mention', text: '<at>Bilan</at>', mentioned: { id: '28:bilan-bot', name: 'Bilan' } }],
          conversation: { id: HR_CHANNEL, conversationType: 'channel', tenantId: TEST_TENANT_ID, isGroup: true, name: '' },
          channelData: { tenant: { id: TEST_TENANT_ID }, channel: { id: HR_CHANNEL } },
        },
      ),
    );
    expect(registered.map((a) => a.text)).to.deep.equal(['common:channel.registeredHr']);
  });

  afterEach(async () => {
    await app.close();
    await connector.close();
  });

  const facts = () => {
    const posts = connector.callsTo('POST', '/v3/conversations');
    const card = adaptiveCardOf((posts.at(-1)?.body as { activity?: Record<string, unknown> } | undefined)?.activity);
    const set = ((card?.['body'] as Record<string, unknown>[] | undefined) ?? []).find((e) => e['type'] === 'FactSet') as { facts: { title: string; value: string }[] } | undefined;
    return Object.fromEntries((set?.facts ?? []).map((f) => [f.title, f.value]));
  };

  it('posts last week\'s count once, with no name and no answer in it', async () => {
    for (let i = 0; i < 6; i++) {
      const chat = new Conversation(app, { aadObjectId: `aad-employee-${i}` });
      await engage(chat);
      await chat.say(`Réponse confidentielle numéro ${i}`);
    }
    clock.advance(WEEK_MS);
    expect(await app.app.runHrDigest()).to.equal('2026-W48');
    const posts = connector.callsTo('POST', '/v3/conversations');
    expect(posts).to.have.length(1);
    expect((posts[0]?.body as { channelData?: { channel?: { id?: string } } }).channelData?.channel?.id).to.equal(HR_CHANNEL);
    expect(facts()).to.deep.equal({ 'common:hr.started': '6', 'common:hr.completed': 'common:hr.fewer' });
    const posted = JSON.stringify(posts[0]?.body);
    expect(posted).to.not.match(/aad-employee|confidentielle|Test User/);
    for (let i = 0; i < 6; i++) expect(posted).to.not.include(entraId(`aad-employee-${i}`));

    await app.app.runHrDigest();
    expect(connector.callsTo('POST', '/v3/conversations'), 'once a week, never twice').to.have.length(1);
  });

  it('masks small counts that could point to a person', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-alone' });
    await engage(chat);
    clock.advance(WEEK_MS);
    await app.app.runHrDigest();
    expect(facts()['common:hr.started']).to.equal('common:hr.fewer');
  });
});
