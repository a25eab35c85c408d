import { expect } from 'chai';
import { choiceValues } from '../../support/cards.js';
import { Conversation } from '../../support/conversation.js';
import { reachInvestigation, storedRecord } from '../../support/records.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { walkChat, walkTo } from '../../support/walk.js';


describe('investigation: from confirmed skills and interests to occupations to explore', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.close();
  });

  it('user confirms skills, picks activities, and keeps one of the ROME occupations proposed', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-explorer' });
    await reachInvestigation(chat);
    await walkTo(chat, 'i02_missions_current', { i01_career_path: 'Aide-soignante depuis huit ans en EHPAD.' });
    await chat.say("Je fais les toilettes des résidents, j'aide aux repas, je surveille leur état de santé et je transmets à l'infirmière.");
    expect(chat.currentPrompt()).to.equal('common:skills.reviewTitle');
    await chat.say('oui');
    const confirmed = (await storedRecord(app, 'aad-explorer'))?.skills ?? [];
    expect(confirmed.length, '"oui" keeps every skill offered').to.be.greaterThan(0);

    while (chat.currentPrompt() !== 'investigation:i31_activities.prompt') {
      await chat.say('passer');
      if (chat.currentPrompt() === 'common:skills.reviewTitle') await chat.say('non');
    }
    const activities = choiceValues(chat.latestCard);
    const social = activities.flatMap((value, i) => (value.startsWith('s_') ? [String(i + 1)] : []));
    await chat.say(social.join(', '));
    expect((await storedRecord(app, 'aad-explorer'))?.interests?.holland).to.equal('S');

    await walkChat(chat, (prompt) => prompt === 'common:occupations.title', { i47_evolution_options: 'passer' });
    const proposed = choiceValues(chat.latestCard);
    expect(proposed.length).to.be.within(1, 5);
    expect(proposed.some((code) => code.startsWith('J1')), 'care occupations for a care worker').to.equal(true);

    await chat.click('common:occupations.keep', String(proposed[0]));
    const record = await storedRecord(app, 'aad-explorer');
    expect(record?.explorations?.map((o) => o.code)).to.deep.equal([proposed[0]]);
    expect(record?.explorations?.[0]?.gaps.every((gap) => !confirmed.some((s) => s.id === gap.id))).to.equal(true);
    expect(record?.taxonomies).to.deep.equal({ rome: '4.0 v460' });
  });
});
