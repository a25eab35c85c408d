/**
 * The baseline of `npm run bench`: an echo bot on the same stack as Bilan — restify, CloudAdapter in anonymous
 * mode, a ConversationState (turn counter) on LowdbStorage in `DATA_DIR` — and nothing else.
 * Prints `READY <url>` once listening.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState } from 'botbuilder';
import restify from 'restify';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';

const storage = await LowdbStorage.open(process.env['DATA_DIR'] ?? 'bench-echo');
const conversationState = new ConversationState(storage);
const turns = conversationState.createProperty<number>('turns');

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const count = (await turns.get(context, 0)) + 1;
      await turns.set(context, count);
      await context.sendActivity(`${String(count)}: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  override async run(context: Parameters<ActivityHandler['run']>[0]): Promise<void> {
    await super.run(context);
    await conversationState.saveChanges(context);
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  // restify's request type declares optional fields the adapter's structural type wants present.
  await adapter.process(req as Parameters<CloudAdapter['process']>[0], res, (context) => bot.run(context));
});
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`READY http://127.0.0.1:${String(address.port)}\n`);
});

// Exits through Node's normal path (as the bot does), so `--cpu-prof` and the like can write their files.
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
});
