import { expect } from 'chai';
import { Conversation } from '../../support/conversation.js';
import { storedRecord as readRecord } from '../../support/records.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { firstNeedsQuestion, typedChoice, walkChat, walkTo } from '../../support/walk.js';

const TRIGGER = "Je veux évoluer vers la gestion de projet après dix ans d'expérience.";
const QUESTIONS = 'Est-ce que mes compétences sont transférables ? Un regard extérieur.';

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
    expect(chat.currentPrompt(), 'the needs analysis starts right after the engagement').to.equal(firstNeedsQuestion().prompt);

    await walkTo(chat, 'p03_situation', { p01_trigger: TRIGGER });
    await chat.answer('change_occupation');
    await walkTo(chat, 'p14_constraints', { p05_questions: QUESTIONS });
    await chat.say(typedChoice('p14_constraints', 'availability', 'remote_work'));
    await walkTo(chat, 'p15_format');
    await chat.answer('mixed');
    await walkTo(chat, 'p16_adjustments');
    await chat.click('common:card.yes');
    await walkTo(chat, 'p16_adjustment_types');
    await chat.answer('schedule');
    await walkTo(chat, 'p10_initiative');
    await chat.answer('employer');
    await walkTo(chat, 'p11_funding');
    await chat.answer('employer_plan');
    await walkTo(chat, 'p11_agreement'); // an employer-initiated bilan asks about the tripartite agreement
    await chat.click('common:card.yes');
    await walkTo(chat, 'p12_freedom');
    await chat.answer('some_pressure');
    expect(chat.keys()).to.include('preliminaire:p12_freedom.pressureNoted');
    await walkTo(chat, 'p13_worries');
    await chat.answer('confidentiality,time');
    expect(chat.keys()).to.include('preliminaire:p13_worries.confidentialityReminder');
    await walkTo(chat, 'p08_clarity');
    await chat.say('4');
    await walkChat(chat, (prompt) => prompt === 'preliminaire:recap.prompt');

    await chat.click('common:recap.confirm');
    expect(chat.keys()).to.include.members(['preliminaire:done.thanks', 'common:phase.nextReady']);

    const record = await storedRecord('aad-fr');
    expect(record?.phases.preliminaire?.status).to.equal('completed');
    expect(record?.consent.informationAcknowledgedAt).to.be.a('string');
    expect(record?.consent.engagedAt).to.be.a('string');
    expect(record?.consent.objectivesConfirmedAt).to.be.a('string');
    expect(record?.answers['p01_trigger']?.value).to.equal(TRIGGER);
    expect(record?.answers['p14_constraints']?.value).to.deep.equal(['availability', 'remote_work']);
    expect(record?.answers['p08_clarity']?.value).to.equal(4);
    expect(record?.answers['p05_questions']?.value, 'questions are the answer to the question asking for them').to.equal(QUESTIONS);
    expect(record?.answers['p00_engagement']?.value).to.equal('yes');

    await chat.click('common:offer.resume');
    expect(chat.keys(), 'the investigation phase starts when the user clicks "Continue now"').to.include('investigation:intro.welcome');
  });

  it('user in English answers by typing only, skips the optional branches and validates later', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-en', locale: 'en-US' });
    await chat.say('hello');
    await chat.say('yes');
    await chat.say('yes');
    const asked = await walkChat(chat, (prompt) => prompt === 'preliminaire:recap.prompt', {
      p01_trigger: 'I want a change',
      p03_situation: typedChoice('p03_situation', 'not_sure'),
      p05_questions: 'A clear plan',
      p14_constraints: typedChoice('p14_constraints', 'none'),
      p15_format: typedChoice('p15_format', 'remote'),
      p16_adjustments: 'no',
      p10_initiative: typedChoice('p10_initiative', 'myself'),
      p11_funding: typedChoice('p11_funding', 'cpf'),
      p12_freedom: typedChoice('p12_freedom', 'free'),
      p13_worries: typedChoice('p13_worries', 'none'),
      p08_clarity: '10',
    });
    expect(asked, 'a self-initiated, CPF-funded bilan skips the tripartite agreement').to.include('p12_freedom').and.not.include('p11_agreement');
    expect(asked, 'no adjustment, no question on which').to.not.include('p16_adjustment_types');
    await chat.click('common:recap.later');
    expect(chat.keys()).to.include('preliminaire:done.thanks');
    await chat.click('common:offer.later');
    expect(chat.keys(), '"Later" says how to come back').to.deep.equal(['common:offer.laterDone']);

    const record = await storedRecord('aad-en');
    expect(record?.phases.preliminaire?.status).to.equal('completed');
    expect(record?.consent.objectivesConfirmedAt, 'validating later is not a confirmation').to.equal(undefined);
    expect(record?.answers['p16_adjustment_types']).to.equal(undefined);
    expect(record?.answers['p03_situation']?.value).to.equal('not_sure');
    expect(record?.answers['p11_agreement']).to.equal(undefined);
    expect(record?.answers['p08_clarity']?.value).to.equal(10);
  });
});
