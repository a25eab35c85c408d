import { expect } from 'chai';
import { Conversation } from '../support/conversation.js';
import { reachInvestigation } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** What a real user reads (copy, not test keys): the synthesis labels come from locales/<locale>/synthesis.md. */
describe('the synthesis card in real copy', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ cimode: false });
  });

  after(() => app.close());

  for (const [command, locale] of [['ma synthèse', 'fr-FR'], ['my synthesis', 'en-GB']] as const) {
    it(`shows a short card in real words, links and the way to the tab, never an untranslated key (${locale})`, async () => {
      const chat = new Conversation(app, { aadObjectId: `aad-copy-${locale}`, locale });
      await reachInvestigation(chat);
      await chat.say(command);
      const texts = JSON.stringify(chat.latestCard).match(/"(title|text)":"[^"]*"/g) ?? [];
      expect(texts.length).to.be.within(4, 8);
      expect(texts.filter((t) => /"[a-z]+:[\w.-]+"$|"(labels|sections)\.[\w.-]+"$/.test(t)), 'raw keys').to.deep.equal([]);
      expect(JSON.stringify(chat.latestCard)).to.match(locale === 'fr-FR' ? /Mon bilan/ : /My bilan/);
    });
  }
});
