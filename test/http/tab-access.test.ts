import { personIdOf } from '../support/http.js';
import { expect } from 'chai';
import { StoreBilanRepository } from '../../src/core/bilan/bilan-repository.js';
import { entraId } from '../support/activities.js';
import { Conversation } from '../support/conversation.js';
import { registerCounsellorChannel } from '../support/counsellor-channel.js';
import { FakeConnector } from '../support/fake-connector.js';
import { engage, storedRecord } from '../support/records.js';
import { TokenIssuer, tabCall } from '../support/tab-tokens.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Teams users (Entra object ids), as the chat and the tab both see them. */
const ALICE = entraId('alice');
const BOB = entraId('bob');
const CAROL = entraId('carol');
const ADMIN = entraId('admin');

const SECRET_INTAKE = 'Mon secret: je pense démissionner.';

/**
 * One story, in order: Alice has a bilan, Bob too; Carol is a configured counsellor. Who may see what through the tab
 * API, and the tab and the chat working on the same consent ledger (and the same channel card).
 */
describe('tab API authorisation and the shared consent ledger (in order)', () => {
  let connector: FakeConnector;
  let issuer: TokenIssuer;
  let app: TestApp;
  const as = async (oid: string) => issuer.bearer(oid);
  const call = async (oid: string, method: string, path: string, body?: unknown) => tabCall(app.url, method, path, await as(oid), body);
  const posts = () => connector.callsTo('POST', '/v3/conversations');
  const deletes = () => connector.callsTo('DELETE', /\/v3\/conversations\/.*\/activities\//);
  let shareId = '';

  before(async () => {
    connector = await FakeConnector.start();
    issuer = await TokenIssuer.start();
    app = await startTestApp({ env: { ...issuer.env(), COUNSELLOR_ADMINS: ADMIN, COUNSELLORS: CAROL } });
    await registerCounsellorChannel(app, connector, ADMIN);
    const alice = new Conversation(app, { aadObjectId: ALICE, serviceUrl: connector.url });
    await engage(alice);
    await alice.say(SECRET_INTAKE);
    await engage(new Conversation(app, { aadObjectId: BOB, serviceUrl: connector.url }));
    const repository = new StoreBilanRepository(app.app.storage);
    const loaded = (await repository.load(personIdOf(app.app, ALICE)))!;
    const skill = { label: 'Gestion de projet', kind: 'savoir-faire' as const, source: 'user' as const, evidence: [], question: 'i10_achievement', confirmedAt: loaded.record.createdAt };
    await repository.save({ ...loaded.record, skills: [skill], interests: { holland: 'SEA', scores: { S: 5, E: 4, A: 3 }, computedAt: loaded.record.createdAt } }, loaded.eTag);
  });

  after(async () => {
    await app.close();
    await issuer.close();
    await connector.close();
  });

  it('an employee reads their own bilan: progress by phase, confirmed skills by kind, personal synthesis links, nothing shared', async () => {
    const { status, body } = await call(ALICE, 'GET', `/users/${ALICE}/bilan`);
    expect(status).to.equal(200);
    expect(body.started).to.equal(true);
    expect(body.phases.map((p: { phase: string; state: string }) => [p.phase, p.state])).to.deep.equal([['preliminaire', 'active'], ['investigation', 'notStarted'], ['conclusion', 'notStarted']]);
    expect(body.skills).to.deep.equal([{ kind: 'savoir-faire', label: 'synthesis:labels.skills.savoir-faire', items: ['Gestion de projet'] }]);
    expect(body.sharing).to.deep.equal({ summary: { shared: false } });
    expect(body.synthesis.pdf).to.match(/\/synthesis\/[\w-]+\.pdf$/);
    const sameServer = new URL(new URL(body.synthesis.md as string).pathname, app.url); // links name PUBLIC_BASE_URL (here :0)
    expect((await fetch(sameServer)).status, 'the synthesis link downloads').to.equal(200);
  });

  it('an employee gets 403 for another user\'s bilan, for changing their sharing, and for the counsellor views', async () => {
    expect((await call(ALICE, 'GET', `/users/${BOB}/bilan`)).status).to.equal(403);
    expect((await call(ALICE, 'PUT', `/users/${BOB}/sharing/summary`, { shared: true })).status).to.equal(403);
    expect((await call(ALICE, 'GET', '/counsellor/bilans')).status).to.equal(403);
    expect((await storedRecord(app, BOB))?.sharing, 'Bob\'s ledger is untouched').to.equal(undefined);
    expect(posts()).to.have.length(0);
  });

  it('a counsellor sees no bilan before anyone shares, and cannot read an employee\'s bilan directly', async () => {
    expect(await call(CAROL, 'GET', '/counsellor/bilans')).to.deep.equal({ status: 200, body: { bilans: [] } });
    expect((await call(CAROL, 'GET', `/users/${ALICE}/bilan`)).status).to.equal(403);
  });

  it('a malformed sharing request is refused and changes nothing', async () => {
    expect((await call(ALICE, 'PUT', `/users/${ALICE}/sharing/summary`, { shared: 'yes' })).status).to.equal(400);
    expect((await storedRecord(app, ALICE))?.sharing).to.equal(undefined);
  });

  it('sharing from the tab records the agreement on the chat\'s ledger and posts exactly one channel card', async () => {
    expect(await call(ALICE, 'PUT', `/users/${ALICE}/sharing/summary`, { shared: true })).to.deep.equal({ status: 200, body: { outcome: 'shared' } });
    expect(posts()).to.have.length(1);
    const entry = (await storedRecord(app, ALICE))?.sharing?.[0];
    expect(entry).to.deep.include({ recipient: 'counsellor', parts: ['conclusionSummary'] });
    shareId = entry!.id;
    const chat = new Conversation(app, { aadObjectId: ALICE, serviceUrl: connector.url });
    await chat.say('partager ma synthèse');
    await chat.click('common:sharing.yes');
    expect(chat.keys(), 'the chat sees the same agreement').to.deep.equal(['common:sharing.outcome.alreadyShared']);
    expect(posts()).to.have.length(1);
  });

  it('the counsellor lists only the shared bilan, and its detail carries the shared part only, numbered as in the document', async () => {
    const list = await call(CAROL, 'GET', '/counsellor/bilans');
    expect(list.body.bilans).to.have.length(1);
    expect(list.body.bilans[0]).to.include({ shareId, acknowledgedAt: null });
    const detail = await call(CAROL, 'GET', `/counsellor/bilans/${shareId}`);
    expect(detail.status).to.equal(200);
    expect(detail.body.sections.map((g: { id: string }) => g.id)).to.deep.equal(['competences', 'project', 'plan']);
    expect(detail.body.sections[0].heading).to.equal('synthesis:sections.competences');
    expect(JSON.stringify(detail.body.sections[0].lines)).to.contain('Gestion de projet');
    expect(JSON.stringify(detail.body), 'interests are not part of the shared summary').to.not.contain('SEA');
    expect(JSON.stringify(detail.body), 'nothing of the intake').to.not.contain('démissionner');
  });

  it('a counsellor gets 403 for an unknown share id, and an employee for the detail', async () => {
    expect((await call(CAROL, 'GET', '/counsellor/bilans/not-a-share')).status).to.equal(403);
    expect((await call(ALICE, 'GET', `/counsellor/bilans/${shareId}`)).status).to.equal(403);
    expect((await call(ALICE, 'POST', `/counsellor/bilans/${shareId}/acknowledgement`)).status).to.equal(403);
  });

  it('the counsellor\'s acknowledgement is recorded (date, counsellor id) and shown to the employee', async () => {
    const ack = await call(CAROL, 'POST', `/counsellor/bilans/${shareId}/acknowledgement`);
    expect(ack.status).to.equal(200);
    expect(ack.body.acknowledgedAt).to.be.a('string');
    expect((await storedRecord(app, ALICE))?.sharing?.[0]?.acknowledged).to.deep.equal({ by: CAROL, at: ack.body.acknowledgedAt });
    const mine = await call(ALICE, 'GET', `/users/${ALICE}/bilan`);
    expect(mine.body.sharing.summary).to.include({ shared: true, acknowledgedAt: ack.body.acknowledgedAt });
  });

  it('revoking in the chat deletes the channel card and closes the counsellor\'s access (403), and the tab sees it', async () => {
    const chat = new Conversation(app, { aadObjectId: ALICE, serviceUrl: connector.url });
    await chat.say('retirer le partage');
    expect(chat.keys()).to.deep.equal(['common:sharing.outcome.revoked']);
    expect(deletes()).to.have.length(1);
    expect((await call(CAROL, 'GET', '/counsellor/bilans')).body).to.deep.equal({ bilans: [] });
    expect((await call(CAROL, 'GET', `/counsellor/bilans/${shareId}`)).status).to.equal(403);
    expect((await call(CAROL, 'POST', `/counsellor/bilans/${shareId}/acknowledgement`)).status).to.equal(403);
    expect((await call(ALICE, 'PUT', `/users/${ALICE}/sharing/summary`, { shared: false })).body).to.deep.equal({ outcome: 'nothingShared' });
  });

  it('sharing again from the tab makes a new agreement (new id, not acknowledged) and unsharing from the tab deletes its card', async () => {
    await call(ALICE, 'PUT', `/users/${ALICE}/sharing/summary`, { shared: true });
    const [listed] = (await call(CAROL, 'GET', '/counsellor/bilans')).body.bilans;
    expect(listed.shareId).to.not.equal(shareId);
    expect(listed.acknowledgedAt).to.equal(null);
    expect(await call(ALICE, 'PUT', `/users/${ALICE}/sharing/summary`, { shared: false })).to.deep.equal({ status: 200, body: { outcome: 'revoked' } });
    expect(posts()).to.have.length(2);
    expect(deletes()).to.have.length(2);
  });

  it('the export link is the chat\'s « mes données » link, for the owner only', async () => {
    const { body } = await call(ALICE, 'GET', `/users/${ALICE}/bilan`);
    expect(body.exportLink).to.match(/\/export\/[\w-]+\.json$/);
    const exported = await fetch(new URL(new URL(body.exportLink as string).pathname, app.url));
    expect(exported.status).to.equal(200);
    expect(await exported.text()).to.contain('Gestion de projet');
    expect((await call(BOB, 'DELETE', `/users/${ALICE}/bilan`)).status).to.equal(403);
    expect(await storedRecord(app, ALICE)).to.not.equal(undefined);
  });

  it('every call was audited with who, role, what and status, and no content reached the logs', () => {
    const audits = app.logs.filter((l) => l['audit'] === true);
    expect(audits.find((a) => a['action'] === 'bilan.read' && a['actor'] === ALICE && a['subject'] === BOB)).to.include({ role: 'employee', outcome: 403 });
    expect(audits.find((a) => a['action'] === 'shared.acknowledge' && a['outcome'] === 200)).to.include({ actor: CAROL, role: 'counsellor', subject: shareId });
    for (const text of ['démissionner', 'Gestion de projet']) expect(app.rawLogs()).to.not.contain(text);
  });

  it('erasing from the tab destroys the bilan the way the chat does: the card in the channel, the record, the counsellor\'s listing', async () => {
    await call(ALICE, 'PUT', `/users/${ALICE}/sharing/summary`, { shared: true });
    expect((await call(CAROL, 'GET', '/counsellor/bilans')).body.bilans).to.have.length(1);
    const deletesBefore = deletes().length;
    expect((await call(ALICE, 'DELETE', `/users/${ALICE}/bilan`)).status).to.equal(204);
    expect(deletes().length, 'the channel card is taken down').to.equal(deletesBefore + 1);
    expect(await storedRecord(app, ALICE)).to.equal(undefined);
    expect((await call(CAROL, 'GET', '/counsellor/bilans')).body).to.deep.equal({ bilans: [] });
    expect(JSON.stringify(await app.app.storage.read(['sharing/counsellor-index'])), 'the index forgot her too').to.not.contain(ALICE);
    const mine = await call(ALICE, 'GET', `/users/${ALICE}/bilan`);
    expect(mine.body).to.include({ started: false, exportLink: null });
  });
});
