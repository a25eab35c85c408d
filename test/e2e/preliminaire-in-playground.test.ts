/**
 * The whole phase préliminaire, end to end: the bot started as users start it, the Microsoft 365 Agents
 * Playground emulating Teams, and a person's clicks and typing in headless Chromium.
 */
import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BilanRecord } from '../../src/core/bilan/bilan-record.js';
import { msg } from '../../src/core/messages.js';
import { Translations } from '../../src/infra/i18n/create-i18n.js';
import { readLocaleResources } from '../../src/infra/i18n/locale-resources.js';
import { BotProcess, freePort, PROJECT_ROOT } from '../support/bot-process.js';
import { newTestKey, openEncryptedStore } from '../support/encrypted-store.js';
import { openPlayground, startPlayground, type BotMessage, type PlaygroundPage, type PlaygroundServer } from './support/playground.js';

const translations = new Translations(readLocaleResources(resolve(PROJECT_ROOT, 'locales')));
const fr = translations.translator('fr');
const en = translations.translator('en');

/** What a person sees of a markdown message: no markup, single spaces. */
function plain(markdown: string): string {
  return markdown.replace(/\*\*|__|`/g, '').replace(/^\s*[-*] /gm, '').replace(/\s+/g, ' ').trim();
}

/** Matches a bot message showing the copy of `key` (its first words, as rendered). */
function shows(t: (m: ReturnType<typeof msg>) => string, key: string) {
  const expected = plain(t(msg(key))).slice(0, 40);
  return (m: BotMessage) => [m.text, ...m.cardTexts].some((text) => plain(text).includes(expected));
}

describe('the phase préliminaire in the Agents Playground', function () {
  this.timeout(300_000);
  let dataDir: string;
  const dataKey = newTestKey();
  let bot: BotProcess;
  let playground: PlaygroundServer;
  let page: PlaygroundPage;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'bilan-e2e-'));
    const port = await freePort();
    // The test clicks far faster than a person: the per-user rate limit is off here (tested in test/http/hostile-input.test.ts).
    bot = BotProcess.start({ PORT: String(port), DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: dataKey, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0' });
    await bot.waitForLog((line) => line['msg'] === 'Bilan bot is ready', 30_000);
    playground = await startPlayground({ botEndpoint: `http://127.0.0.1:${port}/api/messages` });
    page = await openPlayground(playground.url);
  });

  after(async () => {
    await page?.close();
    await playground?.stop();
    await bot?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function answerChoice(promptKey: string, optionKey: string): Promise<void> {
    await page.waitForBotMessage(shows(fr, promptKey));
    await page.submitCard(fr(msg('common:card.submit')), { choices: [fr(msg(optionKey))] });
  }

  async function answerText(promptKey: string, text: string): Promise<void> {
    await page.waitForBotMessage(shows(fr, promptKey));
    await page.waitForIdle();
    await page.sendText(text);
  }

  async function click(promptKey: string, buttonKey: string): Promise<void> {
    await page.waitForBotMessage(shows(fr, promptKey));
    await page.clickAction(fr(msg(buttonKey)));
  }

  it('welcomes the user once on install, in the language Teams reports', async () => {
    await page.waitForBotMessage(shows(en, 'preliminaire:p17_information_read.prompt'));
    await page.waitForIdle();
    const welcomes = (await page.botMessages()).filter(shows(en, 'preliminaire:welcome.short'));
    expect(welcomes, 'installationUpdate and conversationUpdate both arrive: one welcome only').to.have.length(1);
    await page.screenshot('preliminaire-01-welcome');
  });

  it('switches to French on request and asks the open question again in French', async () => {
    const before = await page.sendText('langue fr');
    await page.waitForBotMessage(shows(fr, 'preliminaire:p17_information_read.prompt'), { fromIndex: before });
  });

  it('conducts information, engagement and the whole needs analysis', async () => {
    await click('preliminaire:p17_information_read.prompt', 'common:card.yes');
    await click('preliminaire:p00_engagement.prompt', 'common:card.yes');
    await page.waitForBotMessage(shows(fr, 'preliminaire:engagement.privacy'));
    await answerText('preliminaire:p01_trigger.prompt', "Après dix ans en logistique, j'aimerais évoluer vers la gestion de projet.");
    await click('preliminaire:p02_event.prompt', 'common:card.skip');
    await answerChoice('preliminaire:p03_situation.prompt', 'preliminaire:p03_situation.options.change_occupation');
    await answerText('preliminaire:p04_success.prompt', 'Savoir quel métier viser et comment me former.');
    await answerText('preliminaire:p05_questions.prompt', 'Mes compétences sont-elles transférables ?');
    await answerText('preliminaire:p06_expectations.prompt', 'Un regard extérieur et de la méthode.');
    await page.screenshot('preliminaire-02-needs-analysis');
    await answerChoice('preliminaire:p07_prior_steps.prompt', 'preliminaire:p07_prior_steps.options.reading');
    await answerText('preliminaire:p14_constraints.prompt', '1, 4');
    await answerChoice('preliminaire:p15_format.prompt', 'preliminaire:p15_format.options.mixed');
    await answerChoice('preliminaire:p15_rhythm.prompt', 'preliminaire:p15_rhythm.options.fortnightly');
    await answerChoice('preliminaire:p15_duration.prompt', 'preliminaire:p15_duration.options.6_to_12_weeks');
    await click('preliminaire:p16_adjustments.prompt', 'common:card.no');
    await answerChoice('preliminaire:p10_initiative.prompt', 'preliminaire:p10_initiative.options.myself');
    await answerChoice('preliminaire:p11_funding.prompt', 'preliminaire:p11_funding.options.cpf');
    await answerChoice('preliminaire:p12_freedom.prompt', 'preliminaire:p12_freedom.options.free');
    await answerChoice('preliminaire:p13_worries.prompt', 'preliminaire:p13_worries.options.none');

    const before = await page.sendText("où j'en suis");
    await page.waitForBotMessage(shows(fr, 'common:phases.preliminaire'), { fromIndex: before });

    await answerText('preliminaire:p08_clarity.prompt', '4');
    await page.waitForBotMessage(shows(fr, 'preliminaire:p09_readiness.prompt'));
    await page.submitCard(fr(msg('common:card.submit')), { choices: [`5 – ${fr(msg('preliminaire:p09_readiness.max'))}`] });
  });

  it('shows the recap of the objectives, which the user confirms', async () => {
    const recap = await page.waitForBotMessage(shows(fr, 'preliminaire:recap.prompt'));
    expect(recap.cardTexts.join(' ')).to.contain('gestion de projet');
    await page.screenshot('preliminaire-03-recap');
    await page.clickAction(fr(msg('common:recap.confirm')));
    await page.waitForBotMessage(shows(fr, 'preliminaire:done.thanks'));
    await page.screenshot('preliminaire-04-done');
  });

  it('starts the investigation when the user is ready and confirms the skills of an achievement story', async () => {
    const before = await page.sendText('reprendre');
    await page.waitForBotMessage(shows(fr, 'investigation:intro.welcome'), { fromIndex: before });
    for (let i = 0; i < 6; i++) {
      await page.waitForIdle();
      await page.clickAction(fr(msg('common:card.skip')));
    }
    await answerText('investigation:story.situation.prompt', "L'an dernier, notre entrepôt a changé de logiciel de gestion des stocks.");
    await answerText('investigation:story.stakes.prompt', "Former toute l'équipe en deux semaines sans arrêter les livraisons.");
    await answerText('investigation:story.actions.prompt', "J'ai organisé le planning des formations, animé les sessions et rédigé un guide pour l'équipe.");
    const review = await page.waitForBotMessage(shows(fr, 'common:skills.reviewTitle'));
    expect(review.choices.length, 'the top skills of the story are offered').to.be.within(1, 5);
    await page.screenshot('investigation-01-skills-card');
    await page.submitCard(fr(msg('common:skills.confirm')), { choices: [review.choices[0]!], inputs: ['Accompagner le changement'] });
    await page.waitForBotMessage(shows(fr, 'investigation:story.result.prompt'));
  });

  it('has stored the engagement, the answers and the confirmed objectives on disk', async () => {
    const record = await onlyBilanRecord(dataDir, dataKey);
    expect(record.locale).to.equal('fr');
    expect(record.phases.preliminaire?.status).to.equal('completed');
    expect(record.consent.engagedAt).to.be.a('string');
    expect(record.consent.objectivesConfirmedAt).to.be.a('string');
    expect(record.answers['p02_event']?.skipped).to.equal(true);
    expect(record.answers['p03_situation']?.value).to.equal('change_occupation');
    expect(record.answers['p14_constraints']?.value).to.deep.equal(['availability', 'part_time']);
    expect(record.answers['p08_clarity']?.value).to.equal(4);
    expect(record.answers['p09_readiness']?.value).to.equal(5);
    expect(record.skills?.map((skill) => skill.source), 'one ticked skill and one in the user\'s words').to.deep.equal(['extracted', 'user']);
    expect(record.skills?.[1]?.label).to.equal('Accompagner le changement');
    expect(record.skills?.every((skill) => skill.question === 'i11_story1_actions')).to.equal(true);
  });
});

/** The one bilan record the run created, read from the lowdb files on disk and decrypted with the bot's key. */
async function onlyBilanRecord(dataDir: string, dataKey: string): Promise<BilanRecord> {
  const files = (await readdir(join(dataDir, 'items'), { recursive: true })).filter((f) => f.endsWith('.json') && !f.split('/').pop()!.startsWith('.'));
  const keys = await Promise.all(files.map(async (f) => (JSON.parse(await readFile(join(dataDir, 'items', f), 'utf8')) as { key: string }).key));
  const recordKeys = keys.filter((key) => key.startsWith('bilan/records/'));
  expect(recordKeys).to.have.length(1);
  const items = await (await openEncryptedStore(dataDir, dataKey)).read(recordKeys);
  return (items[recordKeys[0]!] as { record: BilanRecord }).record;
}
