import { expect } from 'chai';
import { entraId, teamsMessage, TEST_TENANT_ID } from '../support/activities.js';
import { Conversation } from '../support/conversation.js';
import { FakeConnector } from '../support/fake-connector.js';
import { FixedClock } from '../support/flows.js';
import { FlakyStorage, SimulatedStorageOutage } from '../support/flaky-storage.js';
import { personIdOf } from '../support/http.js';
import { decryptedItems, storedAnywhere } from '../support/encrypted-store.js';
import { engage, installAndEngage, storeEarlierChatState, storedRecord } from '../support/records.js';
import { recordKey } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { questionByPrompt, SHORTEST_PRELIMINAIRE, walkChat } from '../support/walk.js';

type Json = Record<string, unknown>;

const CHANNEL = '19:counsellors@thread.tacv2';
const PUBLIC = 'https://bilan.example.org';
/** What the user types: none of it may survive the deletion anywhere under DATA_DIR. */
const SECRETS = ['Je veux quitter la logistique pour enseigner le violon', 'Mes collègues de Roissy me manqueront', 'commentaire : relu avec Zéphyrine'];
const NEEDLES = ['enseigner le violon', 'collègues de Roissy', 'Zéphyrine'];

function openUrls(card: Json | undefined): Record<string, string> {
  const actions = (card?.['actions'] as Json[] | undefined) ?? [];
  return Object.fromEntries(actions.filter((a) => a['type'] === 'Action.OpenUrl').map((a) => [String(a['title']), String(a['url'])]));
}

