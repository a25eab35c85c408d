import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MemoryStorage, type Activity } from 'botbuilder';
import { expect } from 'chai';
import { ChannelPoster, type ChannelPosterOptions } from '../../src/bot/channels/channel-poster.js';
import { outboxKey } from '../../src/bot/channels/channel-outbox.js';
import { ChannelPostError } from '../../src/bot/channels/channel-post-failures.js';
import { ChannelRegistry, NotAChannelActivityError, targetFromActivity, type ChannelTarget } from '../../src/bot/channels/channel-registry.js';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';
import { FakeConnector, type ConnectorCall } from '../support/fake-connector.js';
import { entraId, TEST_TENANT_ID } from '../support/activities.js';

const CHANNEL = '19:counsellors@thread.tacv2';
const TENANT = TEST_TENANT_ID;
const CARD = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Synthèse partagée' }] };

/** A real CloudAdapter without credentials, as in local runs and tests. */
function anonymousAdapter(): CloudAdapter {
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }));
}

/** A Teams message posted in a team channel (the registration command). */
function channelMessage(serviceUrl: string): Partial<Activity> {
  return {
    type: 'message',
    id: 'msg-1',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:admin', name: 'Admin', aadObjectId: entraId('aad-admin') },
    recipient: { id: '28:bilan-bot', name: 'Bilan' },
    conversation: { id: `${CHANNEL};messageid=msg-1`, conversationType: 'channel', isGroup: true, tenantId: TENANT, name: '' },
    channelData: { channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' }, tenant: { id: TENANT } },
    text: '<at>Bilan</at> set counsellor channel',
  };
}

describe('counsellor channel: proactive posts through the Bot Connector', () => {
  let connector: FakeConnector;
  let adapter: CloudAdapter;
  let storage: MemoryStorage;
  let target: ChannelTarget;
  let sleeps: number[];

  const createPoster = (options: Partial<ChannelPosterOptions> = {}, store: MemoryStorage | LowdbStorage = storage) =>
    new ChannelPoster(adapter, store, {
      appId: '',
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      ...options,
    });

  const conversationPosts = (): ConnectorCall[] => connector.callsTo('POST', '/v3/conversations');

  beforeEach(async () => {
    connector = await FakeConnector.start();
    adapter = anonymousAdapter();
    storage = new MemoryStorage();
    sleeps = [];
    target = targetFromActivity(channelMessage(connector.url), 'aad-admin', new Date('2025-01-02T03:04:05Z'));
  });

  afterEach(async () => {
    await connector.close();
  });

  it('posts a card as one new thread in the channel, anonymously', async () => {
    const posted = await createPoster().post(target, CARD, 'share:user-1:1');

    const posts = conversationPosts();
    expect(posts).to.have.length(1);
    expect(connector.calls).to.have.length(1);
    const body = posts[0]!.body as unknown as {
      isGroup: boolean;
      tenantId: string;
      channelData: { channel: { id: string } };
      activity: Partial<Activity>;
    };
    expect(body.isGroup).to.equal(true);
    expect(body.tenantId).to.equal(TENANT);
    expect(body.channelData.channel.id).to.equal(CHANNEL);
    expect(body.activity.type).to.equal('message');
    expect(body.activity.attachments).to.deep.equal([{ contentType: 'application/vnd.microsoft.card.adaptive', content: CARD }]);
    expect(posts[0]!.authorization, 'no credentials, no Authorization header').to.equal(undefined);

    expect(posted.conversationId).to.equal(`${CHANNEL};messageid=1`);
    expect(posted.activityId).to.equal('1');
    const record = (await storage.read([outboxKey('share:user-1:1')]))[outboxKey('share:user-1:1')];
    expect(record).to.include({ state: 'sent', activityId: '1', conversationId: `${CHANNEL};messageid=1` });
  });

  it('posts nothing more for a duplicate call with the same key, and returns the same ids', async () => {
    const poster = createPoster();
    const first = await poster.post(target, CARD, 'share:user-1:1');
    const second = await createPoster().post(target, { ...CARD, body: [] }, 'share:user-1:1');

    expect(conversationPosts()).to.have.length(1);
    expect(second).to.deep.equal(first);
    expect(await poster.find('share:user-1:1')).to.deep.equal(first);
  });

  it('posts a different key again', async () => {
    await createPoster().post(target, CARD, 'share:user-1:1');
    await createPoster().post(target, CARD, 'share:user-2:1');
    expect(conversationPosts()).to.have.length(2);
  });

  it('posts once for two concurrent calls with the same key', async () => {
    const [a, b] = await Promise.all([
      createPoster().post(target, CARD, 'share:user-1:1'),
      createPoster().post(target, CARD, 'share:user-1:1'),
    ]);
    expect(conversationPosts()).to.have.length(1);
    expect(a).to.deep.equal(b);
  });

  it("waits for another instance's pending post instead of posting again", async () => {
    const key = outboxKey('share:user-1:1');
    await storage.write({ [key]: { state: 'pending', owner: 'other-instance', startedAt: new Date().toISOString() } });
    const poster = createPoster({
      // The other instance finishes while this one waits.
      sleep: async () => {
        const current = (await storage.read([key]))[key];
        await storage.write({
          [key]: { ...current, state: 'sent', sentAt: new Date().toISOString(), activityId: '42', conversationId: `${CHANNEL};messageid=42`, serviceUrl: connector.url, tenantId: TENANT, channelId: CHANNEL },
        });
      },
    });

    const posted = await poster.post(target, CARD, 'share:user-1:1');

    expect(connector.calls).to.have.length(0);
    expect(posted).to.include({ activityId: '42', conversationId: `${CHANNEL};messageid=42` });
  });

  it('takes over an abandoned pending post', async () => {
    const key = outboxKey('share:user-1:1');
    await storage.write({ [key]: { state: 'pending', owner: 'dead-instance', startedAt: '2000-01-01T00:00:00Z' } });
    await createPoster().post(target, CARD, 'share:user-1:1');
    expect(conversationPosts()).to.have.length(1);
  });

  it('retries a 412 (which the SDK does not retry) and posts once', async () => {
    connector.failNext({ status: 412 });
    const retries: (number | undefined)[] = [];
    const posted = await createPoster({ onRetry: (info) => retries.push(info.status) }).post(target, CARD, 'share:user-1:1');

    expect(conversationPosts()).to.have.length(2);
    expect(retries).to.deep.equal([412]);
    expect(sleeps).to.have.length(1);
    expect(posted.activityId, 'the fake connector numbers successful posts only').to.equal('1');
    expect(await createPoster().find('share:user-1:1')).to.deep.equal(posted);
  });

  it('backs off exponentially with jitter between 412s', async () => {
    connector.failNext({ status: 412 }, 3);
    await createPoster({ baseDelayMs: 100, random: () => 1 }).post(target, CARD, 'share:user-1:1');
    expect(sleeps).to.deep.equal([100, 200, 400]);
    expect(conversationPosts()).to.have.length(4);
  });

  it('honours Retry-After on a 412', async () => {
    connector.failNext({ status: 412, headers: { 'retry-after': '7' } });
    await createPoster().post(target, CARD, 'share:user-1:1');
    expect(sleeps).to.deep.equal([7000]);
  });

  it('retries a 503 and posts once', async () => {
    // Retry-After: 0 keeps the SDK's own pipeline retries immediate; the last 503s reach the poster.
    connector.failNext({ status: 503, headers: { 'retry-after': '0' } }, 5);
    const retries: (number | undefined)[] = [];
    const posted = await createPoster({ onRetry: (info) => retries.push(info.status) }).post(target, CARD, 'share:user-1:1');

    expect(conversationPosts()).to.have.length(6);
    expect(retries.length, 'the poster retried after the SDK gave up').to.be.greaterThan(0);
    expect(retries.every((s) => s === 503)).to.equal(true);
    expect(posted.conversationId).to.equal(`${CHANNEL};messageid=1`);
  });

  it('does not retry a 403 and surfaces a typed error', async () => {
    connector.failNext({ status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } });
    const poster = createPoster();

    const error = await poster.post(target, CARD, 'share:user-1:1').then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).to.be.instanceOf(ChannelPostError);
    expect(error).to.include({ failure: 'forbidden', status: 403 });
    expect(connector.calls).to.have.length(1);
    expect(sleeps).to.have.length(0);
    const record = (await storage.read([outboxKey('share:user-1:1')]))[outboxKey('share:user-1:1')];
    expect(record).to.include({ state: 'failed', status: 403 });
    expect(await poster.find('share:user-1:1')).to.equal(undefined);
  });

  it('posts again with the same key after a failure (the failed attempt posted nothing)', async () => {
    connector.failNext({ status: 403 });
    const poster = createPoster();
    await poster.post(target, CARD, 'share:user-1:1').catch(() => undefined);
    await poster.post(target, CARD, 'share:user-1:1');
    expect(conversationPosts()).to.have.length(2);
    const found = await poster.find('share:user-1:1');
    expect(found?.activityId).to.equal('1');
    expect(found?.deleted).to.equal(undefined);
  });

  it('gives up after maxAttempts with a typed error', async () => {
    connector.failNext({ status: 412 }, 10);
    const error = await createPoster({ maxAttempts: 3 }).post(target, CARD, 'share:user-1:1').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ChannelPostError);
    expect(error).to.include({ failure: 'retries-exhausted', status: 412 });
    expect(conversationPosts()).to.have.length(3);
  });

  it('deletes the posted card, and a replayed post stays deleted', async () => {
    const poster = createPoster();
    const posted = await poster.post(target, CARD, 'share:user-1:1');
    connector.reset();

    await poster.delete(posted, 'share:user-1:1');

    expect(connector.calls).to.have.length(1);
    expect(connector.calls[0]!.method).to.equal('DELETE');
    expect(decodeURIComponent(connector.calls[0]!.path)).to.equal(`/v3/conversations/${CHANNEL};messageid=1/activities/1`);
    expect(await poster.find('share:user-1:1')).to.include({ deleted: true, activityId: '1' });

    const replayed = await poster.post(target, CARD, 'share:user-1:1');
    expect(connector.calls).to.have.length(1);
    expect(replayed.deleted).to.equal(true);
  });

  it('surfaces a failed delete even when the adapter has an onTurnError (as in the app), and keeps the post', async () => {
    const poster = createPoster();
    const posted = await poster.post(target, CARD, 'share:user-1:1');
    const swallowed: unknown[] = [];
    adapter.onTurnError = (_context, error) => {
      swallowed.push(error);
      return Promise.resolve();
    };
    connector.failNext({ status: 403 });

    const error = await poster.delete(posted, 'share:user-1:1').catch((e: unknown) => e);

    expect(error).to.be.instanceOf(ChannelPostError);
    expect(error).to.include({ failure: 'forbidden', status: 403 });
    expect(swallowed, 'the error left the proactive turn instead of reaching onTurnError').to.have.length(0);
    expect((await poster.find('share:user-1:1'))?.deleted, 'not marked deleted').to.equal(undefined);
  });

  it('does not retry a 501 (a connector without deleteActivity, like the Agents Playground)', async () => {
    const poster = createPoster();
    const posted = await poster.post(target, CARD, 'share:user-1:1');
    connector.reset();
    connector.failNext({ status: 501 });
    const error = await poster.delete(posted, 'share:user-1:1').catch((e: unknown) => e);
    expect(error).to.include({ failure: 'rejected', status: 501 });
    expect(connector.calls).to.have.length(1);
    expect(sleeps).to.have.length(0);
  });

  it('deletes by idempotency key, and a 404 counts as already deleted', async () => {
    const poster = createPoster();
    await poster.post(target, CARD, 'share:user-1:1');
    connector.reset();
    connector.failNext({ status: 404 });

    expect(await poster.deleteByKey('share:user-1:1')).to.equal(true);
    expect(connector.callsTo('DELETE', /\/activities\/1$/)).to.have.length(1);
    expect(await poster.deleteByKey('share:user-1:1'), 'nothing left to delete').to.equal(false);
    expect(await poster.deleteByKey('share:unknown')).to.equal(false);
  });

  it('keeps the outbox in LowdbStorage: a new poster over the same directory does not post again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bilan-outbox-'));
    try {
      const first = await createPoster({}, await LowdbStorage.open(dir)).post(target, CARD, 'share:user-1:1');
      const [a, b] = await Promise.all([
        createPoster({}, await LowdbStorage.open(dir)).post(target, CARD, 'share:user-1:1'),
        createPoster({}, await LowdbStorage.open(dir)).post(target, CARD, 'share:user-1:1'),
      ]);
      expect(conversationPosts()).to.have.length(1);
      expect(a).to.deep.equal(first);
      expect(b).to.deep.equal(first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('counsellor channel: registry', () => {
  it('round-trips a target built from a Teams channel message', async () => {
    const registry = new ChannelRegistry(new MemoryStorage());
    const target = targetFromActivity(channelMessage('https://smba.trafficmanager.net/emea/'), 'aad-admin', new Date('2025-01-02T03:04:05Z'));

    expect(target).to.deep.equal({
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      tenantId: TENANT,
      channelId: CHANNEL,
      teamId: '19:team@thread.tacv2',
      botId: '28:bilan-bot',
      registeredAt: '2025-01-02T03:04:05.000Z',
      registeredBy: 'aad-admin',
    });
    await registry.register('counsellor', target);
    expect(await registry.get('counsellor')).to.deep.equal(target);
    expect(await registry.get('hr')).to.equal(undefined);
  });

  it('stores plain JSON under channels/<role>, and a new registration replaces the old one', async () => {
    const storage = new MemoryStorage();
    const registry = new ChannelRegistry(storage);
    const first = targetFromActivity(channelMessage('https://a.example/'), 'aad-admin');
    await registry.register('hr', first);
    await registry.register('hr', { ...first, channelId: '19:other@thread.tacv2' });
    const stored = (await storage.read(['channels/hr']))['channels/hr'];
    expect(stored).to.include({ channelId: '19:other@thread.tacv2', serviceUrl: 'https://a.example/' });
    expect((await registry.get('hr'))?.channelId).to.equal('19:other@thread.tacv2');
  });

  it('uses the conversation id without its ;messageid= suffix when channelData has no channel', () => {
    const activity = channelMessage('https://a.example/');
    const target = targetFromActivity({ ...activity, channelData: { tenant: { id: TENANT } } }, 'aad-admin');
    expect(target.channelId).to.equal(CHANNEL);
  });

  it('refuses a personal chat', () => {
    const activity = channelMessage('https://a.example/');
    expect(() =>
      targetFromActivity({ ...activity, conversation: { id: 'a:1', conversationType: 'personal', isGroup: false, name: '' } }, 'aad-admin'),
    ).to.throw(NotAChannelActivityError);
  });
});
