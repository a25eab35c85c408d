import { expect } from 'chai';
import { Conversation } from '../../support/conversation.js';
import { engage, storedRecord } from '../../support/records.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { promptAfter, walkToTextQuestion } from '../../support/walk.js';
import type { QuestionStep } from '../../../src/core/flow/flow-schema.js';

describe('commands at any point', () => {
  let app: TestApp;
  let chat: Conversation;
  /** The free-text question open when each test starts, and the prompt of the one after it (from dialogs/). */
  let question: QuestionStep;
  let nextPrompt: string | undefined;

  beforeEach(async () => {
    app = await startTestApp();
    chat = new Conversation(app, { aadObjectId: 'aad-cmd' });
    await engage(chat);
    question = await walkToTextQuestion(chat);
    nextPrompt = promptAfter(question.id);
  });

  afterEach(async () => {
    await app.close();
  });

  it('user asks for help in French or English and can still answer the open question', async () => {
    for (const word of ['aide', 'Help', ' AIDE ! ']) {
      await chat.say(word);
      expect(chat.keys()).to.deep.equal(['common:commands.help.reply']);
    }
    await chat.answer('Envie de changement');
    expect(chat.currentPrompt()).to.equal(nextPrompt);
    expect((await storedRecord(app, 'aad-cmd'))?.answers[question.id]?.value).to.equal('Envie de changement');
  });

  it('user pauses, comes back days later with any message and is shown where they were', async () => {
    await chat.say('pause');
    expect(chat.keys()).to.deep.equal(['common:commands.pause.done']);
    expect((await storedRecord(app, 'aad-cmd'))?.pausedAt).to.be.a('string');

    await chat.say('salut, me revoilà');
    expect(chat.keys()).to.deep.equal(['common:commands.resume.welcomeBack', question.prompt, ...(question.hint ? [question.hint] : []), 'common:card.typeOrClick', question.purpose]);
    const record = await storedRecord(app, 'aad-cmd');
    expect(record?.pausedAt).to.equal(undefined);
    expect(record?.answers[question.id], 'the greeting is not taken as an answer').to.equal(undefined);
  });

  it('user types "reprendre" after a pause and gets the same question back', async () => {
    await chat.say('pause');
    await chat.say('reprendre');
    expect(chat.keys()[0]).to.equal('common:commands.resume.welcomeBack');
    expect(chat.currentPrompt()).to.equal(question.prompt);
  });

  it('user asks "où j\'en suis" and gets the phase, the percentage and what comes next', async () => {
    await chat.say('Envie de changement');
    await chat.say("Où j'en suis ?");
    expect(chat.keys()).to.deep.equal([
      'common:commands.status.phase',
      'common:commands.status.overall',
      'common:commands.status.current',
      'common:commands.status.next',
    ]);
    expect(chat.currentPrompt(), 'the status changes nothing').to.equal(nextPrompt);
  });

  it('user restarts: asked to confirm, cancelling keeps everything, confirming erases the answers', async () => {
    await chat.say('Envie de changement');
    await chat.say('recommencer');
    expect(chat.keys()).to.deep.equal(['common:commands.restart.confirm']);
    await chat.click('common:commands.restart.no');
    expect(chat.keys()).to.include('common:commands.restart.cancelled');
    expect(chat.currentPrompt()).to.equal(nextPrompt);
    expect((await storedRecord(app, 'aad-cmd'))?.answers[question.id]).to.not.equal(undefined);

    await chat.say('restart');
    await chat.click('common:commands.restart.yes');
    expect(chat.keys()).to.include.members(['common:commands.restart.done', 'preliminaire:welcome.short']);
    const record = await storedRecord(app, 'aad-cmd');
    expect(record?.answers).to.deep.equal({});
    expect(record?.consent.engagedAt).to.equal(undefined);
  });

  it('user switches language mid-phase: the choice is saved and the open question is asked again', async () => {
    await chat.say('langue');
    expect(chat.keys()).to.deep.equal(['common:commands.language.choose']);
    await chat.click('common:languages.en');
    expect(chat.keys()[0]).to.equal('common:commands.language.changed');
    expect(chat.currentPrompt()).to.equal(question.prompt);
    expect((await storedRecord(app, 'aad-cmd'))?.locale).to.equal('en');

    await chat.say('language fr');
    expect((await storedRecord(app, 'aad-cmd'))?.locale).to.equal('fr');
  });

  it('user switches language while paused, when no question is open: the change is confirmed, no apology', async () => {
    await chat.say('pause');
    await chat.say('langue en');
    expect(chat.keys()).to.deep.equal(['common:commands.language.changed']);
    await chat.say('language fr');
    expect(chat.keys()).to.deep.equal(['common:commands.language.changed']);
    expect((await storedRecord(app, 'aad-cmd'))?.locale).to.equal('fr');
  });

  it('user sends an empty message: the open question is shown again and nothing is stored', async () => {
    const before = await storedRecord(app, 'aad-cmd');
    await chat.say('');
    expect(chat.keys()[0]).to.equal('common:input.empty');
    expect(chat.currentPrompt()).to.equal(question.prompt);
    expect((await storedRecord(app, 'aad-cmd'))?.answers).to.deep.equal(before?.answers);
  });

  it('a command word inside a longer answer is an answer, not a command', async () => {
    await chat.say("J'ai besoin d'aide pour faire une pause dans ma carrière");
    expect(chat.currentPrompt()).to.equal(nextPrompt);
    expect((await storedRecord(app, 'aad-cmd'))?.answers[question.id]?.value).to.contain('pause');
  });
});
