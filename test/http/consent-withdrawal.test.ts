import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { SharedBilanIndex } from '../../src/core/sharing/shared-index.js';
import { Conversation } from '../support/conversation.js';
import { registerCounsellorChannel } from '../support/counsellor-channel.js';
import { decryptedItems, storedAnywhere } from '../support/encrypted-store.js';
import { FakeConnector } from '../support/fake-connector.js';
import { personIdOf } from '../support/http.js';
import { engage, storedRecord } from '../support/records.js';
import { TokenIssuer, tabCall } from '../support/tab-tokens.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Teams' 15 s for a bot to answer a turn. */
const TEAMS_TURN_LIMIT_MS = 15_000;

/**
 * A withdrawn consent always takes the counsellor card down: after « recommencer », when the withdrawal or the erasure
 * arrives while Teams is still posting the card, when the tab is clicked many times at once, and when Teams answers
 * slowly or with errors (fake Teams connector).
 */
describe('consent withdrawal always removes the counsellor card (fake Teams connector)', function () {
  this.timeout(60_000);
  const ADMIN = randomUUID();
  let connector: FakeConnector;
  let issuer: TokenIssuer;
  let app: TestApp;

  beforeEach(async () => {
    connector = await FakeConnector.start();
    issuer = await TokenIssuer.start();
    app = await startTestApp({ env: { ...issuer.env(), COUNSELLOR_ADMINS: ADMIN } });
    await registerCounsellorChannel(app, connector, ADMIN);
  });

  afterEach(async () => {
    await app.close();
    await issuer.close();
    await connector.close();
  });

  const cardPosts = () => connector.callsTo('POST', '/v3/conversations');
  const cardDeletes = (activityId?: string) => connector.callsTo('DELETE', new RegExp(`/v3/conversations/.*/activities/${activityId ?? '[^/]+'}$`));
  /** The activity ids of the cards the fake connector created (it numbers successful posts 1, 2…). */
  const postedIds = () => cardPosts().map((_call, i) => String(i + 1));
  const listedForCounsellors = () => new SharedBilanIndex(app.app.storage).list();

  async function engagedUser(): Promise<{ oid: string; chat: Conversation }> {
    const oid = randomUUID();
    const chat = new Conversation(app, { aadObjectId: oid, serviceUrl: connector.url });
    await engage(chat);
    return { oid, chat };
  }

  async function share(chat: Conversation): Promise<void> {
    await chat.say('partager ma synthèse');
    await chat.click('common:sharing.yes');
    expect(chat.keys()).to.deep.equal(['common:sharing.outcome.shared']);
  }

  /** The state of the outbox record of a share (channel-outbox.ts). */
  async function outboxState(shareId: string | undefined): Promise<unknown> {
    const key = `posts/share:${shareId ?? 'none'}`;
    return ((await app.app.storage.read([key]))[key] as { state?: unknown } | undefined)?.state;
  }

  /** Waits for `condition`, polling; gives up after a while so that the assertions that follow say what went wrong. */
  async function until(condition: () => Promise<boolean>): Promise<void> {
    for (let poll = 0; poll < 1000 && !(await condition()); poll++) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /**
   * The share confirmed while Teams holds the card's creation; `meanwhile` runs, and once the withdrawal is recorded
   * Teams creates the card. Resolves with the keys the share turn and `meanwhile`'s turn answered.
   */
  async function whileTheCardIsBeingPosted(oid: string, chat: Conversation, meanwhile: () => Promise<Conversation>): Promise<{ share: string[]; other: string[] }> {
    await chat.say('partager ma synthèse');
    const release = connector.hold('POST');
    const sharing = chat.click('common:sharing.yes');
    await until(() => Promise.resolve(cardPosts().length === 1));
    const shareId = (await storedRecord(app, oid))?.sharing?.at(-1)?.id;
    const other = meanwhile();
    try {
      await until(async () => (await outboxState(shareId)) === 'withdrawing');
    } finally {
      release();
    }
    return { other: (await other).keys(), share: (await sharing).keys() };
  }

  it('« recommencer » withdraws the shared card first and keeps the consent ledger: nothing stays in the channel', async () => {
    const { oid, chat } = await engagedUser();
    await share(chat);
    const [activityId] = postedIds();

    await chat.say('recommencer');
    await chat.click('common:commands.restart.yes');

    expect(cardDeletes(activityId), 'the card of the erased bilan is deleted').to.have.length(1);
    const ledger = (await storedRecord(app, oid))?.sharing ?? [];
    expect(ledger, 'the ledger survives the restart').to.have.length(1);
    expect(ledger[0]?.revokedAt).to.be.a('string');
    expect(await listedForCounsellors()).to.not.include(personIdOf(app.app, oid));
  });

  it('« recommencer » while Teams refuses the deletion: the share stays on the ledger, and erasure still finds and deletes the card', async () => {
    const { oid, chat } = await engagedUser();
    await share(chat);
    const [activityId] = postedIds();
    connector.failNext({ status: 403 }, 1);

    await chat.say('recommencer');
    await chat.click('common:commands.restart.yes');
    expect(chat.replies.map((a) => a.text)).to.include('common:commands.restart.unsharedPending');
    expect((await storedRecord(app, oid))?.sharing, 'the share is still on the ledger').to.have.length(1);

    await chat.say('supprimer mes données');
    await chat.click('rights:erase.yes');

    expect(chat.keys()[0]).to.equal('rights:certificate.title');
    expect(chat.keys(), 'the card is gone: nothing pending').to.not.include('rights:certificate.channelPending');
    expect(cardDeletes(activityId), 'refused once, then deleted by the erasure').to.have.length(2);
    expect(await storedAnywhere(app, `messageid=${activityId ?? 'none'}`), 'nothing of the card is kept').to.equal(false);
    expect(await listedForCounsellors()).to.deep.equal([]);
  });

  it('« retirer le partage » while the card is still being posted: the card is deleted as soon as it lands, and nobody stays listed', async () => {
    const { oid, chat } = await engagedUser();

    const turns = await whileTheCardIsBeingPosted(oid, chat, () => new Conversation(app, chat.user).say('retirer le partage'));

    expect(turns.other).to.deep.equal(['common:sharing.outcome.revoked']);
    expect(turns.share, 'the late share says nothing is shared').to.deep.equal(['common:sharing.outcome.nothingShared']);
    expect(cardPosts()).to.have.length(1);
    expect(cardDeletes(postedIds()[0]), 'the card that landed after the withdrawal is deleted').to.have.length(1);
    expect((await storedRecord(app, oid))?.sharing?.[0]?.revokedAt).to.be.a('string');
    expect(await listedForCounsellors()).to.not.include(personIdOf(app.app, oid));
  });

  it('« supprimer mes données » while the card is still being posted: the card is deleted, nothing about the user remains', async () => {
    const { oid, chat } = await engagedUser();
    const erasing = new Conversation(app, chat.user);

    const turns = await whileTheCardIsBeingPosted(oid, chat, async () => (await erasing.say('supprimer mes données')).click('rights:erase.yes'));

    expect(turns.other[0]).to.equal('rights:certificate.title');
    expect(cardDeletes(postedIds()[0]), 'the card that landed after the erasure is deleted').to.have.length(1);
    expect(await listedForCounsellors()).to.deep.equal([]);
    expect(await storedRecord(app, oid)).to.equal(undefined);
    expect(await storedAnywhere(app, `messageid=${postedIds()[0] ?? 'none'}`)).to.equal(false);
  });

  it('concurrent share and unshare clicks in the tab: no error, one outcome, at most one DELETE per card', async () => {
    const { oid } = await engagedUser();
    const headers = await issuer.bearer(oid);
    const put = (shared: boolean) => tabCall(app.url, 'PUT', `/users/${oid}/sharing/summary`, headers, { shared });
    expect((await put(true)).body).to.deep.equal({ outcome: 'shared' });

    const clicks = await Promise.all(Array.from({ length: 10 }, (_, i) => put(i % 2 === 0 ? false : true)));

    expect(clicks.map((c) => c.status)).to.deep.equal(Array.from({ length: 10 }, () => 200));
    for (const id of postedIds()) expect(cardDeletes(id).length, `DELETE calls for card ${id}`).to.be.at.most(1);
    const active = (await storedRecord(app, oid))?.sharing?.filter((e) => !e.revokedAt) ?? [];
    expect(active.length, 'one agreement in force at most').to.be.at.most(1);
    const cardsUp = postedIds().filter((id) => cardDeletes(id).length === 0);
    expect(cardsUp, 'the channel holds a card exactly when an agreement is in force').to.have.length(active.length);
    expect(await listedForCounsellors()).to.deep.equal(active.length === 1 ? [personIdOf(app.app, oid)] : []);
  });

  it('erasure answers within Teams\' 15 s when Teams answers with slow errors; the sweeper finishes the deletion', async () => {
    const { oid, chat } = await engagedUser();
    await share(chat);
    const [activityId] = postedIds();
    connector.answerSlowly(2000, 'DELETE');
    connector.failNext({ status: 503, headers: { 'retry-after': '0' } }, 50);

    await chat.say('supprimer mes données');
    const started = Date.now();
    await chat.click('rights:erase.yes');
    const elapsed = Date.now() - started;

    expect(elapsed, 'answered before Teams gives up on the turn').to.be.below(TEAMS_TURN_LIMIT_MS);
    expect(chat.keys()[0]).to.equal('rights:certificate.title');
    expect(chat.keys(), 'the certificate says the card deletion is pending').to.include('rights:certificate.channelPending');
    expect(await storedRecord(app, oid), 'everything else is destroyed already').to.equal(undefined);

    connector.reset();
    await app.app.runRetention();
    expect(cardDeletes(activityId).length, 'the card is deleted once Teams answers').to.be.at.least(1);
    expect(await storedAnywhere(app, `messageid=${activityId ?? 'none'}`), 'no outbox note of the card is left').to.equal(false);
    const proof = Object.values(await decryptedItems(app)).map((item) => JSON.stringify(item)).find((p) => p.includes('"reason":"userRequest"'));
    expect(proof, 'the proof is settled').to.contain('"channelPostsPending":0');
  });
});
