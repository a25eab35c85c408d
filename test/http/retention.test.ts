import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreBilanRepository } from '../../src/core/bilan/bilan-repository.js';
import { adaptiveCardOf, cardTexts } from '../support/cards.js';
import { Conversation } from '../support/conversation.js';
import { FakeConnector } from '../support/fake-connector.js';
import { FixedClock } from '../support/flows.js';
import { decryptedItems, storedAnywhere } from '../support/encrypted-store.js';
import { personIdOf, within } from '../support/http.js';
import { engage, installAndEngage, storeEarlierChatState, storedRecord } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { entraId } from '../support/activities.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('retention: closed bilans are destroyed automatically (ABANDON_AFTER_DAYS=90, RETENTION_DAYS=30)', () => {
  let clock: FixedClock;
  let app: TestApp;
  /** Where the certificates go (a user's chat has to be somewhere: an unreachable one only slows the sweep down). */
  let teams: FakeConnector;

  beforeEach(async () => {
    teams = await FakeConnector.start();
    clock = new FixedClock(new Date('2026-02-02T09:00:00.000Z'));
    app = await startTestApp({ clock, env: { ABANDON_AFTER_DAYS: '90', RETENTION_DAYS: '30' } });
  });

  afterEach(async () => {
    await app.close();
    await teams.close();
  });

  const chatOf = (aadObjectId: string) => new Conversation(app, { aadObjectId, serviceUrl: teams.url });

  async function proofsOnDisk(): Promise<Record<string, unknown>[]> {
    const items = Object.entries(await decryptedItems(app)) as [string, { proofs?: Record<string, unknown>[] }][];
    return items.filter(([key]) => key.startsWith('erasures/proofs/')).flatMap(([, item]) => item.proofs ?? []);
  }

  it('an abandoned bilan is kept 90 + 30 days after the last message, then destroyed with a content-free proof', async () => {
    const chat = chatOf('aad-gone-quiet');
    await installAndEngage(chat);
    await storeEarlierChatState(app, 'aad-gone-quiet');
    await chat.say('Je rêve d’ouvrir une librairie à Quimper');
    const active = chatOf('aad-still-here');
    await engage(active);

    clock.advance(119 * DAY_MS);
    await active.say('Envie de changer');
    expect(await app.app.runRetention(), 'the quiet one is warned').to.deep.equal({ destroyed: 0, warned: 1, resumed: 0 });
    expect(await storedRecord(app, 'aad-gone-quiet')).to.not.equal(undefined);

    clock.advance(1 * DAY_MS);
    expect(await app.app.runRetention()).to.deep.equal({ destroyed: 1, warned: 0, resumed: 0 });
    expect(await storedRecord(app, 'aad-gone-quiet')).to.equal(undefined);
    expect(await storedAnywhere(app, 'librairie à Quimper')).to.equal(false);
    expect(await storedAnywhere(app, entraId('aad-gone-quiet')), 'not even the user id').to.equal(false);
    expect(await storedRecord(app, 'aad-still-here'), 'an active bilan is left alone').to.not.equal(undefined);

    const [proof] = await proofsOnDisk();
    expect(proof).to.deep.include({ reason: 'retention', closure: 'abandoned', erasedAt: clock.iso(), channelPostsPending: 0 });
    expect(proof?.['categories']).to.include.members(['bilanRecord', 'dialogState', 'conversationReference']);
    expect(await app.app.runRetention(), 'destroyed once').to.deep.equal({ destroyed: 0, warned: 0, resumed: 0 });
  });

  it('warns the user in their chat 7 days before destruction, once, without any content, and the warning holds', async () => {
    const chat = chatOf('aad-warned');
    await engage(chat);
    await chat.say('Je rêve d’ouvrir une librairie à Quimper');
    const updatedAt = (await storedRecord(app, 'aad-warned'))?.updatedAt;
    const sentToUser = () => teams.callsTo('POST', /^\/v3\/conversations\/a:personal-aad-warned\/activities/).map((c) => c.body?.text ?? '');

    clock.advance((90 + 30 - 7) * DAY_MS - 60_000);
    expect((await app.app.runRetention()).warned, 'not yet: more than 7 days before').to.equal(0);
    clock.advance(60_000);
    expect(await app.app.runRetention()).to.deep.equal({ destroyed: 0, warned: 1, resumed: 0 });
    expect(sentToUser()).to.deep.equal(['rights:warning.due\n\nrights:warning.download\n\nrights:warning.keep']);
    const warned = await storedRecord(app, 'aad-warned');
    expect(warned?.destructionWarning).to.deep.equal({ dueAt: new Date(Date.parse(updatedAt ?? '') + 120 * DAY_MS).toISOString(), sentAt: clock.iso() });
    expect(warned?.updatedAt, 'a warning is not activity: the bilan stays abandoned').to.equal(updatedAt);

    clock.advance(3 * DAY_MS);
    expect((await app.app.runRetention()).warned, 'once').to.equal(0);
    clock.advance(4 * DAY_MS);
    expect(await app.app.runRetention()).to.deep.equal({ destroyed: 1, warned: 0, resumed: 0 });
    expect(sentToUser(), 'then only the certificate').to.have.length(2);
  });

  it('a refused bilan is warned without the offer to keep it a year, and a bilan kept a year is warned before its new date', async () => {
    const refuser = chatOf('aad-warned-refuser');
    await refuser.say('bonjour');
    await refuser.say('oui');
    await refuser.click('common:card.no');
    const keeper = chatOf('aad-warned-keeper');
    await engage(keeper);
    await keeper.say('conserver un an');
    await keeper.click('rights:keep.yes');
    const sentTo = (id: string) => teams.callsTo('POST', new RegExp(`^/v3/conversations/a:personal-${id}/activities`)).map((c) => c.body?.text ?? '');

    clock.advance(23 * DAY_MS);
    expect((await app.app.runRetention()).warned).to.equal(1);
    expect(sentTo('aad-warned-refuser')).to.deep.equal(['rights:warning.due\n\nrights:warning.download']);
    clock.advance((90 + 365 - 7 - 23) * DAY_MS);
    expect((await app.app.runRetention()).warned).to.equal(1);
    expect(sentTo('aad-warned-keeper'), 'already kept: no offer to keep it').to.deep.equal(['rights:warning.due\n\nrights:warning.download']);
  });

  it('a warning Teams refuses is not recorded, and is sent at the next sweep', async () => {
    await engage(chatOf('aad-refused-once'));
    clock.advance((90 + 30 - 7) * DAY_MS);
    teams.failNext({ status: 403 });
    expect((await app.app.runRetention()).warned).to.equal(0);
    expect((await storedRecord(app, 'aad-refused-once'))?.destructionWarning, 'the unsent warning is not recorded').to.equal(undefined);
    expect((await app.app.runRetention()).warned).to.equal(1);
    expect((await storedRecord(app, 'aad-refused-once'))?.destructionWarning?.sentAt).to.equal(clock.iso());
  });

  it('the user gets the destruction certificate in their chat, without any content', async () => {
    const chat = chatOf('aad-notified');
    await engage(chat);
    await chat.say('Je rêve d’ouvrir une librairie à Quimper');
    clock.advance(120 * DAY_MS);
    expect((await app.app.runRetention()).destroyed).to.equal(1);
    const sent = teams.callsTo('POST', /^\/v3\/conversations\/a:personal-aad-notified\/activities/).map((c) => adaptiveCardOf(c.body));
    expect(sent).to.have.length(1);
    expect(cardTexts(sent[0])).to.include.members(['rights:certificate.title', 'rights:certificate.retention', 'rights:certificate.kept']);
    expect(JSON.stringify(sent[0])).to.not.contain('Quimper');
  });

  it('a refused bilan is destroyed 30 days after the refusal', async () => {
    const chat = chatOf('aad-refuser');
    await chat.say('bonjour');
    await chat.say('oui');
    await chat.click('common:card.no');
    clock.advance(29 * DAY_MS);
    expect((await app.app.runRetention()).destroyed).to.equal(0);
    clock.advance(1 * DAY_MS);
    expect((await app.app.runRetention()).destroyed).to.equal(1);
    expect(await storedRecord(app, 'aad-refuser')).to.equal(undefined);
    expect((await proofsOnDisk())[0]).to.deep.include({ closure: 'refused' });
  });

  it('with the user’s recorded agreement, the abandoned bilan is kept one year after closure, and no longer', async () => {
    const chat = chatOf('aad-keeper');
    await engage(chat);
    await chat.say('conserver un an');
    await chat.click('rights:keep.yes');

    clock.advance((90 + 30) * DAY_MS);
    expect((await app.app.runRetention()).destroyed).to.equal(0);
    expect(await storedRecord(app, 'aad-keeper')).to.not.equal(undefined);
    clock.advance((365 - 30) * DAY_MS);
    expect((await app.app.runRetention()).destroyed).to.equal(1);
    expect(await storedRecord(app, 'aad-keeper')).to.equal(undefined);
  });

  it('a user who was destroyed by retention can start a new bilan', async () => {
    const chat = chatOf('aad-returns');
    await engage(chat);
    clock.advance(120 * DAY_MS);
    await app.app.runRetention();
    await chat.say('bonjour');
    expect(chat.currentPrompt()).to.equal('preliminaire:p17_information_read.prompt');
  });
});