describe('data rights over HTTP: export link, deletion everywhere, channel card taken down (fake Teams connector)', () => {
  let connector: FakeConnector;
  let clock: FixedClock;
  let app: TestApp;

  beforeEach(async () => {
    connector = await FakeConnector.start();
    clock = new FixedClock(new Date('2026-06-01T08:00:00.000Z'));
    app = await startTestApp({ clock, env: { COUNSELLOR_ADMINS: entraId('aad-admin'), PUBLIC_BASE_URL: PUBLIC } });
  });

  afterEach(async () => {
    await app.close();
    await connector.close();
  });

  const local = (url: string | undefined) => String(url).replace(PUBLIC, app.url);
  const registerCounsellorChannel = () =>
    app.send(
      teamsMessage(
        { aadObjectId: 'aad-admin', serviceUrl: connector.url },
        {
          text: '<at>Bilan</at> canal conseiller',
          entities: [{ type: 'mention', text: '<at>Bilan</at>', mentioned: { id: '28:bilan-bot', name: 'Bilan' } }],
          conversation: { id: CHANNEL, conversationType: 'channel', tenantId: TEST_TENANT_ID, isGroup: true, name: '' },
          channelData: { tenant: { id: TEST_TENANT_ID }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } },
        },
      ),
    );

  /** A user who installed the app, engaged, typed SECRETS (as answers to free-text questions), and shared their summary with the counsellor channel. */
  async function userWhoShared(aadObjectId: string): Promise<Conversation> {
    await registerCounsellorChannel();
    const chat = new Conversation(app, { aadObjectId });
    await installAndEngage(chat);
    for (const text of SECRETS) {
      // Each secret answers the next free-text question (read from the flows): a choice question would refuse it.
      await walkChat(chat, (prompt) => questionByPrompt(prompt)?.kind === 'text', SHORTEST_PRELIMINAIRE);
      await chat.say(text);
    }
    await chat.say('partager ma synthèse');
    await chat.click('common:sharing.yes');
    expect(chat.keys()).to.deep.equal(['common:sharing.outcome.shared']);
    return chat;
  }

  const deletesOf = (activityId: string | undefined) => connector.callsTo('DELETE', new RegExp(`/v3/conversations/.*/activities/${activityId ?? 'none'}$`));

  it('« mes données » link: everything stored about the user as JSON, built on demand, expiring, not cached', async () => {
    const chat = await userWhoShared('aad-exporter');
    const chatState = await storeEarlierChatState(app, 'aad-exporter');
    await chat.say('conserver un an');
    await chat.click('rights:keep.yes');
    await chat.say('mes données');
    const urls = openUrls(chat.latestCard);
    expect(urls['rights:export.json'], 'the link does not reveal who it is for').to.not.contain(entraId('aad-exporter'));

    const response = await fetch(local(urls['rights:export.json']));
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.contain('application/json');
    expect(response.headers.get('cache-control')).to.equal('no-store');
    expect(response.headers.get('content-disposition')).to.match(/attachment; filename=".+\.json"/);
    const exported = (await response.json()) as Json;
    expect(exported['userId'], 'the pseudonym the data is stored under').to.equal(personIdOf(app.app, 'aad-exporter'));
    expect(JSON.stringify(exported['bilan'])).to.contain(SECRETS[0]);
    expect(exported['consentLedger']).to.have.length(1);
    expect(exported['retentionAgreements']).to.deep.equal([{ agreedAt: clock.iso() }]);
    expect(exported['conversationReference']).to.deep.include({ channelId: 'msteams' });
    expect(Object.keys(exported['dialogState'] as Json), 'a chat state left by an earlier version').to.deep.equal([chatState]);
    expect((exported['channelPosts'] as Json[])[0]).to.deep.include({ channelId: CHANNEL });
    // In words a person reads: the questions as asked, the answers and the synthesis as shown, never an option code.
    const readable = JSON.stringify(exported['readable']);
    expect(readable).to.contain('Zéphyrine');
    const answers = (exported['readable'] as { answers: Json[] }).answers;
    expect(answers.find((a) => a['question'] === 'preliminaire:p00_engagement.prompt'), 'asked as worded (cimode: the key)').to.deep.include({ answer: 'common:card.yes' });
    expect(await storedAnywhere(app, 'bilan-personal-data/1'), 'the export is never stored').to.equal(false);

    const synthesisLink = local(urls['common:synthesis.md']);
    expect((await fetch(synthesisLink.replace('/synthesis/', '/export/').replace(/\.md$/, '.json'))).status, 'a synthesis link is no export link').to.equal(404);
    clock.advance(16 * 60 * 1000);
    expect((await fetch(local(urls['rights:export.json']))).status, 'expired').to.equal(404);
  });

  it('deletion destroys every store, takes the channel card down, and leaves none of the answers on disk', async () => {
    const chat = await userWhoShared('aad-eraser');
    await storeEarlierChatState(app, 'aad-eraser');
    const posted = (await storedRecord(app, 'aad-eraser'))?.sharing?.[0]?.posted;
    for (const needle of NEEDLES) expect(await storedAnywhere(app, needle), `"${needle}" was on disk before`).to.equal(true);
    await chat.say('mes données');
    const links = Object.values(openUrls(chat.latestCard)).map(local);
    expect(links, 'export, synthesis PDF and Markdown').to.have.length(3);
    for (const link of links) expect((await fetch(link)).status, `${link} before the erasure`).to.equal(200);

    await chat.say('supprimer mes données');
    await chat.click('rights:erase.yes');
    expect(chat.keys()[0]).to.equal('rights:certificate.title');
    expect(chat.keys()).to.not.include('rights:certificate.channelPending');
    expect(deletesOf(posted?.activityId), 'the counsellor card is deleted').to.have.length(1);

    for (const link of links) expect((await fetch(link)).status, `${link} dies with the data`).to.equal(404);
    for (const secret of [...NEEDLES, entraId('aad-eraser'), `messageid=${posted?.activityId ?? 'none'}`]) {
      expect(await storedAnywhere(app, secret), `"${secret}" is still on disk`).to.equal(false);
    }
    const proofs = Object.values(await decryptedItems(app)).map((item) => JSON.stringify(item, null, 2));
    const proof = proofs.find((p) => p.includes('"reason": "userRequest"'));
    expect(proof, 'a content-free proof is kept').to.be.a('string');
    expect(proof).to.contain('"channelPostsPending": 0');

    clock.advance(60 * 1000);
    await chat.say('bonjour');
    expect(chat.currentPrompt(), 'starting afresh works').to.equal('preliminaire:p17_information_read.prompt');
    await engage(chat);
    for (const link of links) expect((await fetch(link)).status, `${link} never shows the new bilan`).to.equal(404);
  });

  it('when Teams refuses to delete the card, everything else is destroyed, the user is told, and the sweeper retries', async () => {
    const chat = await userWhoShared('aad-stubborn');
    const posted = (await storedRecord(app, 'aad-stubborn'))?.sharing?.[0]?.posted;
    connector.failNext({ status: 403 });

    await chat.say('delete my data');
    await chat.say('yes');
    expect(chat.keys()).to.include('rights:certificate.channelPending');
    expect(await storedRecord(app, 'aad-stubborn'), 'the record is destroyed anyway').to.equal(undefined);
    for (const needle of NEEDLES) expect(await storedAnywhere(app, needle), `"${needle}" is still on disk`).to.equal(false);
    expect(deletesOf(posted?.activityId)).to.have.length(1);

    expect(await app.app.runRetention()).to.deep.equal({ destroyed: 0, warned: 0, resumed: 1 });
    expect(deletesOf(posted?.activityId), 'retried').to.have.length(2);
    expect(await storedAnywhere(app, `messageid=${posted?.activityId ?? 'none'}`), 'the outbox note is gone once the card is').to.equal(false);
    expect(await app.app.runRetention(), 'nothing left to retry').to.deep.equal({ destroyed: 0, warned: 0, resumed: 0 });
  });
});

/** A storage whose deletes fail while `failDeletes` is set: an erasure interrupted midway. */
class DeletesFail extends FlakyStorage {
  failDeletes = false;

  override async delete(keys: string[]): Promise<void> {
    if (this.failDeletes) throw new SimulatedStorageOutage('delete');
    return super.delete(keys);
  }
}

describe('an erasure interrupted midway (storage fails during the deletion)', () => {
  it('the user is told it failed, and the next sweep finishes it', async () => {
    const storage = new DeletesFail();
    const app = await startTestApp({ storage });
    try {
      const chat = new Conversation(app, { aadObjectId: 'aad-interrupted' });
      await engage(chat);
      await chat.say('Je veux devenir luthière');
      await chat.say('supprimer mes données');
      storage.failDeletes = true;
      await chat.say('oui');
      expect(chat.keys()).to.deep.equal(['common:errors.generic']);

      storage.failDeletes = false;
      expect(await app.app.runRetention()).to.deep.equal({ destroyed: 0, warned: 0, resumed: 1 });
      expect(JSON.stringify(await storage.inner.read([recordKey(app.app, 'aad-interrupted'), `refs/users/${personIdOf(app.app, 'aad-interrupted')}`, 'msteams/conversations/a:personal-aad-interrupted/']))).to.equal('{}');
      const pending = (await storage.inner.read(['erasures/pending']))['erasures/pending'];
      expect(pending.items, 'the user id is gone from the work list too').to.deep.equal([]);
    } finally {
      await app.close();
    }
  });
});
