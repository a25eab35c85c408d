import { expect } from 'chai';
import { choiceValues } from '../../support/cards.js';
import { Conversation } from '../../support/conversation.js';
import { reachFirstStory, reachInvestigation, storedRecord } from '../../support/records.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';


describe('investigation: achievements and the skills confirmation card', () => {
  let app: TestApp;
  let chat: Conversation;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.close();
  });

  beforeEach(async () => {
    chat = new Conversation(app, { aadObjectId: `aad-story-${Math.random().toString(36).slice(2)}` });
    await reachInvestigation(chat);
    expect(chat.keys()).to.include('investigation:intro.welcome');
    await reachFirstStory(chat);
    expect(chat.currentPrompt()).to.equal('investigation:story.situation.prompt');
  });

  const aad = () => String(chat.user.aadObjectId);

  it('user tells a story, sees one card for the skills of its actions and result, confirms one, adds one in their words, rejects the rest, and tells a second story', async () => {
    await chat.say("L'an dernier, notre entrepôt a changé de logiciel de gestion des stocks.");
    await chat.say("J'ai organisé le planning des formations, j'ai animé les sessions et j'ai rédigé un guide pour l'équipe.");
    expect(chat.currentPrompt(), 'the result is asked before the skills of the whole story').to.equal('investigation:story.result.prompt');
    await chat.say("Toute l'équipe a été formée à temps, sans retard de livraison.");
    expect(chat.currentPrompt(), 'one card for the story').to.equal('common:skills.reviewTitle');
    const offered = choiceValues(chat.latestCard);
    expect(offered.length).to.be.within(1, 8);
    expect((await storedRecord(app, aad()))?.skills ?? [], 'nothing is asserted before confirmation').to.deep.equal([]);

    await chat.click('common:skills.confirm', { answer: String(offered[0]), added: 'Accompagner le changement' });
    const afterConfirm = await storedRecord(app, aad());
    expect(afterConfirm?.skills?.map((s) => s.id ?? s.label)).to.deep.equal([offered[0], 'Accompagner le changement']);
    expect(afterConfirm?.skills?.[0]?.question, 'a skill keeps the answer it was found in').to.equal('i11_story1_actions');
    expect(afterConfirm?.skills?.[0]?.evidence.length).to.be.greaterThan(0);
    expect(chat.currentPrompt(), 'a second story is asked for straight away').to.equal('investigation:story.situationAnother.prompt');
    await chat.say('non');
    expect(chat.currentPrompt(), '« non » ends the stories').to.equal('investigation:i19_three_words.prompt');
    expect((await storedRecord(app, aad()))?.answers['i09_story2_situation']?.skipped).to.equal(true);
  });

  it('user skips the confirmation: no skill is kept and the story goes on', async () => {
    await chat.say('Un audit qualité à préparer.');
    await chat.say("J'ai rédigé les procédures et contrôlé la conformité des dossiers.");
    await chat.say('Audit réussi du premier coup.');
    expect(chat.currentPrompt()).to.equal('common:skills.reviewTitle');
    await chat.click('common:skills.none');
    expect(chat.currentPrompt()).to.equal('investigation:story.situationAnother.prompt');
    expect((await storedRecord(app, aad()))?.skills ?? []).to.deep.equal([]);
    await chat.say('je ne sais pas');
    expect(chat.currentPrompt(), '« je ne sais pas » ends the stories too').to.equal('investigation:i19_three_words.prompt');
  });

  it('« retour » right after the skills card shows the card again, the skills confirmed on it taken back to tick anew', async () => {
    await chat.say("L'an dernier, notre entrepôt a changé de logiciel de gestion des stocks.");
    await chat.say("J'ai organisé le planning des formations, j'ai animé les sessions et j'ai rédigé un guide pour l'équipe.");
    await chat.say("Toute l'équipe a été formée à temps.");
    const offered = choiceValues(chat.latestCard);
    await chat.click('common:skills.confirm', { answer: offered.join(','), added: 'Accompagner le changement' });
    expect((await storedRecord(app, aad()))?.skills).to.have.length(offered.length + 1);

    await chat.say('retour');
    expect(chat.keys()).to.include('common:back.done');
    expect(chat.currentPrompt(), 'the card just answered').to.equal('common:skills.reviewTitle');
    expect(choiceValues(chat.latestCard)).to.deep.equal(offered);
    expect((await storedRecord(app, aad()))?.skills ?? [], 'to tick again').to.deep.equal([]);
    await chat.click('common:skills.confirm', { answer: String(offered[0]) });
    expect((await storedRecord(app, aad()))?.skills?.map((s) => s.id)).to.deep.equal([offered[0]]);
    expect(chat.currentPrompt()).to.equal('investigation:story.situationAnother.prompt');
  });

  it('« retour » on the story’s skills card goes back to the last answer of the story', async () => {
    await chat.say('Un audit qualité à préparer.');
    await chat.say("J'ai rédigé les procédures et contrôlé la conformité des dossiers.");
    await chat.say('Audit réussi du premier coup.');
    expect(chat.currentPrompt()).to.equal('common:skills.reviewTitle');
    await chat.say('retour');
    expect(chat.keys()).to.include('common:back.done');
    expect(chat.currentPrompt()).to.equal('investigation:story.result.prompt');
  });
});
