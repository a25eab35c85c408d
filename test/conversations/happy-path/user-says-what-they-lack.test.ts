import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { choiceValues } from '../../support/cards.js';
import { Conversation } from '../../support/conversation.js';
import { reachInvestigation, storedRecord } from '../../support/records.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const PAYROLL = '300306'; // ROME 4.0 « Gérer la paie »

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
    await chat.say('passer');
    expect(chat.currentPrompt()).to.equal('investigation:i02_missions_current.prompt');

    await chat.say("La paie : très peu pour moi. Je m'occupe surtout de l'accueil du public.");
    const first = await storedRecord(app, String(chat.user.aadObjectId));
    expect(first?.lackedSkills?.map((s) => s.id), 'the lack is stored with the question it was said in').to.deep.equal([PAYROLL]);
    expect(first?.lackedSkills?.[0]?.question).to.equal('i02_missions_current');
    expect(chat.currentPrompt()).to.equal('common:skills.reviewTitle');
    expect(choiceValues(chat.latestCard)).to.not.include(PAYROLL);
    await chat.click('common:skills.none');

    expect(chat.currentPrompt()).to.equal('investigation:i02_missions_previous.prompt');
    await chat.say("Dans mon ancien poste je faisais la paie et les plannings de l'équipe.");
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
