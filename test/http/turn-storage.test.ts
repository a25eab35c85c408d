import { expect } from 'chai';
import { Conversation } from '../support/conversation.js';
import { RecordingStorage } from '../support/recording-storage.js';
import { engage, installAndEngage } from '../support/records.js';
import { recordKey } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { promptAfter, questionByPrompt, typedAnswerTo } from '../support/walk.js';


/**
 * Where a user stands lives in their bilan record alone, which every write checks by eTag: an answer reads and
 * writes nothing else of theirs. (botbuilder saves a chat's conversation state last-writer-wins, so state kept
 * there could be overwritten by a turn on another instance.)
 */
describe('what an answer reads and writes', () => {
  let storage: RecordingStorage;
  let app: TestApp;

  beforeEach(async () => {
    storage = new RecordingStorage();
    app = await startTestApp({ storage });
  });

  afterEach(() => app.close());


  for (const [how, start] of [['who started by writing', engage], ['whose chat began with the install welcome', installAndEngage]] as const) {
    it(`reads the user's record once, writes it once, and nothing else (a user ${how})`, async () => {
      const chat = new Conversation(app, { aadObjectId: 'aad-one-record' });
      await start(chat);
      const question = questionByPrompt(chat.currentPrompt());
      expect(question, 'a question is open after engagement').not.to.equal(undefined);
      const next = promptAfter(question!.id);
      expect(next, 'the flow goes straight on after the first question').not.to.equal(undefined);
      storage.forget();

      await chat.say(question!.kind === 'text' ? 'Envie de changer' : typedAnswerTo(question!));

      expect(chat.currentPrompt(), 'the answer was taken: the next question is asked').to.equal(next);
      expect(storage.reads, 'items read').to.deep.equal([recordKey(app.app, 'aad-one-record')]);
      expect(storage.writes, 'items written').to.deep.equal([recordKey(app.app, 'aad-one-record')]);
    });
  }
});
