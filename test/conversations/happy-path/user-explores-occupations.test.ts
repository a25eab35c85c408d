import { expect } from 'chai';
import { choiceValues } from '../../support/cards.js';
import { Conversation } from '../../support/conversation.js';
import { reachInvestigation, storedRecord } from '../../support/records.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { walkChat, walkTo } from '../../support/walk.js';

describe('investigation: from the jobs held to occupations to explore', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.close();
  });

  it('user confirms the jobs understood, ticks the current job’s skills, names a target and keeps the occupation proposed', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-explorer' });
    await reachInvestigation(chat);
    await walkTo(chat, 'i01_career_path');
    await chat.say('2010-2016 : agent de service hospitalier. Depuis 2016 : aide-soignante en EHPAD.');
    expect(chat.currentPrompt(), 'the jobs understood are shown back').to.equal('common:jobs.reviewTitle');
    await chat.click('common:jobs.confirm');
    const jobs = (await storedRecord(app, 'aad-explorer'))?.jobs ?? [];
    expect(jobs.map((j) => j.code)).to.deep.equal(['J1301', 'J1501']);
    expect(jobs.find((j) => j.current)?.code, 'the job held since 2016 is the current one').to.equal('J1501');

    await chat.say("Je fais les toilettes des résidents, j'aide aux repas, je surveille leur état de santé et je transmets à l'infirmière.");
    expect(chat.currentPrompt(), 'the current job’s core competences come first').to.equal('common:skills.jobReviewTitle');
    await chat.say('oui');
    const confirmed = (await storedRecord(app, 'aad-explorer'))?.skills ?? [];
    expect(confirmed.filter((s) => s.source === 'job').length, 'core competences of aide-soignant').to.be.greaterThan(2);

    await walkTo(chat, 'i43_attracting_jobs');
    await chat.say("J'aimerais devenir auxiliaire de puériculture, surtout pas retourner au ménage.");
    expect(chat.currentPrompt()).to.equal('common:occupations.title');
    const proposed = choiceValues(chat.latestCard);
    expect(proposed[0], 'the job named as a target comes first').to.equal('J1304');
    expect(proposed, 'the jobs held are not proposed again').to.not.include.members(['J1501', 'J1301']);

    await chat.click('common:occupations.keep', String(proposed[0]));
    const record = await storedRecord(app, 'aad-explorer');
    expect(record?.explorations?.map((o) => o.code)).to.deep.equal([proposed[0]]);
    expect(record?.explorations?.[0]?.gaps.every((gap) => !confirmed.some((s) => s.id === gap.id))).to.equal(true);
  });

  it('in English, a target the directory files under another title is shown with the words the person used (a generic head and an unknown qualifier)', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-said-otherwise', locale: 'en-GB' });
    await reachInvestigation(chat);
    await walkTo(chat, 'i01_career_path');
    await chat.say('Since 2017: senior nurse in an emergency department.');
    await chat.click('common:jobs.confirm');
    await walkChat(chat, (prompt) => prompt === 'common:occupations.title', { i43_attracting_jobs: 'Corporate trainer, training adults at work.' });
    expect(chat.keys(), 'the card says which words led to the first occupation').to.include('common:occupations.youSaid');
    await chat.click('common:occupations.keep', String(choiceValues(chat.latestCard)[0]));
    expect((await storedRecord(app, 'aad-said-otherwise'))?.explorations?.[0]?.said).to.equal('Corporate trainer');
  });

  it('user keeps none of the occupations proposed but types the job they want, which is kept; words that name no job are asked again', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-types-a-job' });
    await reachInvestigation(chat);
    await walkTo(chat, 'i01_career_path');
    await chat.say('Depuis 2012 : comptable dans un cabinet.');
    await chat.click('common:jobs.confirm');
    await walkChat(chat, (prompt) => prompt === 'common:occupations.title', { i43_attracting_jobs: 'Quelque chose dans la formation des adultes.' });
    await chat.click('common:occupations.none', { added: 'xqzwv' });
    expect(chat.keys()).to.include('common:occupations.typedNotFound');
    expect(chat.currentPrompt(), 'the card comes back').to.equal('common:occupations.title');

    await chat.click('common:occupations.none', { added: 'Formateur, chargée de mission égalité' });
    const kept = (await storedRecord(app, 'aad-types-a-job'))?.explorations ?? [];
    expect(kept[0]?.code, 'a title typed on the card is kept even with « none of these »').to.equal('K2111');
    expect(kept.length, 'a title the directory does not know is matched to the closest fiche').to.equal(2);
    expect(chat.keys()).to.include('common:occupations.typedApproximate');
  });
});
