import { expect } from 'chai';
import { adaptiveCardOf, cardTexts } from '../support/cards.js';
import { Conversation } from '../support/conversation.js';
import { personIdOf } from '../support/http.js';
import { FakeConnector } from '../support/fake-connector.js';
import { FixedClock } from '../support/flows.js';
import { RecordingStorage } from '../support/recording-storage.js';
import { engage, storedRecord } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('reminders after a long absence (fake Teams connector)', () => {
  let connector: FakeConnector;
  let clock: FixedClock;
  let app: TestApp;

  beforeEach(async () => {
    connector = await FakeConnector.start();
    clock = new FixedClock(new Date('2026-11-02T09:00:00.000Z'));
    app = await startTestApp({ clock, env: { REMINDER_AFTER_DAYS: '7' } });
  });

  afterEach(async () => {
    await app.close();
    await connector.close();
  });

  const chatWith = (aadObjectId: string) => new Conversation(app, { aadObjectId, serviceUrl: connector.url });
  const remindersTo = (aadObjectId: string) =>
    connector.calls.filter((c) => c.method === 'POST' && decodeURIComponent(c.path).startsWith(`/v3/conversations/a:personal-${aadObjectId}/activities`));

  it('sends one gentle reminder, in the user\'s chat, with resume and stop buttons; never a second one for the same absence', async () => {
    const chat = chatWith('aad-away');
    await engage(chat);
    await chat.say('Je veux changer de voie.');
    clock.advance(6 * DAY_MS);
    expect(await app.app.runReminders(), 'not before the configured delay').to.equal(0);
    clock.advance(2 * DAY_MS);
    expect(await app.app.runReminders()).to.equal(1);
    const sent = remindersTo('aad-away');
    expect(sent).to.have.length(1);
    const card = adaptiveCardOf(sent[0]?.body);
    expect(cardTexts(card)).to.deep.equal(['common:reminders.text']);
    expect(JSON.stringify(card), 'no answer content in a reminder').to.not.contain('changer de voie');

    clock.advance(DAY_MS);
    expect(await app.app.runReminders()).to.equal(0);
    expect(remindersTo('aad-away')).to.have.length(1);
  });

  it('resumes from the reminder button, and a later absence can bring one more reminder', async () => {
    const chat = chatWith('aad-back');
    await engage(chat);
    clock.advance(8 * DAY_MS);
    await app.app.runReminders();
    clock.advance(60_000);
    await chat.submit({ bilan: 'command', command: 'resume' });
    expect(chat.keys()[0]).to.equal('common:commands.resume.welcomeBack');
    clock.advance(8 * DAY_MS);
    expect(await app.app.runReminders()).to.equal(1);
  });

  it('sends nothing to a user who asked for no reminders, who refused, or who never engaged', async () => {
    const quiet = chatWith('aad-quiet');
    await engage(quiet);
    await quiet.say('stop rappels');
    expect(quiet.keys()).to.deep.equal(['common:reminders.stopped']);
    expect((await storedRecord(app, 'aad-quiet'))?.reminders?.optedOutAt).to.be.a('string');

    const refused = chatWith('aad-refused');
    await refused.say('bonjour');
    await refused.say('oui');
    await refused.say('non');

    const visitor = chatWith('aad-visitor');
    await visitor.say('bonjour');

    clock.advance(30 * DAY_MS);
    expect(await app.app.runReminders()).to.equal(0);
    expect(connector.calls.filter((c) => c.method === 'POST')).to.have.length(0);
  });
});

describe('reminders among many users', () => {
  it('reads the chat of the users a reminder is due for, and of no one else', async () => {
    const connector = await FakeConnector.start();
    const clock = new FixedClock(new Date('2026-11-02T09:00:00.000Z'));
    const storage = new RecordingStorage();
    const app = await startTestApp({ clock, storage, env: { REMINDER_AFTER_DAYS: '7' } });
    try {
      await engage(new Conversation(app, { aadObjectId: 'aad-away', serviceUrl: connector.url }));
      clock.advance(8 * DAY_MS);
      for (let i = 0; i < 5; i++) await engage(new Conversation(app, { aadObjectId: `aad-active-${i}`, serviceUrl: connector.url }));
      storage.forget();

      expect(await app.app.runReminders()).to.equal(1);

      expect(storage.reads.filter((key) => key.startsWith('refs/users/'))).to.deep.equal([`refs/users/${personIdOf(app.app, 'aad-away')}`]);
    } finally {
      await app.close();
      await connector.close();
    }
  });
});
