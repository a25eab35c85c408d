import { expect } from 'chai';
import { Conversation } from '../../support/conversation.js';
import { engage, storedRecord } from '../../support/records.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

describe('corrections at the recap', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.close();
  });

  it('user corrects one objective, sees it in the recap, then confirms', async () => {
    const chat = new Conversation(app, { aadObjectId: 'aad-fix' });
    await engage(chat);
    for (const text of ['Changer de métier', 'passer', '3', 'Un plan', 'Quelles pistes ?', 'passer', '6', '6', '2', '1', '4', 'non', '1', '1', '1', '4', '3', '2']) {
      await chat.say(text);
    }
    expect(chat.currentPrompt()).to.equal('preliminaire:recap.prompt');

    await chat.click('common:recap.correct');
    expect(chat.currentPrompt()).to.equal('common:recap.chooseTitle');
    await chat.click('common:card.submit', 'p03_situation');
    expect(chat.currentPrompt()).to.equal('preliminaire:p03_situation.prompt');
    await chat.answer('start_business');
    expect(chat.currentPrompt(), 'back to the recap after the correction').to.equal('preliminaire:recap.prompt');
    const facts = (chat.latestCard?.['body'] as Record<string, unknown>[]).find((e) => e['type'] === 'FactSet') as { facts: { title: string; value: string }[] };
    expect(facts.facts.find((f) => f.title === 'preliminaire:recap.items.p03_situation')?.value).to.equal('preliminaire:p03_situation.options.start_business');

    await chat.click('common:recap.confirm');
    const record = await storedRecord(app, 'aad-fix');
    expect(record?.answers['p03_situation']?.value).to.equal('start_business');
    expect(record?.consent.objectivesConfirmedAt).to.be.a('string');
    expect(record?.phases.preliminaire?.status).to.equal('completed');
  });
});
