/**
 * Sharing with the counsellor, end to end in the Microsoft 365 Agents Playground with the repo's Playground config
 * (.m365agentsplayground.yml: team "Accompagnement", channel "Conseillers bilan"): the admin registers the channel
 * by writing in it, the employee agrees (or declines) in the 1:1 chat, and the channel shows what arrived.
 *
 * The Playground has one person at the keyboard, the config's `currentUser`: here she is both the admin (her Entra
 * id is in COUNSELLOR_ADMINS) and the employee. Her bilan is seeded on disk up to the end of the conclusion; the
 * request, the consent and the sharing go through the Playground UI, as a user would.
 */
import { personIdOf } from '../support/http.js';
import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ChannelRegistry } from '../../src/bot/channels/channel-registry.js';
import type { Storage } from 'botbuilder';
import type { BilanRecord } from '../../src/core/bilan/bilan-record.js';
import { StoreBilanRepository } from '../../src/core/bilan/bilan-repository.js';
import { msg } from '../../src/core/messages.js';
import { Translations } from '../../src/infra/i18n/create-i18n.js';
import { readLocaleResources } from '../../src/infra/i18n/locale-resources.js';
import { loadSynthesisTemplate } from '../../src/infra/synthesis/template.js';
import { BotProcess, freePort, PROJECT_ROOT } from '../support/bot-process.js';
import { newTestKey, openEncryptedStore, personIdsIn } from '../support/encrypted-store.js';
import { seedConcludedBilan, type ConcludedBilan } from '../support/records.js';
import { openPlayground, startPlayground, type PlaygroundPage, type PlaygroundServer } from './support/playground.js';
import { openPersonalChat, PlaygroundChannel, type ChannelPost } from './support/playground-channel.js';

/** From .m365agentsplayground.yml. */
const CONFIG_PATH = resolve(PROJECT_ROOT, '.m365agentsplayground.yml');
const CURRENT_USER_AAD = '00000000-0000-0000-0000-00000000c001';
const TEAM = 'Accompagnement';
const CHANNEL = 'Conseillers bilan';
const CHANNEL_ID = '19:conseillers-bilan@thread.tacv2';

const translations = new Translations(readLocaleResources(resolve(PROJECT_ROOT, 'locales')));
const fr = translations.translator('fr');
const en = translations.translator('en');

const BILAN: ConcludedBilan = {
  trigger: 'Je pense démissionner si rien ne bouge dans mon service.',
  skills: ['Former des collaborateurs', 'Planifier les tournées de livraison'],
  project: 'Devenir formatrice pour adultes dans la logistique.',
};

/** A bot process with its own data directory, and the Playground with the repo's config, in headless Chromium. */
class Setup {
  private constructor(
    readonly dataDir: string,
    /** The bot's storage as the bot sees it (its files are encrypted with this run's key). */
    readonly store: Storage,
    readonly bot: BotProcess,
    readonly playground: PlaygroundServer,
    readonly page: PlaygroundPage,
  ) {}

  static async start(): Promise<Setup> {
    const dataDir = await mkdtemp(join(tmpdir(), 'bilan-e2e-channel-'));
    const dataKey = newTestKey();
    const store = await openEncryptedStore(dataDir, dataKey);
    await seedConcludedBilan(store, await personIdsIn(store), CURRENT_USER_AAD, BILAN);
    const port = await freePort();
    const bot = BotProcess.start({
      PORT: String(port),
      DATA_DIR: dataDir,
      DATA_ENCRYPTION_KEY: dataKey,
      LOG_LEVEL: 'info',
      COUNSELLOR_ADMINS: CURRENT_USER_AAD,
      RATE_LIMIT_PER_MINUTE: '0',
    });
    await bot.waitForLog((line) => line['msg'] === 'Bilan bot is ready', 30_000);
    const playground = await startPlayground({ botEndpoint: `http://127.0.0.1:${port}/api/messages`, configPath: CONFIG_PATH });
    const page = await openPlayground(playground.url);
    return new Setup(dataDir, store, bot, playground, page);
  }

