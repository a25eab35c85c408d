import { expect } from 'chai';
import { Conversation } from '../../support/conversation.js';
import { engage, reachFirstStory, reachInvestigation, storedRecord } from '../../support/records.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const PERSONAL = "Mon diabète m'oblige à changer de rythme de travail";
const DISTRESS = "Je n'en peux plus, j'ai des idées noires";

describe('free-text answers that mention something personal or distress', () => {
  let app: TestApp;
  let chat: Conversation;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.close();
  });

  const aad = () => String(chat.user.aadObjectId);
  const answers = async () => (await storedRecord(app, aad()))?.answers ?? {};

  describe('in the préliminaire', () => {
    let firstPrompt: string | undefined;

    beforeEach(async () => {
      chat = new Conversation(app, { aadObjectId: `aad-sensitive-${Math.random().toString(36).slice(2)}` });
      await engage(chat);
      firstPrompt = chat.currentPrompt();
    });

    it('user mentions their health: is reminded they need not share it, nothing is stored, and "keep" stores the answer as written', async () => {
      const before = await answers();
      await chat.say(PERSONAL);
      expect(chat.keys()).to.deep.equal(['common:sensitive.title', 'common:sensitive.notRequired']);
      expect(await answers(), 'nothing is stored before the user chooses').to.deep.equal(before);

      await chat.click('common:sensitive.keep');
      expect(chat.currentPrompt(), 'the bilan goes on').to.not.equal(firstPrompt);
      const stored = Object.values(await answers()).map((a) => a.value);
      expect(stored).to.include(PERSONAL);
    });

    it('user chooses to rewrite: the question comes back, and the rewritten answer is stored instead', async () => {
      await chat.say(PERSONAL);
      await chat.click('common:sensitive.rewrite');
      expect(chat.keys()[0]).to.equal('common:sensitive.rewriteHint');
      expect(chat.currentPrompt()).to.equal(firstPrompt);
      await chat.say('Je souhaite un rythme de travail plus régulier');
      const stored = Object.values(await answers()).map((a) => a.value);
      expect(stored).to.include('Je souhaite un rythme de travail plus régulier').and.not.include(PERSONAL);
    });

    it('user skips: only the skip is recorded, never the text', async () => {
      await chat.say(PERSONAL);
      await chat.click('common:sensitive.skip');
      expect(chat.currentPrompt()).to.not.equal(firstPrompt);
      const stored = Object.values(await answers());
      expect(stored.filter((a) => a.skipped)).to.have.length(1);
      expect(JSON.stringify(stored)).to.not.contain('diab');
    });

    it('user writes distress: gets the 3114 line and the counsellor, nothing is stored, and can pause the bilan', async () => {
      const before = await answers();
      await chat.say(DISTRESS);
      expect(chat.keys()).to.deep.equal(['common:wellbeing.support', 'common:wellbeing.title', 'common:wellbeing.notStored']);
      expect(await answers()).to.deep.equal(before);
      await chat.click('common:wellbeing.pause');
      expect(chat.keys()).to.deep.equal(['common:commands.pause.done']);
      const record = await storedRecord(app, aad());
      expect(record?.pausedAt).to.be.a('string');
      expect(JSON.stringify(record)).to.not.contain('idées noires');
    });

    it('user writes distress and goes on without keeping it', async () => {
      await chat.say(DISTRESS);
      await chat.click('common:wellbeing.continue');
      expect(chat.currentPrompt()).to.not.equal(firstPrompt);
      expect(JSON.stringify(await storedRecord(app, aad()))).to.not.contain('noires');
    });

    it('a "keep" click on an old card (another question) changes nothing', async () => {
      await chat.say(PERSONAL);
      const keep = chat.latestCard;
      await chat.click('common:sensitive.skip');
      const before = await answers();
      await chat.submit({ ...(keepData(keep) ?? {}) });
      expect(chat.keys()[0]).to.equal('common:answer.staleCard');
      expect(await answers()).to.deep.equal(before);
    });
  });

  it('user keeps a personal answer to a question that looks for skills: no skill is proposed from it', async () => {
    chat = new Conversation(app, { aadObjectId: `aad-sensitive-skills-${Math.random().toString(36).slice(2)}` });
    await reachInvestigation(chat);
    await reachFirstStory(chat);
    expect(chat.currentPrompt()).to.equal('investigation:story.situation.prompt');
    await chat.say("L'an dernier, notre entrepôt a changé de logiciel de gestion des stocks.");
    await chat.say("Malgré ma dépression, j'ai organisé le planning des formations, j'ai animé les sessions et j'ai rédigé un guide.");
    expect(chat.currentPrompt()).to.equal('common:sensitive.title');
    await chat.click('common:sensitive.keep');
    expect(chat.currentPrompt(), 'no skills card for a kept personal answer').to.equal('investigation:story.result.prompt');
    const record = await storedRecord(app, aad());
    expect(record?.skills ?? []).to.deep.equal([]);
    expect(record?.answers['i11_story1_actions']?.value).to.contain('ma dépression');
  });
});

/** The data of the "keep" button of a sensitive card. */
function keepData(card: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const actions = (card?.['actions'] ?? []) as { title?: string; data?: Record<string, unknown> }[];
  return actions.find((a) => a.title === 'common:sensitive.keep')?.data;
}
