import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { say } from '../support/activities.js';
import { Conversation } from '../support/conversation.js';
import { FlakyStorage, type Outage } from '../support/flaky-storage.js';
import { recordKey } from '../support/http.js';
import { engage } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { promptAfter, questionByPrompt, walkChat } from '../support/walk.js';
import type { QuestionStep } from '../../src/core/flow/flow-schema.js';


interface StoredBilan {
  record: { answers: Record<string, { value?: unknown; skipped?: true }> };
}

describe('a turn that fails', () => {
  let storage: FlakyStorage;
  let app: TestApp | undefined;
  let users = 0;

  beforeEach(() => {
    storage = new FlakyStorage();
  });

  afterEach(async () => {
    storage.outage = 'none';
    await app?.close();
    app = undefined;
  });

  /**
   * A user who answered the first free-text question and now has in front of them the card of the next one (read
   * from the flow data), which the flow follows with a fixed question.
   */
  const userAtTextQuestion = async (locale = 'fr-FR') => {
    const chat = new Conversation(app!, { aadObjectId: `aad-errors-${++users}`, locale });
    await engage(chat);
    const first = questionByPrompt(chat.currentPrompt());
    await chat.say('Mon manager me propose une mobilité.');
    const isTextQuestion = (prompt: string | undefined) => prompt !== first?.prompt && questionByPrompt(prompt)?.kind === 'text';
    await walkChat(chat, isTextQuestion);
    const question: QuestionStep | undefined = questionByPrompt(chat.currentPrompt());
    expect(question?.kind, 'a text question is open').to.equal('text');
    const next = promptAfter(question!.id);
    expect(next, `the flow goes straight on after ${question!.id}`).not.to.equal(undefined);
    return { chat, first: first!, question: question!, next: next! };
  };

  const outages: Exclude<Outage, 'none'>[] = ['writes', 'reads', 'all'];
  for (const outage of outages) {
    it(`apologises with errors.generic when storage ${outage === 'all' ? 'is down' : `${outage} fail`}, logs no user text, and loses nothing`, async () => {
      app = await startTestApp({ storage });
      const { chat, first, question, next } = await userAtTextQuestion();
      const key = recordKey(app.app, chat.user.aadObjectId!);
      const before = await storage.peek(key);
      const typed = 'Mon salaire est de 4321 euros et je pense démissionner';

      storage.outage = outage;
      await chat.say(typed);

      expect(chat.keys()).to.deep.equal(['common:errors.generic']);
      const failures = app.logs.filter((line) => line['msg'] === 'turn failed');
      expect(failures, 'one failed turn is logged').to.have.length(1);
      expect(failures[0]).to.include({ errorName: 'SimulatedStorageOutage', activityType: 'message' });
      const raw = app.rawLogs();
      for (const fragment of [typed, '4321', 'démissionner', 'Mon manager me propose']) expect(raw, 'logs').not.to.include(fragment);

      storage.outage = 'none';
      expect(await storage.peek(key), 'the record (and its eTag) is unchanged').to.deep.equal(before);
      await chat.click('common:card.skip');
      expect(chat.keys(), 'the open card is still the current one').not.to.include('common:answer.staleCard');
      expect(chat.currentPrompt()).to.equal(next);
      const after = (await storage.peek(key)) as unknown as StoredBilan;
      expect(after.record.answers[first.id]?.value, 'earlier answers are intact').to.equal('Mon manager me propose une mobilité.');
      expect(after.record.answers[question.id]).to.include({ skipped: true });
    });
  }

  it('apologises in the language of the user (copy from the locale files)', async () => {
    app = await startTestApp({ storage, cimode: false });
    const copy = (lng: string) =>
      (JSON.parse(readFileSync(new URL(`../../locales/${lng}/common.json`, import.meta.url), 'utf8')) as { errors: { generic: string } }).errors.generic;
    expect(copy('fr')).not.to.equal(copy('en'));
    storage.outage = 'reads';
    for (const [locale, lng] of [['fr-FR', 'fr'], ['en-US', 'en']] as const) {
      const replies = await app.send(say({ aadObjectId: `aad-errors-lang-${lng}`, locale }, 'hello'));
      expect(replies.map((r) => r.text), locale).to.deep.equal([copy(lng)]);
    }
  });

  it('starts over from what another turn saved meanwhile (eTag conflict): both changes are kept', async () => {
    app = await startTestApp({ storage });
    const { chat, question, next } = await userAtTextQuestion();
    const key = recordKey(app.app, chat.user.aadObjectId!);
    const comment = { text: 'saved by another turn', at: '2026-01-05T10:00:00.000Z' };
    storage.concurrentWriteBeforeNextWrite(key, (current) => ({ ...current, record: { ...(current?.['record'] as object), comments: [comment] } }));

    await chat.say('Une réorganisation de mon service.');

    expect(chat.currentPrompt(), 'the turn went through').to.equal(next);
    expect(app.logs.filter((line) => line['msg'] === 'turn failed'), 'no failed turn').to.deep.equal([]);
    const stored = (await storage.peek(key)) as unknown as StoredBilan & { record: { comments?: unknown[] } };
    expect(stored.record.comments, 'the other turn\'s save was not overwritten').to.deep.equal([comment]);
    expect(stored.record.answers[question.id]?.value, 'the answer was saved on top of it').to.equal('Une réorganisation de mon service.');
  });

  it('answers errors.busy when every attempt conflicts, saves nothing of the turn, and works once the conflicts stop', async () => {
    app = await startTestApp({ storage });
    const { chat, question, next } = await userAtTextQuestion();
    const key = recordKey(app.app, chat.user.aadObjectId!);
    storage.concurrentWriteBeforeEveryWrite(key, (current) => ({ ...current, concurrentMarker: 'saved-by-another-turn' }));

    await chat.say('Une réorganisation de mon service.');

    expect(chat.keys()).to.deep.equal(['common:errors.busy']);
    expect(app.logs.filter((line) => line['msg'] === 'turn failed').map((line) => line['errorName'])).to.deep.equal(['ConcurrencyError']);
    const stored = (await storage.peek(key)) as unknown as StoredBilan & { concurrentMarker?: string };
    expect(stored.concurrentMarker, 'the other saves were not overwritten').to.equal('saved-by-another-turn');
    expect(stored.record.answers[question.id], 'the conflicting answer was not saved').to.equal(undefined);

    storage.stopConcurrentWrites();
    await chat.say('Une réorganisation de mon service.');
    expect(chat.currentPrompt(), 'trying again works').to.equal(next);
  });
});