describe('retention sweep at startup', () => {
  it('runs as soon as the server listens: a bilan that became due while the bot was down is destroyed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'bilan-retention-'));
    const teams = await FakeConnector.start();
    try {
      const clock = new FixedClock(new Date('2026-02-02T09:00:00.000Z'));
      const env = { DATA_DIR: dataDir, RETENTION_DAYS: '0', ABANDON_AFTER_DAYS: '1' };
      const before = await startTestApp({ clock, env });
      await engage(new Conversation(before, { aadObjectId: 'aad-startup', serviceUrl: teams.url }));
      await before.close();

      clock.advance(2 * DAY_MS);
      const repository = new StoreBilanRepository(before.app.storage);
      expect(await repository.load(personIdOf(before.app, 'aad-startup')), 'still there while the bot is down').to.not.equal(undefined);
      const after = await startTestApp({ clock, env });
      try {
        await within(waitUntil(() => Promise.resolve(after.logs.some((l) => l['msg'] === 'retention sweep'))), 5000, 'startup sweep');
        expect(after.logs.find((l) => l['msg'] === 'retention sweep')).to.deep.include({ destroyed: 1 });
        expect(await repository.load(personIdOf(before.app, 'aad-startup'))).to.equal(undefined);
      } finally {
        await after.close();
      }
    } finally {
      await teams.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}
