/**
 * The whole phase préliminaire, end to end: the bot started as users start it, the Microsoft 365 Agents
 * Playground emulating Teams, and a person's clicks and typing in headless Chromium.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
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

interface FlowQuestion {
  readonly id: string;
  readonly type: string;
  readonly kind?: string;
  readonly prompt: string;
  readonly next?: unknown;
  readonly options?: readonly { value: string; label: string }[];
  readonly scale?: { min: number; max: number };
}
const flowSteps = (id: string) =>
  (JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'dialogs', `${id}.flow.json`), 'utf8')) as { start: string; steps: FlowQuestion[] });

/** The préliminaire's questions after information and engagement (dialogs/preliminaire.flow.json). */
const NEEDS_ANALYSIS = flowSteps('preliminaire').steps.filter((s) => s.type === 'question' && !['p17_information_read', 'p00_engagement'].includes(s.id));

/** What this user answers (option values; text typed; « 1, 4 » ticks options by number); other questions by kind. */
const ANSWERS: Readonly<Record<string, string>> = {
  p01_trigger: "Après dix ans en logistique, j'aimerais évoluer vers la gestion de projet.",
  p03_situation: 'change_occupation',
  p05_questions: 'Mes compétences sont-elles transférables ?',
  p14_constraints: '1, 4',
  p15_format: 'mixed',
  p16_adjustments: 'no',
  p10_initiative: 'myself',
  p11_funding: 'cpf',
  p12_freedom: 'free',
  p13_worries: 'none',
  p08_clarity: '4',
};

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

  async function answerText(promptKey: string, text: string): Promise<void> {
    await page.waitForBotMessage(shows(fr, promptKey));
    await page.waitForIdle();
    await page.sendText(text);
  }

  async function click(promptKey: string, buttonKey: string): Promise<void> {
    await page.waitForBotMessage(shows(fr, promptKey));
    await page.clickAction(fr(msg(buttonKey)));
  }

  /** The first choice card answered by clicking: the bot then updates it in place (its index, the option chosen). */
  let answeredChoice: { readonly index: number; readonly question: FlowQuestion; readonly label: string } | undefined;

  /**
   * Answers a needs-analysis question as a person would: ANSWERS where given, otherwise by its kind. Returns the
   * label of the option chosen on the card, when it was answered by ticking one.
   */
  async function answer(question: FlowQuestion): Promise<string | undefined> {
    const given = ANSWERS[question.id];
    const options = question.options ?? [];
    switch (question.kind) {
      case 'text':
      case 'scale':
        await page.sendText(given ?? (question.kind === 'text' ? 'Rien de particulier.' : String(question.scale?.min ?? 1)));
        return undefined;
      case 'yesNo':
        await page.clickAction(fr(msg(given === 'yes' ? 'common:card.yes' : 'common:card.no')));
        return undefined;
      default: {
        if (question.kind === 'multiChoice' && given?.includes(',')) {
          await page.sendText(given);
          return undefined;
        }
        const option = options.find((o) => o.value === given) ?? options[0]!;
        await page.submitCard(fr(msg('common:card.submit')), { choices: [fr(msg(option.label))] });
        return fr(msg(option.label));
      }
    }
  }

  // The Playground sends installationUpdate (locale en-US) and conversationUpdate (no locale) at once: the welcome
  // follows whichever arrives first, in English or in the default language (French).
  it('welcomes the user once on install, in the language the first install event reports', async () => {
    const asked = await page.waitForBotMessage((m) => [en, fr].some((t) => shows(t, 'preliminaire:p17_information_read.prompt')(m)));
    await page.waitForIdle();
    const t = shows(en, 'preliminaire:p17_information_read.prompt')(asked) ? en : fr;
    const welcomes = (await page.botMessages()).filter(shows(t, 'preliminaire:welcome.short'));
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
    const privacy = await page.waitForBotMessage(shows(fr, 'preliminaire:engagement.privacy'));
    // Walks the questions as the cards ask them (the order and the branches are the flow's, dialogs/).
    let from = privacy.index + 1;
    let shown = 0;
    for (;;) {
      const asked = await page.waitForBotMessage((m) => shows(fr, 'preliminaire:recap.prompt')(m) || NEEDS_ANALYSIS.some((q) => shows(fr, q.prompt)(m)), { fromIndex: from });
      if (shows(fr, 'preliminaire:recap.prompt')(asked)) break;
      const question = NEEDS_ANALYSIS.find((q) => shows(fr, q.prompt)(asked))!;
      from = asked.index + 1;
      if (question.id === 'p08_clarity') {
        // The progress, asked midway, names the phase; the question is still the one to answer.
        const before = await page.sendText("où j'en suis");
        await page.waitForBotMessage(shows(fr, 'common:phases.preliminaire'), { fromIndex: before });
        await page.waitForIdle();
        from = (await page.botMessages()).length;
      }
      await page.waitForIdle();
      const chosen = await answer(question);
      if (chosen && question.kind === 'singleChoice') answeredChoice ??= { index: asked.index, question, label: chosen };
      if (++shown === 6) await page.screenshot('preliminaire-02-needs-analysis');
    }
  });

  it('updates an answered choice card in place: the question and the answer chosen, no button left', async () => {
    const { index, question, label } = answeredChoice!;
    const said = plain(fr(msg('common:answered.chosen', { answer: label })));
    const card = await page.waitForBotMessage((m, i) => i === index && m.cardTexts.some((text) => plain(text) === said));
    expect(plain(card.cardTexts[0] ?? ''), 'the question stays').to.equal(plain(fr(msg(question.prompt))));
    expect(card.actions, 'no button left to click').to.deep.equal([]);
    expect(card.choices, 'no option left to tick').to.deep.equal([]);
    await page.screenshot('preliminaire-03-answered-card', { messageIndex: index });
  });

  it('shows the recap of the objectives, which the user confirms', async () => {
    const recap = await page.waitForBotMessage(shows(fr, 'preliminaire:recap.prompt'));
    expect(recap.cardTexts.join(' ')).to.contain('gestion de projet');
    await page.screenshot('preliminaire-04-recap');
    await page.clickAction(fr(msg('common:recap.confirm')));
    await page.waitForBotMessage(shows(fr, 'preliminaire:done.thanks'));
    await page.screenshot('preliminaire-05-done');
  });

  it('starts the investigation when the user is ready, shows back the jobs of the career path to confirm, and the skills of an achievement story', async () => {
    const before = await page.sendText('reprendre');
    await page.waitForBotMessage(shows(fr, 'investigation:intro.welcome'), { fromIndex: before });
    await answerText('investigation:i01_career_path.prompt', '2008-2015 : préparateur de commandes. Depuis 2015 : cariste.');
    const jobs = await page.waitForBotMessage(shows(fr, 'common:jobs.reviewTitle'));
    expect(jobs.cardTexts.join(' ')).to.contain('Cariste');
    await page.screenshot('investigation-01-jobs-card', { messageIndex: jobs.index });
    await page.clickAction(fr(msg('common:jobs.confirm')), { messageIndex: jobs.index });
    const confirmed = plain(fr(msg('common:answered.jobReview.added', { count: 2 })));
    const answered = await page.waitForBotMessage((m, i) => i === jobs.index && m.cardTexts.some((text) => plain(text) === confirmed));
    expect(answered.actions, 'the jobs card keeps no button').to.deep.equal([]);
    expect(answered.cardTexts.join(' '), 'nor the jobs, now in the bilan').to.not.contain('Cariste');
    await page.screenshot('investigation-01b-jobs-answered', { messageIndex: jobs.index });
    // Every other card up to the first story is passed, whatever the flow asks (dialogs/).
    for (let from = jobs.index + 1; ; ) {
      const asked = await page.waitForBotMessage((m) => m.actions.length > 0, { fromIndex: from });
      if (shows(fr, 'investigation:story.situation.prompt')(asked)) break;
      from = asked.index + 1;
      await page.waitForIdle();
      const pass = [fr(msg('common:card.skip')), fr(msg('common:skills.none'))].find((title) => asked.actions.includes(title));
      if (!pass) throw new Error(`no way to pass: ${asked.cardTexts[0] ?? ''}`);
      await page.clickAction(pass, { messageIndex: asked.index });
    }
    await answerText('investigation:story.situation.prompt', "L'an dernier, notre entrepôt a changé de logiciel de gestion des stocks. Il fallait former toute l'équipe en deux semaines.");
    await answerText('investigation:story.actions.prompt', "J'ai organisé le planning des formations, animé les sessions et rédigé un guide pour l'équipe.");
    await page.waitForBotMessage(shows(fr, 'investigation:story.result.prompt'));
    await page.waitForIdle();
    const told = await page.sendText("Toute l'équipe a été formée à temps, sans retard de livraison.");
    const review = await page.waitForBotMessage(shows(fr, 'common:skills.reviewTitle'), { fromIndex: told });
    expect(review.choices.length, 'the top skills of the story are offered').to.be.within(1, 8);
    await page.screenshot('investigation-02-skills-card');
    await page.submitCard(fr(msg('common:skills.confirm')), { messageIndex: review.index, choices: [review.choices[0]!], inputs: ['Accompagner le changement'] });
    await page.waitForBotMessage(shows(fr, 'investigation:story.situationAnother.prompt'), { fromIndex: review.index });
  });

  it('has stored the engagement, the answers and the confirmed objectives on disk', async () => {
    const record = await onlyBilanRecord(dataDir, dataKey);
    expect(record.locale).to.equal('fr');
    expect(record.phases.preliminaire?.status).to.equal('completed');
    expect(record.consent.engagedAt).to.be.a('string');
    expect(record.consent.objectivesConfirmedAt).to.be.a('string');
    expect(record.answers['p03_situation']?.value).to.equal('change_occupation');
    expect(record.answers['p14_constraints']?.value).to.deep.equal(['availability', 'part_time']);
    expect(record.answers['p16_adjustments']?.value).to.equal('no');
    expect(record.answers['p08_clarity']?.value).to.equal(4);
    expect(record.jobs?.map((job) => job.code), 'the jobs confirmed').to.deep.equal(['N1103', 'N1101']);
    expect(record.skills?.map((skill) => skill.source), 'one ticked skill and one in the user\'s words').to.deep.equal(['extracted', 'user']);
    expect(record.skills?.[1]?.label).to.equal('Accompagner le changement');
    expect(record.skills?.every((skill) => skill.question.startsWith('i1')), 'each skill keeps the story answer it comes from').to.equal(true);
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
