import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { choiceValues } from '../../support/cards.js';
import { Conversation } from '../../support/conversation.js';
import { reachInvestigation, storedRecord } from '../../support/records.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { questionByPrompt, walkChat } from '../../support/walk.js';

const PAYROLL = '300306'; // ROME 4.0 « Gérer la paie »

/** Whether `prompt` asks a question whose answer the flow reads skills from (extractSkills in dialogs/). */
const extractsSkills = (prompt: string | undefined) => questionByPrompt(prompt)?.extractSkills === true;

describe('investigation: a skill the user says they lack is never proposed later', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.close();
  });

  it('user says payroll is not for them, later mentions payroll: it is remembered and not offered', async () => {
    const chat = new Conversation(app, { aadObjectId: randomUUID() });
    await reachInvestigation(chat);
    await walkChat(chat, extractsSkills);
    const lackedIn = questionByPrompt(chat.currentPrompt());
    expect(lackedIn?.extractSkills, 'a question that reads skills is open').to.equal(true);

    await chat.say("La paie : très peu pour moi. Je m'occupe surtout de l'accueil du public.");
    const first = await storedRecord(app, String(chat.user.aadObjectId));
    expect(first?.lackedSkills?.map((s) => s.id), 'the lack is stored with the question it was said in').to.deep.equal([PAYROLL]);
    expect(first?.lackedSkills?.[0]?.question).to.equal(lackedIn?.id);
    expect(chat.currentPrompt()).to.equal('common:skills.reviewTitle');
    expect(choiceValues(chat.latestCard)).to.not.include(PAYROLL);
    await chat.click('common:skills.none');

    const later = questionByPrompt(chat.currentPrompt());
    expect(later?.extractSkills, 'the next question reads skills too').to.equal(true);
    expect(later?.id).to.not.equal(lackedIn?.id);
    await chat.say("J'ai aussi fait la paie et les plannings de l'équipe.");
    // The card may gather this answer with the next ones (a reviewSkills step in dialogs/): those are skipped.
    for (let i = 0; i < 5 && questionByPrompt(chat.currentPrompt()); i++) await chat.say('passer');
    expect(chat.currentPrompt(), 'the planning is still offered').to.equal('common:skills.reviewTitle');
    const offered = choiceValues(chat.latestCard);
    expect(offered.length).to.be.greaterThan(0);
    expect(offered, 'payroll, said to be lacking, is not offered again').to.not.include(PAYROLL);
    await chat.click('common:skills.confirm', { answer: offered.join(',') });
    const last = await storedRecord(app, String(chat.user.aadObjectId));
    expect(last?.skills?.map((s) => s.id)).to.not.include(PAYROLL);
    expect(last?.lackedSkills?.map((s) => s.id)).to.deep.equal([PAYROLL]);
  });
});
