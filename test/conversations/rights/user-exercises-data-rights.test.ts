import { expect } from 'chai';
import { submitActions } from '../../support/cards.js';
import { Conversation } from '../../support/conversation.js';
import { FixedClock } from '../../support/flows.js';
import { engage, installAndEngage, storeEarlierChatState, storedRecord } from '../../support/records.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const MINUTE_MS = 60 * 1000;

describe('data rights in the chat: « mes données », « supprimer mes données », « conserver un an »', () => {
  let app: TestApp;
  let clock: FixedClock;

  beforeEach(async () => {
    clock = new FixedClock(new Date('2026-05-04T09:00:00.000Z'));
    app = await startTestApp({ clock });
  });

  afterEach(async () => {
    await app.close();
  });

  const openUrls = (chat: Conversation) => ((chat.latestCard?.['actions'] ?? []) as { type: string; title: string; url: string }[]).filter((a) => a.type === 'Action.OpenUrl');

  it('« mes données » gives personal links to the JSON export and to the synthesis', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-curious' });
    await engage(chat);
    await chat.say('mes données');
    expect(chat.keys()).to.deep.equal(['rights:export.title', 'rights:export.what', 'rights:export.notice']);
    expect(openUrls(chat).map((a) => a.title)).to.deep.equal(['rights:export.json', 'common:synthesis.pdf', 'common:synthesis.md']);
    expect(openUrls(chat)[0]?.url).to.match(/\/export\/[\w-]{20,}\.json$/);
  });

  it('"my data" before engaging still exports (what little is kept), without synthesis links', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-new' });
    await chat.say('my data');
    expect(openUrls(chat).map((a) => a.title)).to.deep.equal(['rights:export.json']);
  });

  it('asks before deleting; « non » typed keeps everything', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-hesitant' });
    await engage(chat);
    await chat.say('supprimer mes données');
    expect(chat.currentPrompt()).to.equal('rights:erase.confirmTitle');
    expect(submitActions(chat.latestCard).map((a) => a.title)).to.deep.equal(['rights:erase.yes', 'rights:erase.no']);
    expect(await storedRecord(app, 'aad-hesitant'), 'asking is not deleting').to.not.equal(undefined);
    await chat.say('non');
    expect(chat.keys()).to.deep.equal(['rights:erase.cancelled']);
    expect((await storedRecord(app, 'aad-hesitant'))?.consent.engagedAt).to.be.a('string');
  });

  it('« oui » typed deletes, answers with a certificate, and the user can start afresh', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-leaver' });
    await installAndEngage(chat);
    await storeEarlierChatState(app, 'aad-leaver');
    await chat.say('supprimer mes données');
    await chat.say('oui');
    expect(chat.keys()).to.deep.equal([
      'rights:certificate.title',
      'rights:certificate.date',
      'rights:certificate.destroyed',
      '- rights:categories.bilanRecord\n- rights:categories.dialogState\n- rights:categories.conversationReference',
      'rights:certificate.kept',
      'rights:certificate.afresh',
    ]);
    expect(await storedRecord(app, 'aad-leaver')).to.equal(undefined);

    await chat.say('bonjour');
    expect(chat.keys(), 'a new bilan starts from the welcome').to.include('preliminaire:welcome.short');
    expect(chat.currentPrompt()).to.equal('preliminaire:p17_information_read.prompt');
  });

  it('the buttons work too: « Non » cancels, « Oui » deletes', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-clicker' });
    await engage(chat);
    await chat.say('delete my data');
    await chat.click('rights:erase.no');
    expect(chat.keys()).to.deep.equal(['rights:erase.cancelled']);
    await chat.say('delete my data');
    await chat.click('rights:erase.yes');
    expect(chat.keys()[0]).to.equal('rights:certificate.title');
    expect(await storedRecord(app, 'aad-clicker')).to.equal(undefined);
  });

  it('a « oui » typed long after the question, or after another message, is an ordinary answer', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-late' });
    await engage(chat);
    await chat.say('supprimer mes données');
    clock.advance(11 * MINUTE_MS);
    await chat.say('oui');
    expect(chat.keys()).to.not.include('rights:certificate.title');
    expect(await storedRecord(app, 'aad-late')).to.not.equal(undefined);

    await chat.say('supprimer mes données');
    await chat.say('où j’en suis');
    await chat.say('oui');
    expect(chat.keys()).to.not.include('rights:certificate.title');
    expect(await storedRecord(app, 'aad-late')).to.not.equal(undefined);

    await chat.say('supprimer mes données');
    await chat.submit({ bilan: 'command', command: 'resume' });
    await chat.say('oui');
    expect(chat.keys(), 'a card clicked in between drops the question too').to.not.include('rights:certificate.title');
    expect(await storedRecord(app, 'aad-late')).to.not.equal(undefined);
  });

  it('« conserver un an » asks, records the dated agreement; « ne pas conserver » revokes it', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-follow-up' });
    await engage(chat);
    await chat.say('conserver un an');
    expect(chat.currentPrompt()).to.equal('rights:keep.confirmTitle');
    expect((await storedRecord(app, 'aad-follow-up'))?.retentionAgreements, 'asking is not agreeing').to.equal(undefined);
    await chat.click('rights:keep.yes');
    expect(chat.keys()).to.deep.equal(['rights:keep.outcome.kept']);
    expect((await storedRecord(app, 'aad-follow-up'))?.retentionAgreements).to.deep.equal([{ agreedAt: clock.iso() }]);

    await chat.say('keep for a year');
    await chat.click('rights:keep.yes');
    expect(chat.keys()).to.deep.equal(['rights:keep.outcome.alreadyKept']);

    clock.advance(MINUTE_MS);
    await chat.say('ne pas conserver');
    expect(chat.keys()).to.deep.equal(['rights:keep.outcome.revoked']);
    expect((await storedRecord(app, 'aad-follow-up'))?.retentionAgreements?.[0]?.revokedAt).to.equal(clock.iso());
  });

  it('declining the extension, or asking before engaging, records nothing', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-no-keep' });
    await chat.say('conserver un an');
    await chat.click('rights:keep.yes');
    expect(chat.keys()).to.deep.equal(['rights:keep.outcome.notEngaged']);
    await engage(chat);
    await chat.say('conserver un an');
    await chat.click('rights:keep.no');
    expect(chat.keys()).to.deep.equal(['rights:keep.cancelled']);
    expect((await storedRecord(app, 'aad-no-keep'))?.retentionAgreements).to.equal(undefined);
  });
});
