import { expect } from 'chai';
import { entraId, say, teamsMessage, teamsUserId } from '../support/activities.js';
import { Conversation } from '../support/conversation.js';
import { FixedClock } from '../support/flows.js';
import { engage, storedRecord } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MAX_ANSWER = 4000;
/** Messages a user may send at once before the per-minute limit applies (RATE_LIMIT_BURST in src/app.ts). */
const BURST = 10;

describe('hostile input over HTTP', function () {
  this.timeout(30_000);
  describe('per-user rate limit (injected clock, 6 messages a minute after a burst of 10)', () => {
    let app: TestApp;
    let clock: FixedClock;

    beforeEach(async () => {
      clock = new FixedClock(new Date('2026-11-02T09:00:00.000Z'));
      app = await startTestApp({ clock, env: { RATE_LIMIT_PER_MINUTE: '6' } });
    });

    afterEach(async () => {
      await app.close();
    });

    it('user floods: the first refused message gets a polite answer, the rest none, and nothing of them is stored', async () => {
      const chat = new Conversation(app, { aadObjectId: 'aad-flood' });
      await engage(chat);
      while (chat.sent < BURST) await chat.say('passer');
      const before = await storedRecord(app, 'aad-flood');

      await chat.say('Une réponse envoyée trop vite');
      expect(chat.keys()).to.deep.equal(['common:input.slowDown']);
      await chat.say('Une autre');
      expect(chat.replies, 'no answer to the rest of the flood').to.deep.equal([]);
      expect(await storedRecord(app, 'aad-flood'), 'refused messages change nothing').to.deep.equal(before);

      clock.advance(10_000);
      await chat.say('passer');
      expect(chat.keys()).to.not.include('common:input.slowDown');
      expect(await storedRecord(app, 'aad-flood')).to.not.deep.equal(before);
    });

    it("one user's flood does not slow anybody else down", async () => {
      const flooder = new Conversation(app, { aadObjectId: 'aad-flooder' });
      for (let i = 0; i < 12; i++) await flooder.say('bonjour');
      const other = new Conversation(app, { aadObjectId: 'aad-calm' });
      await other.say('bonjour');
      expect(other.keys()).to.not.include('common:input.slowDown');
    });
  });

  describe('tampered card submissions', () => {
    let app: TestApp;
    let alice: Conversation;
    let mallory: Conversation;

    before(async () => {
      app = await startTestApp();
    });

    after(async () => {
      await app.close();
    });

    beforeEach(async () => {
      const id = Math.random().toString(36).slice(2);
      alice = new Conversation(app, { aadObjectId: `aad-alice-${id}` });
      mallory = new Conversation(app, { aadObjectId: `aad-mallory-${id}` });
      await engage(alice);
      await engage(mallory);
    });

    const recordOf = (chat: Conversation) => storedRecord(app, String(chat.user.aadObjectId));
    const answerData = (chat: Conversation) => (chat.latestCard?.['actions'] as { data?: Record<string, unknown> }[])[0]?.data ?? {};

    it("a payload naming another user (any extra field) is refused as a stale card: it changes neither user's bilan", async () => {
      const aliceBefore = await recordOf(alice);
      const malloryBefore = await recordOf(mallory);
      for (const extra of [{ userId: teamsUserId(String(alice.user.aadObjectId)) }, { aadObjectId: entraId(String(alice.user.aadObjectId)) }, { from: { aadObjectId: entraId(String(alice.user.aadObjectId)) } }]) {
        await mallory.submit({ ...answerData(alice), answer: 'Réponse forgée', ...extra });
        expect(mallory.keys()[0]).to.equal('common:answer.staleCard');
      }
      expect(await recordOf(alice)).to.deep.equal(aliceBefore);
      expect(await recordOf(mallory)).to.deep.equal(malloryBefore);
    });

    it("a well-formed copy of another user's card acts only on the sender's own bilan", async () => {
      const aliceBefore = await recordOf(alice);
      await mallory.submit({ ...answerData(alice), answer: 'Ma propre réponse' });
      expect(await recordOf(alice), "Alice's bilan is untouched").to.deep.equal(aliceBefore);
      const mallorys = Object.values((await recordOf(mallory))?.answers ?? {}).map((a) => a.value);
      expect(mallorys).to.include('Ma propre réponse');
    });

    it("a message sent into Alice's conversation by Mallory acts on Mallory's bilan, never Alice's", async () => {
      const aliceBefore = await recordOf(alice);
      const intruder = teamsMessage({ aadObjectId: String(mallory.user.aadObjectId), conversationId: `a:personal-${String(alice.user.aadObjectId)}` }, { text: 'Intrusion' });
      await app.send(intruder);
      expect(await recordOf(alice)).to.deep.equal(aliceBefore);
    });

    it('a forged share or restart command acts on the sender only: the other bilan and consent ledger stay as they are', async () => {
      const aliceBefore = await recordOf(alice);
      await mallory.submit({ bilan: 'command', command: 'shareConfirm' });
      expect(mallory.keys()).to.deep.equal(['common:sharing.outcome.noChannel']);
      await mallory.submit({ bilan: 'command', command: 'shareConfirm', userId: teamsUserId(String(alice.user.aadObjectId)) });
      expect(mallory.keys()[0], 'an extra field makes it a stale card').to.equal('common:answer.staleCard');
      await mallory.submit({ bilan: 'command', command: 'restartConfirm' });
      expect(await recordOf(alice)).to.deep.equal(aliceBefore);
      expect((await recordOf(mallory))?.consent.engagedAt, "Mallory's own restart erased Mallory's bilan").to.equal(undefined);
    });

    it('a stale or foreign question id, flow or version is refused and stores nothing', async () => {
      const before = await recordOf(alice);
      const current = answerData(alice);
      const forged = [
        { ...current, promptId: 'i11_story1_actions', answer: 'x' },
        { ...current, flowId: 'investigation', answer: 'x' },
        { ...current, flowVersion: Number(current['flowVersion']) + 1, answer: 'x' },
        { ...current, promptId: '__proto__', answer: 'x' },
        { ...current, promptId: 'constructor', keep: true, answer: 'x' },
      ];
      for (const value of forged) {
        await alice.submit(value);
        expect(alice.keys()[0]).to.equal('common:answer.staleCard');
      }
      expect(await recordOf(alice)).to.deep.equal(before);
    });
  });

  describe('prototype keys as words', () => {
    let app: TestApp;

    before(async () => {
      app = await startTestApp();
    });

    after(async () => {
      await app.close();
    });

    it('« langue __proto__ » (or constructor) changes no language and leaves the record readable', async () => {
      const chat = new Conversation(app, { aadObjectId: 'aad-proto-language' });
      await engage(chat);
      for (const word of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        await chat.say(`langue ${word}`);
        expect(chat.keys(), 'the language card is offered instead').to.deep.equal(['common:commands.language.choose']);
      }
      expect((await storedRecord(app, 'aad-proto-language'))?.locale).to.equal(undefined);
    });
  });

  describe('message length', () => {
    let app: TestApp;

    before(async () => {
      app = await startTestApp();
    });

    after(async () => {
      await app.close();
    });

    it('an answer over the limit is refused with the limit, nothing of it is stored, and the question stays', async () => {
      const chat = new Conversation(app, { aadObjectId: 'aad-long-answer' });
      await engage(chat);
      const prompt = chat.currentPrompt();
      const before = await storedRecord(app, 'aad-long-answer');
      await chat.say('é'.repeat(MAX_ANSWER + 1));
      expect(chat.keys()[0]).to.equal('common:answer.tooLong');
      expect(chat.currentPrompt()).to.equal(prompt);
      await chat.answer('y'.repeat(MAX_ANSWER + 1));
      expect(chat.keys()[0]).to.equal('common:answer.tooLong');
      expect(await storedRecord(app, 'aad-long-answer')).to.deep.equal(before);
    });

    it('an answer of exactly the limit is stored whole, not truncated', async () => {
      const chat = new Conversation(app, { aadObjectId: 'aad-full-answer' });
      await engage(chat);
      const text = 'Je veux évoluer. '.repeat(300).slice(0, MAX_ANSWER - 1) + '!';
      await chat.say(text);
      const stored = Object.values((await storedRecord(app, 'aad-full-answer'))?.answers ?? {}).map((a) => a.value);
      expect(stored).to.deep.include(text.trim());
    });

    it('a typed message over the 10,000-character message cap gets input.tooLong', async () => {
      const replies = await app.send(say({ aadObjectId: 'aad-huge-card' }, 'z'.repeat(10_001)));
      expect(replies.map((r) => r.text)).to.deep.equal(['common:input.tooLong']);
    });
  });
});
