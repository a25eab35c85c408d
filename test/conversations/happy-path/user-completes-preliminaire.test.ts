import { expect } from 'chai';
import { Conversation } from '../../support/conversation.js';
import { storedRecord as readRecord } from '../../support/records.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

describe('happy path: the phase préliminaire', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await startTestApp();
  });

  afterEach(async () => {
    await app.close();
  });

  const storedRecord = (aadObjectId: string) => readRecord(app, aadObjectId);

  it('user in French goes through information, engagement, needs analysis and confirms the recap', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-fr', locale: 'fr-FR' });
    await chat.say('bonjour');
    expect(chat.keys(), 'a short welcome, then P17 with the rights in full one tap away').to.include.members(['preliminaire:welcome.short', 'preliminaire:welcome.phases', 'preliminaire:information.rights']);
    expect(chat.currentPrompt()).to.equal('preliminaire:p17_information_read.prompt');

    await chat.click('common:card.yes');
    expect(chat.currentPrompt()).to.equal('preliminaire:p00_engagement.prompt');
    await chat.say('oui');
    expect(chat.keys()).to.include.members(['preliminaire:engagement.thanks', 'preliminaire:engagement.privacy']);
    expect(chat.currentPrompt()).to.equal('preliminaire:p01_trigger.prompt');

    await chat.say("Je veux évoluer vers la gestion de projet après dix ans d'expérience.");
    expect(chat.currentPrompt()).to.equal('preliminaire:p03_situation.prompt');
    await chat.answer('change_occupation');
    await chat.say('Est-ce que mes compétences sont transférables ? Un regard extérieur.');
    expect(chat.currentPrompt()).to.equal('preliminaire:p14_constraints.prompt');
    await chat.say('1, 5');
    expect(chat.currentPrompt()).to.equal('preliminaire:p15_format.prompt');
    await chat.answer('mixed');
    expect(chat.currentPrompt()).to.equal('preliminaire:p16_adjustments.prompt');
    await chat.click('common:card.yes');
    expect(chat.currentPrompt()).to.equal('preliminaire:p16_adjustment_types.prompt');
    await chat.answer('schedule');
    await chat.answer('employer');
    await chat.answer('employer_plan');
    expect(chat.currentPrompt(), 'an employer-initiated bilan asks about the tripartite agreement').to.equal('preliminaire:p11_agreement.prompt');
    await chat.click('common:card.yes');
    await chat.answer('some_pressure');
    expect(chat.keys()).to.include('preliminaire:p12_freedom.pressureNoted');
    await chat.answer('confidentiality,time');
    expect(chat.keys()).to.include('preliminaire:p13_worries.confidentialityReminder');
    expect(chat.currentPrompt()).to.equal('preliminaire:p08_clarity.prompt');
    await chat.say('4');
    expect(chat.currentPrompt()).to.equal('preliminaire:recap.prompt');

    await chat.click('common:recap.confirm');
    expect(chat.keys()).to.include.members(['preliminaire:done.thanks', 'common:phase.nextReady']);

    const record = await storedRecord('aad-fr');
    expect(record?.phases.preliminaire?.status).to.equal('completed');
    expect(record?.consent.informationAcknowledgedAt).to.be.a('string');
    expect(record?.consent.engagedAt).to.be.a('string');
    expect(record?.consent.objectivesConfirmedAt).to.be.a('string');
    expect(record?.answers['p01_trigger']?.value).to.equal("Je veux évoluer vers la gestion de projet après dix ans d'expérience.");
    expect(record?.answers['p14_constraints']?.value).to.deep.equal(['availability', 'remote_work']);
    expect(record?.answers['p08_clarity']?.value).to.equal(4);
    expect(record?.answers['p05_questions']?.value, 'questions are the answer to the question asking for them').to.contain('transférables ?');
    expect(record?.answers['p00_engagement']?.value).to.equal('yes');

    await chat.click('common:offer.resume');
    expect(chat.keys(), 'the investigation phase starts when the user clicks "Continue now"').to.include('investigation:intro.welcome');
  });

  it('user in English answers by typing only, skips the optional branches and validates later', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-en', locale: 'en-US' });
    await chat.say('hello');
    await chat.say('yes');
    await chat.say('yes');
    const typed = ['I want a change', '6', 'A clear plan', '6', '2', 'no', '1', '1'];
    for (const text of typed) await chat.say(text);
    expect(chat.currentPrompt(), 'a self-initiated, CPF-funded bilan skips the tripartite agreement').to.equal('preliminaire:p12_freedom.prompt');
    await chat.say('1');
    await chat.say('4');
    await chat.say('10');
    expect(chat.currentPrompt()).to.equal('preliminaire:recap.prompt');
    await chat.click('common:recap.later');
    expect(chat.keys()).to.include('preliminaire:done.thanks');
    await chat.click('common:offer.later');
    expect(chat.keys(), '"Later" says how to come back').to.deep.equal(['common:offer.laterDone']);

    const record = await storedRecord('aad-en');
    expect(record?.phases.preliminaire?.status).to.equal('completed');
    expect(record?.consent.objectivesConfirmedAt, 'validating later is not a confirmation').to.equal(undefined);
    expect(record?.answers['p16_adjustment_types']).to.equal(undefined);
    expect(record?.answers['p11_agreement']).to.equal(undefined);
    expect(record?.answers['p08_clarity']?.value).to.equal(10);
  });
});
