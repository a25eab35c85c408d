/**
 * Proves the Playground harness against a tiny in-test echo bot: typed text is echoed, a card is shown, and
 * card choices / inputs / actions reach the bot through the real Playground UI in headless Chromium.
 */
import { expect } from 'chai';
import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  type Activity,
  type Request as BotRequest,
} from 'botbuilder';
import restify from 'restify';
import { openPlayground, startPlayground, type PlaygroundPage, type PlaygroundServer } from './support/playground.js';

const CARD = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Pick one option', wrap: true },
    {
      type: 'Input.ChoiceSet',
      id: 'choice',
      style: 'expanded',
      choices: [
        { title: 'Alpha', value: 'a' },
        { title: 'Beta', value: 'b' },
        { title: 'Gamma', value: 'g' },
      ],
    },
    { type: 'Input.Text', id: 'free', isMultiline: true, placeholder: 'Say more' },
  ],
  actions: [
    { type: 'Action.Submit', title: 'Send', data: { a: 'send' } },
    { type: 'Action.Submit', title: 'Skip', data: { a: 'skip' } },
  ],
};

class EchoBot extends ActivityHandler {
  readonly received: Partial<Activity>[] = [];

  constructor() {
    super();
    this.onTurn(async (context, next) => {
      this.received.push(context.activity);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await context.sendActivity('welcome');
      await next();
    });
    this.onMessage(async (context, next) => {
      const { text, value } = context.activity;
      if (value !== undefined) await context.sendActivity(`value: ${JSON.stringify(value)}`);
      else if (text.trim() === 'card') await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(CARD)));
      else await context.sendActivity(`echo: ${text}`);
      await next();
    });
  }
}

interface EchoServer {
  readonly endpoint: string;
  close(): Promise<void>;
}

async function startEchoBot(bot: EchoBot): Promise<EchoServer> {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' }),
  );
  adapter.onTurnError = async (context, error) => {
    console.error('echo bot turn failed', error);
    await context.sendActivity(`turn error: ${error.message}`);
  };
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    // restify's Request is structurally a botbuilder Request, but not under exactOptionalPropertyTypes.
    await adapter.process(req as unknown as BotRequest, res, (ctx) => bot.run(ctx));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('e2e: Playground harness (echo bot)', function () {
  this.timeout(60_000);

  const bot = new EchoBot();
  let echo: EchoServer | undefined;
  let playground: PlaygroundServer | undefined;
  let pg: PlaygroundPage;
  let step = 0;

  before(async function () {
    echo = await startEchoBot(bot);
    playground = await startPlayground({ botEndpoint: echo.endpoint, logFile: 'test-artifacts/e2e/harness-playground.log' });
    pg = await openPlayground(playground.url);
  });

  afterEach(async function () {
    step += 1;
    const title = this.currentTest?.title ?? 'test';
    await pg?.screenshot(`harness-${String(step).padStart(2, '0')}-${this.currentTest?.state === 'failed' ? 'FAILED-' : ''}${title}`);
  });

  after(async function () {
    await pg?.close();
    await playground?.stop();
    await echo?.close();
  });

  it('delivers installationUpdate(add) + conversationUpdate for the personal chat when the UI opens', async function () {
    const welcome = await pg.waitForBotMessage('welcome');
    expect(welcome.index).to.equal(0);
    const install = bot.received.find((a) => a.type === 'installationUpdate');
    expect(install?.action).to.equal('add');
    expect(install?.conversation?.conversationType).to.equal('personal');
    expect(install?.channelId).to.equal('msteams');
    expect(install?.serviceUrl).to.equal(playground?.connectorUrl);
    const update = bot.received.find((a) => a.type === 'conversationUpdate');
    expect(update?.membersAdded?.map((m) => m.id)).to.include(install?.recipient?.id);
  });

  it('echoes typed text', async function () {
    const text = 'Bonjour, ça va ? Très bien — merci !';
    const before = await pg.sendText(text);
    const reply = await pg.waitForBotMessage(`echo: ${text}`, { fromIndex: before });
    expect(reply.text).to.equal(`echo: ${text}`);
    const received = bot.received.at(-1);
    expect(received?.type).to.equal('message');
    expect(received?.text).to.equal(text);
  });

  it('shows the Adaptive Card', async function () {
    const before = await pg.sendText('card');
    const card = await pg.waitForBotMessage((m) => m.actions.length > 0, { fromIndex: before });
    expect(card.cardTexts).to.deep.equal(['Pick one option']);
    expect(card.choices).to.deep.equal(['Alpha', 'Beta', 'Gamma']);
    expect(card.actions).to.deep.equal(['Send', 'Skip']);
    expect(card.text).to.equal('');
  });

  it('delivers the selected choice and the typed text with "Send"', async function () {
    const before = (await pg.botMessages()).length;
    await pg.selectChoice('Beta');
    await pg.fillInput('première ligne\ndeuxième ligne');
    const sent = await pg.clickAction('Send');
    const expected = { a: 'send', choice: 'b', free: 'première ligne\ndeuxième ligne' };
    expect(sent).to.deep.equal(expected);
    const reply = await pg.waitForBotMessage(/^value: /, { fromIndex: before });
    expect(JSON.parse(reply.text.replace(/^value: /, ''))).to.deep.equal(expected);
    expect(bot.received.at(-1)?.value).to.deep.equal(expected);
  });

  it('delivers {"a":"skip"} with "Skip"', async function () {
    const before = (await pg.botMessages()).length;
    expect(await pg.clickAction('Skip')).to.deep.equal({ a: 'skip' });
    const reply = await pg.waitForBotMessage(/^value: /, { fromIndex: before });
    expect(JSON.parse(reply.text.replace(/^value: /, ''))).to.deep.equal({ a: 'skip' });
  });

  it('fills and submits a card in one step (submitCard)', async function () {
    const before = (await pg.botMessages()).length;
    expect(await pg.submitCard('Send', { choices: ['Gamma'], inputs: ['x'] })).to.deep.equal({ a: 'send', choice: 'g', free: 'x' });
    await pg.waitForBotMessage('value: {"a":"send","choice":"g","free":"x"}', { fromIndex: before });
  });

  it('re-sends the install through the UI (installInPersonalChat)', async function () {
    const before = (await pg.botMessages()).length;
    const installs = bot.received.filter((a) => a.type === 'installationUpdate').length;
    await pg.installInPersonalChat();
    await pg.waitForBotMessage('welcome', { fromIndex: before });
    await pg.waitForIdle();
    expect(bot.received.filter((a) => a.type === 'installationUpdate')).to.have.length(installs + 1);
  });
});
