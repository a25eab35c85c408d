import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { PERSON_ID_SECRET_KEY } from '../../src/infra/crypto/person-ids.js';
import { teamsMessage } from '../support/activities.js';
import { Conversation } from '../support/conversation.js';
import { decryptedItems } from '../support/encrypted-store.js';
import { FakeConnector } from '../support/fake-connector.js';
import { filesUnder, personIdOf, storedKeys } from '../support/http.js';
import { engage, storedRecord } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CHANNEL = '19:counsellors@thread.tacv2';

/**
 * Who does a bilan is itself confidential: a listing of the store (keys, file names, the indexes it holds) must not
 * tell it, and nothing at all is stored about a person before they have read the information, or after erasure.
 */
describe('storage keys name nobody; nothing is stored before the information is read or after erasure', () => {
  let connector: FakeConnector;
  let app: TestApp;
  const admin = randomUUID();

  beforeEach(async () => {
    connector = await FakeConnector.start();
    app = await startTestApp({ env: { COUNSELLOR_ADMINS: admin } });
  });

  afterEach(async () => {
    await app.close();
    await connector.close();
  });

  const teamsUser = () => new Conversation(app, { aadObjectId: randomUUID(), serviceUrl: connector.url });
  const oidOf = (chat: Conversation) => String(chat.user.aadObjectId);

  async function registerCounsellorChannel(): Promise<void> {
    await app.send(
      teamsMessage(
        { aadObjectId: admin, serviceUrl: connector.url },
        {
          text: '<at>Bilan</at> canal conseiller',
          entities: [{ type: 'mention', text: '<at>Bilan</at>', mentioned: { id: '28:bilan-bot', name: 'Bilan' } }],
          conversation: { id: CHANNEL, conversationType: 'channel', tenantId: 'tenant-1', isGroup: true, name: '' },
          channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } },
        },
      ),
    );
  }

  /** Everything a store listing shows, and the storage indexes' content once decrypted. */
  async function listing(): Promise<string> {
    const items = await decryptedItems(app);
    const indexes = Object.entries(items).filter(([key]) => key.startsWith('refs/index') || key.startsWith('sharing/'));
    return JSON.stringify({ files: await filesUnder(app.root), keys: Object.keys(items), indexes });
  }

  it('a store holding a shared bilan, a started one and an erased one names none of them, by Entra id or otherwise', async () => {
    await registerCounsellorChannel();
    const sharer = teamsUser();
    await engage(sharer);
    await sharer.say('Envie de changer');
    await sharer.say('partager ma synthèse');
    await sharer.click('common:sharing.yes');
    expect(sharer.keys()).to.deep.equal(['common:sharing.outcome.shared']);
    const starter = teamsUser();
    await engage(starter);
    const eraser = teamsUser();
    await engage(eraser);
    await eraser.say('supprimer mes données');
    await eraser.click('rights:erase.yes');
    expect(eraser.keys()[0]).to.equal('rights:certificate.title');

    const listed = await listing();
    for (const chat of [sharer, starter, eraser]) {
      expect(listed, 'no Entra object id in any key, file name or index').not.to.include(oidOf(chat));
    }
    expect(listed).not.to.include('aad:');
    expect(listed, 'the indexes list the sharer and the starter by their pseudonym').to.include(personIdOf(app.app, oidOf(sharer))).and.to.include(personIdOf(app.app, oidOf(starter)));
    expect((await storedRecord(app, oidOf(sharer)))?.consent.engagedAt, 'their bilans are found again by their pseudonym').to.be.a('string');
  });

  it('a greeting, a language choice or an install stores nothing before the information is read; reading it does', async () => {
    const chat = teamsUser();
    await chat.install();
    expect(chat.keys(), 'the welcome asks whether the information was read').to.include('preliminaire:p17_information_read.prompt');
    await chat.say('bonjour');
    await chat.say('language en');
    expect(chat.keys(), 'the information question is asked again, in the language chosen').to.include('preliminaire:p17_information_read.prompt');
    await chat.say('non');
    expect(chat.keys(), '« non » shows the information again').to.include('preliminaire:information.again');
    expect(await storedKeys(app.dataDir), 'nothing about the person').to.deep.equal([PERSON_ID_SECRET_KEY]);
    expect(await filesUnder(`${app.dataDir}-person-keys`), 'no person key either').to.deep.equal([]);

    await chat.say('oui');
    expect(chat.currentPrompt()).to.equal('preliminaire:p00_engagement.prompt');
    const record = await storedRecord(app, oidOf(chat));
    expect(record?.consent.informationAcknowledgedAt, 'stored from the acknowledgement on').to.be.a('string');
    expect(record?.locale, 'the language chosen before reading the information is kept from the first save').to.equal('en');
    expect(Object.keys(await decryptedItems(app)), 'and the chat, for reminders and retention').to.include(`refs/users/${personIdOf(app.app, oidOf(chat))}`);
  });

  it('a click on « oui » on the welcome card, with nothing stored, is taken as the answer to it', async () => {
    const chat = teamsUser();
    await chat.install();
    await chat.click('common:card.yes');
    expect(chat.currentPrompt()).to.equal('preliminaire:p00_engagement.prompt');
  });

  it('after erasure, « mes données », a greeting or a deletion request stores nothing more about the person', async () => {
    const chat = teamsUser();
    await engage(chat);
    await chat.say('supprimer mes données');
    await chat.click('rights:erase.yes');
    const afterErasure = await storedKeys(app.dataDir);

    await chat.say('mes données');
    expect(chat.keys()).to.include('rights:export.title');
    await chat.say('stop reminders');
    await chat.say('supprimer mes données');
    await chat.click('rights:erase.yes');
    await chat.say('bonjour');

    expect(await storedKeys(app.dataDir), 'the same items as right after the erasure').to.deep.equal(afterErasure);
    expect(afterErasure.filter((key) => key.includes(personIdOf(app.app, oidOf(chat)))), 'none named after the person').to.deep.equal([]);
  });
});
