import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { adaptiveCardOf, choiceValues, submitActions } from '../support/cards.js';
import { Conversation } from '../support/conversation.js';
import { registerCounsellorChannel } from '../support/counsellor-channel.js';
import { FakeConnector } from '../support/fake-connector.js';
import { reachInvestigation, seedConcludedBilan, storedRecord } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { walkChat } from '../support/walk.js';

type Json = Record<string, unknown>;

/** Teams refuses an Adaptive Card over 28 KB. */
const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;
const LINK = '[cliquez ici](https://phishing.example/login)';

/** Every string of a card that Teams renders as Markdown: TextBlock texts and FactSet titles and values. */
function markdownTexts(card: Json | undefined): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Json;
      if (element['type'] === 'TextBlock') out.push(String(element['text']));
      if (element['type'] === 'FactSet') for (const fact of element['facts'] as { title: string; value: string }[]) out.push(fact.title, fact.value);
      Object.values(element).forEach(walk);
    }
  };
  walk(card?.['body']);
  return out;
}

/** A Markdown link or a bare URL that Teams would make clickable. */
const LIVE_LINK = /(^|[^\\])\[[^\]]*[^\\]\]\(|https?:\/\//;

describe('what a user types reaches cards as plain text, and cards stay within Teams limits', function () {
  this.timeout(60_000);
  const ADMIN = randomUUID();
  let connector: FakeConnector;
  let app: TestApp;

  beforeEach(async () => {
    connector = await FakeConnector.start();
    app = await startTestApp({ env: { COUNSELLOR_ADMINS: ADMIN } });
    await registerCounsellorChannel(app, connector, ADMIN);
  });

  afterEach(async () => {
    await app.close();
    await connector.close();
  });

  const channelCard = () => adaptiveCardOf((connector.callsTo('POST', '/v3/conversations')[0]?.body as { activity?: Json } | undefined)?.activity);

  async function shareAndOpenSynthesis(oid: string): Promise<{ channel: Json | undefined; chat: Json | undefined }> {
    const chat = new Conversation(app, { aadObjectId: oid, serviceUrl: connector.url });
    await chat.say('partager ma synthèse');
    await chat.click('common:sharing.yes');
    expect(chat.keys()).to.deep.equal(['common:sharing.outcome.shared']);
    await chat.say('ma synthèse');
    return { channel: channelCard(), chat: adaptiveCardOf(chat.replies.at(-1)) };
  }

  /** The chat « ma synthèse » card holds only links to the documents: none of the person's words (issue 17). */
  function expectOnlyLinks(chat: Json | undefined): void {
    expect(markdownTexts(chat), 'chat: only the title, the notice and where to find the documents').to.deep.equal(['common:synthesis.title', 'common:synthesis.notice', 'common:synthesis.where']);
    const actions = (chat?.['actions'] ?? []) as Json[];
    expect(actions.map((a) => a['type']), 'chat: links to the documents').to.deep.equal(['Action.OpenUrl', 'Action.OpenUrl']);
    for (const action of actions) expect(String(action['url'])).to.match(/\/synthesis\/[\w-]+\.(pdf|md)$/);
  }

  it('a link typed in an answer or a skill is no live link on the counsellor card, and the chat card quotes none of it', async () => {
    const oid = randomUUID();
    await seedConcludedBilan(app.app.storage, app.app, oid, { trigger: 'secret', skills: [`Former ${LINK}`, '**Urgent** _vite_'], project: `Voir ${LINK} https://phishing.example` });

    const { channel, chat } = await shareAndOpenSynthesis(oid);

    const texts = markdownTexts(channel);
    expect(texts.join('\n'), 'channel: the typed text is there').to.contain('cliquez ici');
    expect(texts.filter((text) => LIVE_LINK.test(text)), 'channel: live links').to.deep.equal([]);
    expect(texts.filter((text) => /(^|[^\\])\*\*Urgent/.test(text)), 'channel: live emphasis').to.deep.equal([]);
    expectOnlyLinks(chat);
    expect(JSON.stringify(chat)).not.to.match(/cliquez ici|phishing|Urgent|secret/);
  });

  it('the largest summary a user can build still fits in one Teams card, in the channel and in the chat', async () => {
    const oid = randomUUID();
    // 400 skills typed at the longest the field keeps, made of what escaping doubles, and a 4,000-character project.
    const skills = Array.from({ length: 400 }, (_, i) => `${i} ${'é*_[]<>'.repeat(17)}`.slice(0, 120));
    await seedConcludedBilan(app.app.storage, app.app, oid, { trigger: 'secret', skills, project: 'é*[]_'.repeat(800) });

    const { channel, chat } = await shareAndOpenSynthesis(oid);

    for (const [where, card] of Object.entries({ channel, chat })) expect(Buffer.byteLength(JSON.stringify(card)), `${where} card bytes`).to.be.below(TEAMS_CARD_LIMIT_BYTES);
    const facts = markdownTexts(channel);
    expect(facts.filter((text) => text.startsWith('0 é') && text.endsWith('…')), 'channel: the skills are there, shortened (all of them are in the document)').to.have.length(1);
    expect(facts.filter((text) => text.startsWith('é\\*') && text.endsWith('…')), 'channel: the project is there, shortened').to.have.length(1);
    expectOnlyLinks(chat);
  });

  describe('skills typed on the confirmation card', () => {
    let chat: Conversation;

    beforeEach(async () => {
      chat = new Conversation(app, { aadObjectId: randomUUID() });
      await reachInvestigation(chat);
      await walkChat(chat, (prompt) => prompt === 'common:skills.reviewTitle', {
        i09_story1_situation: "L'an dernier, notre entrepôt a changé de logiciel de gestion des stocks. Il fallait former toute l'équipe en deux semaines sans arrêter les livraisons.",
        i11_story1_actions: "J'ai organisé le planning des formations, j'ai animé les sessions et j'ai rédigé un guide pour l'équipe.",
      });
      expect(chat.currentPrompt()).to.equal('common:skills.reviewTitle');
    });

    const typedSkills = async () => ((await storedRecord(app, String(chat.user.aadObjectId)))?.skills ?? []).filter((s) => s.source === 'user').map((s) => s.label);

    it('a skill typed next to « none of these » is kept, and a list is split outside parentheses', async () => {
      const none = submitActions(chat.latestCard).find((a) => a.title === 'common:skills.none');
      expect(chat.latestCard?.['actions'], 'the button sends the typed field').to.not.deep.include({ type: 'Action.Submit', title: 'common:skills.none', data: none?.data, associatedInputs: 'none' });

      await chat.click('common:skills.none', { answer: String(choiceValues(chat.latestCard)[0]), added: 'Animer une équipe; gérer un budget (achats, suivi)\nRédiger des procédures' });

      expect(await typedSkills()).to.deep.equal(['Animer une équipe', 'gérer un budget (achats, suivi)', 'Rédiger des procédures']);
      expect((await storedRecord(app, String(chat.user.aadObjectId)))?.skills, 'none of the skills found is kept').to.have.length(3);
    });

    it('one submit adds at most 20 skills, without those that disclose something personal, and says so', async () => {
      const typed = ['gérer ma dépression', ...Array.from({ length: 1388 }, (_, i) => `s${i}`)];

      await chat.click('common:skills.confirm', { added: typed.join(', ') });

      const kept = await typedSkills();
      expect(kept).to.deep.equal(typed.slice(1, 20));
      expect(chat.keys()).to.include.members(['common:skills.sensitiveNotAdded', 'common:skills.tooMany']);
    });
  });
});
