import { expect } from 'chai';
import { Conversation } from '../../support/conversation.js';
import { storedRecord } from '../../support/records.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

describe('refusal and postponement', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await startTestApp();
  });

  afterEach(async () => {
    await app.close();
  });

  it('user who refuses is answered politely and only the refusal is stored', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-no' });
    await chat.say('bonjour');
    await chat.say('oui');
    await chat.click('common:card.no');
    expect(chat.keys()).to.deep.equal(['preliminaire:engagement.refused']);

    const record = await storedRecord(app, 'aad-no');
    expect(record?.consent).to.have.keys(['refusedAt']);
    expect(record?.answers).to.deep.equal({});
    expect(record?.phases).to.deep.equal({});

    await chat.say('finalement je ne sais pas');
    expect(chat.keys()).to.deep.equal(['common:refused.again']);
    expect((await storedRecord(app, 'aad-no'))?.answers, 'a message after a refusal is not stored').to.deep.equal({});
  });

  it('user who refused can change their mind with "recommencer" after confirming', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-changes-mind' });
    await chat.say('bonjour');
    await chat.say('oui');
    await chat.say('non');
    await chat.say('recommencer');
    expect(chat.keys()).to.deep.equal(['common:commands.restart.confirm']);
    await chat.click('common:commands.restart.yes');
    expect(chat.keys()).to.include.members(['common:commands.restart.done', 'preliminaire:welcome.short']);
    expect((await storedRecord(app, 'aad-changes-mind'))?.consent.refusedAt).to.equal(undefined);
  });

  it('user who skips the engagement question postpones: nothing is stored and "reprendre" starts again', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-later' });
    await chat.say('bonjour');
    await chat.say('oui');
    await chat.click('common:card.skip');
    expect(chat.keys()).to.deep.equal(['preliminaire:engagement.postponed']);
    const record = await storedRecord(app, 'aad-later');
    expect(record?.consent).to.deep.equal({});
    expect(record?.answers).to.deep.equal({});
    expect(record?.phases).to.deep.equal({});

    await chat.say('reprendre');
    expect(chat.keys()).to.include('preliminaire:welcome.short');
  });

  it('user who has not read the information is shown it again until they have', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-reads' });
    await chat.say('bonjour');
    await chat.click('common:card.no');
    expect(chat.keys()).to.include.members(['preliminaire:information.again', 'preliminaire:information.rights']);
    expect(chat.currentPrompt()).to.equal('preliminaire:p17_information_read.prompt');
    expect((await storedRecord(app, 'aad-reads'))?.consent.informationAcknowledgedAt).to.equal(undefined);
  });
});