  async stop(): Promise<void> {
    await this.page.close();
    await this.playground.stop();
    await this.bot.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  /** The admin opens the counsellors' channel and writes « @Bilan canal conseiller »; the bot confirms in the thread. */
  async registerCounsellorChannel(): Promise<PlaygroundChannel> {
    await this.page.waitForIdle();
    const channel = await PlaygroundChannel.open(this.page, TEAM, CHANNEL);
    await channel.post('canal conseiller', { mention: 'Bilan' });
    const registered = [fr, en].map((t) => t(msg('common:channel.registered')));
    await channel.waitForPost((p) => p.replies.some((r) => r.author === 'Bilan' && registered.includes(r.text)), 'the bot confirms the registration');
    return channel;
  }

  async record(): Promise<BilanRecord | undefined> {
    return (await new StoreBilanRepository(this.store).load(personIdOf(await personIdsIn(this.store), CURRENT_USER_AAD)))?.record;
  }

  /** Every storage key on disk (lowdb: one file per key). */
  async storedKeys(): Promise<string[]> {
    const dir = join(this.dataDir, 'items');
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json') && !f.split('/').pop()!.startsWith('.'));
    return Promise.all(files.map(async (f) => (JSON.parse(await readFile(join(dir, f), 'utf8')) as { key: string }).key));
  }

  /** Log entries of bot calls that create a conversation or thread (a proactive post) anywhere. */
  proactivePosts(): number {
    return this.page.logEntries().filter((e) => e.activityName === 'createConversation').length;
  }
}

/** Saves a screenshot named after the failed test, in test-artifacts/e2e/. */
async function screenshotOnFailure(ctx: Mocha.Context, page: PlaygroundPage | undefined): Promise<void> {
  if (ctx.currentTest?.state === 'failed' && page) await page.screenshot(`FAILED-${ctx.currentTest.fullTitle()}`).catch(() => undefined);
}

function isSummaryCard(post: ChannelPost): boolean {
  return post.author === 'Bilan' && post.cardTexts.includes(fr(msg('common:sharing.cardTitle')));
}

describe('sharing with the counsellor in the Agents Playground: a user who agrees', function () {
  this.timeout(300_000);
  let setup: Setup;
  let channel: PlaygroundChannel;

  before(async () => {
    setup = await Setup.start();
  });

  afterEach(async function () {
    await screenshotOnFailure(this, setup?.page);
  });

  after(async () => {
    await setup?.stop();
  });

  it('the admin registers the counsellors channel by writing to the bot in it', async () => {
    channel = await setup.registerCounsellorChannel();
    await setup.page.screenshot('counsellor-channel-01-registered');
    const target = await new ChannelRegistry(setup.store).get('counsellor');
    expect(target).to.include({ channelId: CHANNEL_ID, registeredBy: CURRENT_USER_AAD, serviceUrl: setup.playground.connectorUrl });
  });

  it('asks first, and nothing reaches the channel before the user answers', async () => {
    await openPersonalChat(setup.page);
    const before = await setup.page.sendText('partager ma synthèse');
    const question = await setup.page.waitForBotMessage(fr(msg('common:sharing.confirmTitle')), { fromIndex: before });
    expect(question.actions).to.deep.equal([fr(msg('common:sharing.yes')), fr(msg('common:sharing.no'))]);
    await channel.show();
    expect((await channel.posts()).filter((p) => p.author === 'Bilan'), 'no post by the bot').to.have.length(0);
    expect(setup.proactivePosts()).to.equal(0);
  });

  it('after « Oui », the summary card appears in the channel: confirmed skills and project, nothing of the intake', async () => {
    await openPersonalChat(setup.page);
    const before = (await setup.page.botMessages()).length;
    await setup.page.clickAction(fr(msg('common:sharing.yes')));
    await setup.page.waitForBotMessage(fr(msg('common:sharing.outcome.shared')), { fromIndex: before });

    await channel.show();
    const card = await channel.waitForPost(isSummaryCard, 'the summary card');
    await setup.page.screenshot('counsellor-channel-02-summary-card');
    const values = card.facts.map((f) => f.value);
    expect(values).to.include.members([...BILAN.skills, BILAN.project]);
    const template = loadSynthesisTemplate(resolve(PROJECT_ROOT, 'locales'), 'fr');
    // "2. Compétences…" renders as a numbered list item in the card: its number is not part of the text.
    const heading = (key: string) => (template.strings.get(key) ?? key).replace(/^\d+\.\s*/, '');
    expect(card.cardTexts, 'the three shared sections, headed as in the synthesis document').to.include.members(
      ['sections.competences', 'sections.project', 'sections.plan'].map(heading),
    );
    expect(card.cardTexts, 'nothing of the intake').to.not.include(heading('sections.demand'));
    expect(card.facts.map((f) => f.title), 'skills grouped as in the document').to.include(template.strings.get('labels.skills.project'));
    expect(card.text, 'the intake (phase préliminaire) stays in the chat').to.not.contain('démissionner');
    expect(card.text).to.contain(fr(msg('common:sharing.cardNotice')));
    expect((await channel.posts()).filter(isSummaryCard), 'posted once').to.have.length(1);
    expect(setup.proactivePosts()).to.equal(1);

    const share = (await setup.record())?.sharing?.[0];
    expect(share).to.deep.include({ recipient: 'counsellor', parts: ['conclusionSummary'] });
    expect(share?.grantedAt).to.be.a('string');
    expect(share?.posted?.conversationId).to.match(new RegExp(`^${CHANNEL_ID};messageid=`));
  });

  // The Playground answers deleteActivity with 501 "not implemented yet" (and logs a warning), so the card cannot
  // leave the channel here. What can be checked: the bot asked for the deletion, and did not pretend it happened.
  it('« retirer le partage »: the bot asks the Playground to delete the card, records the withdrawal, and says honestly the card is not gone yet', async () => {
    await openPersonalChat(setup.page);
    const before = await setup.page.sendText('retirer le partage');
    const reply = await setup.page.waitForBotMessage(() => true, { fromIndex: before });
    await setup.page.waitForIdle();
    await setup.page.screenshot('counsellor-channel-03-revoke-not-deletable');
    const notImplemented = setup.page.logEntries().filter((e) => e.level === 'warning' && /delete activity is not implemented/i.test(e.displayText));
    expect(notImplemented, 'the bot called deleteActivity on the Playground connector once (501 is not retried)').to.have.length(1);
    // The withdrawal is recorded at once; the bot says the card is not yet gone (the sweeper retries the deletion).
    expect(reply.text).to.equal(fr(msg('common:sharing.outcome.revokedPending')));
    expect(reply.text).to.not.equal(fr(msg('common:sharing.outcome.revoked')));
    const share = (await setup.record())?.sharing?.[0];
    expect(share?.revokedAt, 'the withdrawal is recorded at once').to.be.a('string');
    await channel.show();
    expect((await channel.posts()).filter(isSummaryCard), 'the card is still there (Teams refused the deletion)').to.have.length(1);
  });
});

describe('sharing with the counsellor in the Agents Playground: a user who declines', function () {
  this.timeout(300_000);
  let setup: Setup;
  let channel: PlaygroundChannel;

  before(async () => {
    setup = await Setup.start();
    channel = await setup.registerCounsellorChannel();
  });

  afterEach(async function () {
    await screenshotOnFailure(this, setup?.page);
  });

  after(async () => {
    await setup?.stop();
  });

  it('after « Non », nothing appears in any channel, nothing is posted, nothing is recorded', async () => {
    await openPersonalChat(setup.page);
    const before = await setup.page.sendText('partager ma synthèse');
    await setup.page.waitForBotMessage(fr(msg('common:sharing.confirmTitle')), { fromIndex: before });
    const answered = (await setup.page.botMessages()).length;
    await setup.page.clickAction(fr(msg('common:sharing.no')));
    await setup.page.waitForBotMessage(fr(msg('common:sharing.cancelled')), { fromIndex: answered });
    await setup.page.waitForIdle();

    for (const view of [channel, await PlaygroundChannel.open(setup.page, TEAM, 'General')]) {
      const posts = await view.posts();
      expect(posts.filter((p) => p.author === 'Bilan'), `no post by the bot in ${view.label}`).to.have.length(0);
      expect(JSON.stringify(posts), `nothing of the bilan in ${view.label}`).to.not.match(/Former des collaborateurs|formatrice|démissionner/);
    }
    await setup.page.screenshot('counsellor-channel-04-declined');
    expect(setup.proactivePosts(), 'the Playground logged no proactive post').to.equal(0);
    expect((await setup.storedKeys()).filter((k) => k.startsWith('posts/')), 'nothing in the outbox on disk').to.deep.equal([]);
    expect((await setup.record())?.sharing ?? []).to.deep.equal([]);
  });

  it('« mes données »: the export and synthesis links of a user with a GUID Entra id open (no 404)', async () => {
    await openPersonalChat(setup.page);
    const before = await setup.page.sendText('mes données');
    await setup.page.waitForBotMessage(fr(msg('rights:export.title')), { fromIndex: before });
    // Action.OpenUrl opens a window: record its address instead.
    await setup.page.page.evaluate('window.open = (url) => { window.__openedUrl = String(url); return null; }');
    for (const [title, type] of [['rights:export.json', 'application/json'], ['common:synthesis.pdf', 'application/pdf'], ['common:synthesis.md', 'text/markdown']] as const) {
      await setup.page.clickAction(fr(msg(title)), { expectSubmit: false });
      const url = await setup.page.page.evaluate<string>('window.__openedUrl');
      expect(new URL(url).pathname.split('/').pop()!.length, 'a short link').to.be.below(100);
      const response = await fetch(url);
      expect(response.status, title).to.equal(200);
      expect(response.headers.get('content-type'), title).to.contain(type);
    }
  });
});
