import { expect } from 'chai';
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { type UserSpec } from '../support/activities.js';
import { choiceValues } from '../support/cards.js';
import { questionByPrompt, walkChat } from '../support/walk.js';
import { Conversation } from '../support/conversation.js';
import { engage, preliminaireByTyping, reachFirstStory, reachSkillsCard } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const USER: UserSpec = { aadObjectId: 'aad-logs', name: 'Anatole Vercingétorix', email: 'anatole.vercingetorix@example.org' };
const PRELIMINAIRE = preliminaireByTyping({
  p01_trigger: 'Ma cheffe Gwendoline refuse ma formation',
  p04_success: 'Devenir ébéniste à Trégastel',
  p05_questions: 'Combien coûte une reconversion ?',
});
const STORY = [
  "Au printemps, la chaîne d'emballage de l'usine de Trégastel est tombée en panne.",
  "J'ai réorganisé les équipes, négocié un délai avec le transporteur et suivi chaque commande dans un tableau.",
];
const DURING_FAILURE = 'Je gagne 3987 euros et mon chef, Bertrand Lemoine, veut me garder';

/**
 * A storage whose writes fail on demand with an error quoting what was being saved, as careless storage
 * drivers do: the turn then fails while holding the user's text.
 */
class QuotingFailureStorage implements Storage {
  readonly inner = new MemoryStorage();
  failWrites = false;

  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }

  write(changes: StoreItems): Promise<void> {
    if (this.failWrites) throw new TypeError(`cannot save ${JSON.stringify(changes)}`, { cause: new Error(`item: ${JSON.stringify(changes)}`) });
    return this.inner.write(changes);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

/** Everything written to the process's stdout and stderr (console.* included) while `run` runs. */
async function capturingProcessOutput(run: () => Promise<void>): Promise<string> {
  let captured = '';
  const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const capture = (chunk: unknown) => {
    captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    return true;
  };
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    await run();
  } finally {
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
  }
  return captured;
}

describe('logs at LOG_LEVEL=trace hold nothing a user typed, nor their name or email', function () {
  this.timeout(60_000);
  let app: TestApp | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('a whole conversation, a turn that fails while holding user text, then the user carries on', async () => {
    const storage = new QuotingFailureStorage();
    app = await startTestApp({ storage, env: { LOG_LEVEL: 'trace' } });
    const chat = new Conversation(app, USER);

    const processOutput = await capturingProcessOutput(async () => {
      await engage(chat);
      for (const text of PRELIMINAIRE) await chat.say(text);
      await reachFirstStory(chat);
      for (const text of STORY) await chat.say(text);
      await reachSkillsCard(chat);
      expect(chat.currentPrompt()).to.equal('common:skills.reviewTitle');
      await chat.click('common:skills.confirm', { answer: String(choiceValues(chat.latestCard)[0]), added: 'Négociation transporteur' });

      await walkChat(chat, (prompt) => questionByPrompt(prompt)?.kind === 'text');
      storage.failWrites = true;
      await chat.say(DURING_FAILURE);
      expect(chat.keys()).to.deep.equal(['common:errors.generic']);
      storage.failWrites = false;
      await chat.say(DURING_FAILURE);
      expect(chat.keys()).not.to.include('common:errors.generic');
    });

    const failure = app.logs.find((line) => line['msg'] === 'turn failed');
    expect(failure, 'the failed turn is logged').to.include({ errorName: 'TypeError', activityType: 'message' });
    expect(String(failure?.['errorStack']), 'with its code location').to.match(/^\s+at /);

    const everything = `${app.rawLogs()}\n${processOutput}`;
    const secrets = [
      ...PRELIMINAIRE.filter((text) => text.length > 12),
      ...STORY,
      DURING_FAILURE,
      '3987',
      'burn-out',
      'Gwendoline',
      'Trégastel',
      'Négociation transporteur',
      USER.name!,
      'Vercingétorix',
      USER.email!,
    ];
    for (const secret of secrets) expect(everything, `the logs hold "${secret}"`).not.to.include(secret);
  });
});
