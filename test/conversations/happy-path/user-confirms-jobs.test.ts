import { expect } from 'chai';
import { Conversation } from '../../support/conversation.js';
import { cardTexts } from '../../support/cards.js';
import { reachInvestigation, storedRecord } from '../../support/records.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

describe('investigation: the jobs understood in the career path, confirmed or corrected', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.close();
  });

  it('user says it is not quite right, types their jobs, sees them again and confirms; an unknown title is kept in their words', async () => {
    const chat = new Conversation(app, { aadObjectId: 'jobs-corrected' });
    await reachInvestigation(chat);
    await chat.say("Secrétaire pendant six ans, puis assistante de direction depuis 2019.");
    expect(chat.currentPrompt()).to.equal('common:jobs.reviewTitle');
    expect(cardTexts(chat.latestCard).filter((t) => t.startsWith('**')).length).to.equal(2);

    await chat.click('common:jobs.correct');
    expect(chat.currentPrompt(), 'a field to type the jobs').to.equal('common:jobs.correctTitle');
    await chat.answer('Secrétaire médicale, assistante de direction, référente zéro déchet');
    expect(chat.currentPrompt(), 'the corrected jobs are shown again to confirm').to.equal('common:jobs.reviewTitle');
    expect(chat.keys()).to.include('common:jobs.notRecognised');
    expect((await storedRecord(app, 'jobs-corrected'))?.jobs, 'nothing is stored before the confirmation').to.equal(undefined);

    await chat.click('common:jobs.confirm');
    const jobs = (await storedRecord(app, 'jobs-corrected'))?.jobs ?? [];
    expect(jobs.map((j) => j.code ?? j.label)).to.deep.equal(['M1609', 'M1604', 'référente zéro déchet']);
    expect(chat.currentPrompt()).to.equal('investigation:i02_missions_current.prompt');
  });

  it('user corrects by typing in the chat box, without clicking', async () => {
    const chat = new Conversation(app, { aadObjectId: 'jobs-typed' });
    await reachInvestigation(chat);
    await chat.say('Vendeuse en boulangerie, puis comptable.');
    expect(chat.currentPrompt()).to.equal('common:jobs.reviewTitle');
    await chat.say('comptable');
    expect(chat.currentPrompt()).to.equal('common:jobs.reviewTitle');
    await chat.say('oui');
    expect((await storedRecord(app, 'jobs-typed'))?.jobs?.map((j) => j.code)).to.deep.equal(['M1203']);
  });

  it('user skips the step: no job is stored and the next question comes', async () => {
    const chat = new Conversation(app, { aadObjectId: 'jobs-skipped' });
    await reachInvestigation(chat);
    await chat.say('Infirmière depuis dix ans.');
    await chat.click('common:jobs.skip');
    expect(chat.currentPrompt()).to.equal('investigation:i02_missions_current.prompt');
    expect((await storedRecord(app, 'jobs-skipped'))?.jobs).to.equal(undefined);
  });

  it('an old jobs card clicked after the confirmation changes nothing', async () => {
    const chat = new Conversation(app, { aadObjectId: 'jobs-stale' });
    await reachInvestigation(chat);
    await chat.say('Cariste depuis 2015.');
    const card = chat.latestCard;
    await chat.click('common:jobs.confirm');
    const before = (await storedRecord(app, 'jobs-stale'))?.jobs;
    const chatAgain = new Conversation(app, { aadObjectId: 'jobs-stale' });
    await chatAgain.submit({ ...(((card?.actions as { data: Record<string, unknown> }[] | undefined)?.[1]?.data) ?? {}) });
    expect(chatAgain.keys()).to.include('common:answer.staleCard');
    expect((await storedRecord(app, 'jobs-stale'))?.jobs).to.deep.equal(before);
  });

  it('in English: English job titles, the current job marked', async () => {
    const chat = new Conversation(app, { aadObjectId: 'jobs-english', locale: 'en-GB' });
    await reachInvestigation(chat);
    await chat.say('I worked as a receptionist for four years. Since 2020 I have been an accountant.');
    expect(chat.currentPrompt()).to.equal('common:jobs.reviewTitle');
    await chat.click('common:jobs.confirm');
    const jobs = (await storedRecord(app, 'jobs-english'))?.jobs ?? [];
    expect(jobs.length).to.equal(2);
    expect(jobs.find((j) => j.current)?.said?.toLowerCase()).to.equal('accountant');
    expect(jobs.every((j) => /^[A-Za-z ,()-]+$/.test(j.label)), `English labels: ${jobs.map((j) => j.label).join(' | ')}`).to.equal(true);
  });

  it('user who does not tell their path but said « je suis comptable » at the start is asked about that job', async () => {
    const chat = new Conversation(app, { aadObjectId: 'jobs-from-trigger' });
    await reachInvestigation(chat, { p01_trigger: "Je suis comptable depuis dix ans et j'aimerais devenir formatrice." });
    await chat.say('je ne sais pas');
    expect(chat.currentPrompt()).to.equal('common:jobs.reviewTitle');
    await chat.click('common:jobs.confirm');
    const jobs = (await storedRecord(app, 'jobs-from-trigger'))?.jobs ?? [];
    expect(jobs.map((j) => `${j.code ?? ''}${j.current ? '*' : ''}`), 'the job they want is not taken for one they held').to.deep.equal(['M1203*']);
  });
});
