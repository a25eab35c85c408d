import { expect } from 'chai';
import { submitCard, type UserSpec } from '../support/activities.js';
import { actionTitled, cardTexts, choiceValues } from '../support/cards.js';
import { Conversation } from '../support/conversation.js';
import { FakeConnector } from '../support/fake-connector.js';
import { engage, reachInvestigation } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { walkTo, walkToTextQuestion } from '../support/walk.js';

/** The card the user answered is updated in place through the Bot Connector (PUT …/activities/{replyToId}). */
describe('answered cards are updated in place', () => {
  let connector: FakeConnector;
  let app: TestApp;
  const user: UserSpec = { aadObjectId: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b' };

  beforeEach(async () => {
    connector = await FakeConnector.start();
    app = await startTestApp();
  });

  afterEach(async () => {
    await app.close();
    await connector.close();
  });

  const answerOnCard = async (chat: Conversation, title: string, inputs: Record<string, string>, replyToId: string) => {
    const data = actionTitled(chat.latestCard, title);
    await app.send({ ...submitCard({ ...user, serviceUrl: connector.url }, { ...data, ...inputs }), replyToId });
    return connector.calls.filter((c) => c.method === 'PUT' && decodeURIComponent(c.path).endsWith(`/activities/${replyToId}`));
  };

  it('shows the chosen option, without buttons, for a choice', async () => {
    const chat = new Conversation(app, { ...user, serviceUrl: connector.url });
    await engage(chat);
    await walkTo(chat, 'p03_situation');
    const updates = await answerOnCard(chat, 'common:card.submit', { answer: 'change_occupation' }, '1:card-p03');
    expect(updates).to.have.length(1);
    const card = updates[0]?.body?.attachments?.[0]?.content as Record<string, unknown>;
    expect(cardTexts(card)).to.deep.equal(['preliminaire:p03_situation.prompt', 'common:answered.chosen']);
    expect(card['actions'], 'no button left to click').to.equal(undefined);
  });

  it('shows only "answer saved" for free text: the words stay out of the Teams history', async () => {
    const chat = new Conversation(app, { ...user, serviceUrl: connector.url });
    await engage(chat);
    await walkToTextQuestion(chat);
    const updates = await answerOnCard(chat, 'common:card.submit', { answer: 'Mon secret bien gardé' }, '1:card-p01');
    expect(updates).to.have.length(1);
    const body = JSON.stringify(updates[0]?.body);
    expect(body).to.contain('common:answered.saved');
    expect(body).to.not.contain('secret');
  });

  it('a jobs card once confirmed says how many jobs were kept, not which: the list leaves the Teams history', async () => {
    const chat = new Conversation(app, { ...user, serviceUrl: connector.url });
    await reachInvestigation(chat);
    await chat.say('Cariste depuis 2015, avant vendeur en boulangerie.');
    expect(chat.currentPrompt()).to.equal('common:jobs.reviewTitle');
    const updates = await answerOnCard(chat, 'common:jobs.confirm', {}, '1:card-jobs');
    expect(updates).to.have.length(1);
    const card = updates[0]?.body?.attachments?.[0]?.content as Record<string, unknown>;
    expect(cardTexts(card)).to.deep.equal(['common:answered.jobReview.title', 'common:answered.jobReview.added']);
    expect(JSON.stringify(card)).to.not.match(/cariste|boulang/i);
    expect(card['actions'], 'no button left to click').to.equal(undefined);
  });

  it('a jobs card the person asks to correct says the list comes again below', async () => {
    const chat = new Conversation(app, { ...user, serviceUrl: connector.url });
    await reachInvestigation(chat);
    await chat.say('Cariste depuis 2015.');
    const updates = await answerOnCard(chat, 'common:jobs.correct', {}, '1:card-jobs');
    expect(cardTexts(updates[0]?.body?.attachments?.[0]?.content as Record<string, unknown>)).to.include('common:answered.jobReview.again');
  });

  it('a skills card once answered says how many skills were added, and none of them', async () => {
    const chat = new Conversation(app, { ...user, serviceUrl: connector.url });
    await reachInvestigation(chat);
    await chat.say('Cariste depuis 2015.');
    await chat.click('common:jobs.confirm');
    await chat.say("Je charge les camions, je gère les stocks et je forme les nouveaux caristes.");
    expect(chat.currentPrompt()).to.equal('common:skills.jobReviewTitle');
    const first = String(choiceValues(chat.latestCard)[0]);
    const updates = await answerOnCard(chat, 'common:skills.confirm', { answer: first }, '1:card-skills');
    expect(updates).to.have.length(1);
    const card = updates[0]?.body?.attachments?.[0]?.content as Record<string, unknown>;
    expect(cardTexts(card)).to.deep.equal(['common:answered.skillReview.title', 'common:answered.skillReview.added']);
    expect(card['actions']).to.equal(undefined);
  });
});
