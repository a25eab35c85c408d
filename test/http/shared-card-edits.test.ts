import { expect } from 'chai';
import { entraId } from '../support/activities.js';
import { adaptiveCardOf } from '../support/cards.js';
import { Conversation } from '../support/conversation.js';
import { registerCounsellorChannel } from '../support/counsellor-channel.js';
import { FakeConnector, type ConnectorCall } from '../support/fake-connector.js';
import { seedConcludedBilan, storedRecord } from '../support/records.js';
import { TokenIssuer, tabCall } from '../support/tab-tokens.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ADMIN = entraId('5d1c0a7e-0000-4000-8000-0000000ad111');
const COUNSELLOR = entraId('c0115e11-0000-4000-8000-00000000ca01');
const ALICE = entraId('a11ce000-0000-4000-8000-00000000ed17');

const REWORDED = 'Former et accompagner des adultes';
const EDITS = {
  bilan: 'synthesisEdit',
  'text:skill.former-des-collaborateurs': REWORDED,
  'remove:skill.conduire-un-chariot': 'true',
  'text:skill.conduire-un-chariot': 'Conduire un chariot',
};

/** The text of the card an update (PUT) or a post carried. */
function cardOf(call: ConnectorCall | undefined): string {
  const body = call?.body as (ConnectorCall['body'] & { activity?: ConnectorCall['body'] }) | undefined;
  return JSON.stringify(adaptiveCardOf(body?.activity ?? body) ?? null);
}

describe('the person edits their synthesis while it is shared: the counsellor sees the edited version only', () => {
  let connector: FakeConnector;
  let issuer: TokenIssuer;
  let app: TestApp;
  let chat: Conversation;
  let activityId = '';
  let thread = '';
  let shareId = '';
  const posts = () => connector.callsTo('POST', '/v3/conversations');
  const puts = () => connector.callsTo('PUT', /\/v3\/conversations\/.*\/activities\//);
  const deletes = () => connector.callsTo('DELETE', /\/v3\/conversations\/.*\/activities\//);
  const outboxState = async () => ((await app.app.storage.read([`posts/share:${shareId}`]))[`posts/share:${shareId}`] as { state?: string } | undefined)?.state;
  const counsellorTab = async () => (await tabCall(app.url, 'GET', `/counsellor/bilans/${shareId}`, await issuer.bearer(COUNSELLOR))).body;

  beforeEach(async () => {
    connector = await FakeConnector.start();
    issuer = await TokenIssuer.start();
    app = await startTestApp({ env: { ...issuer.env(), COUNSELLOR_ADMINS: ADMIN, COUNSELLORS: COUNSELLOR } });
    await registerCounsellorChannel(app, connector, ADMIN);
    await seedConcludedBilan(app.app.storage, app.app, ALICE, { trigger: 'Envie de transmettre', skills: ['Former des collaborateurs', 'Conduire un chariot'], project: 'Devenir formateur' });
    chat = new Conversation(app, { aadObjectId: ALICE, conversationId: `a:1${ALICE.replace(/-/g, '')}`, serviceUrl: connector.url });
    await chat.say('partager ma synthèse');
    await chat.click('common:sharing.yes');
    const entry = (await storedRecord(app, ALICE))?.sharing?.[0];
    activityId = entry?.posted?.activityId ?? '';
    thread = entry?.posted?.conversationId ?? '';
    shareId = entry?.id ?? '';
    expect(cardOf(posts()[0])).to.contain('Conduire un chariot');
  });

  afterEach(async () => {
    await app.close();
    await issuer.close();
    await connector.close();
  });

  it('« modifier ma synthèse »: the card in the channel is updated in place and shows the edited version; withdrawing deletes it', async () => {
    await chat.say('modifier ma synthèse');
    await chat.submit(EDITS);

    expect(chat.keys()).to.deep.equal(['common:synthesisEdit.saved', 'common:synthesisEdit.shared.updated']);
    expect(posts(), 'never a second card').to.have.length(1);
    expect(puts().map((c) => decodeURIComponent(c.path)), 'the card posted, updated in place').to.deep.equal([`/v3/conversations/${thread}/activities/${activityId}`]);
    expect(cardOf(puts()[0])).to.contain(REWORDED).and.not.to.contain('Conduire un chariot').and.not.to.contain('Former des collaborateurs');
    const tab = JSON.stringify(await counsellorTab());
    expect(tab, 'the counsellor tab shows the edited version').to.contain(REWORDED).and.not.to.contain('Conduire un chariot').and.not.to.contain('Former des collaborateurs');

    await chat.say('modifier ma synthèse');
    await chat.submit({ bilan: 'synthesisEdit', 'text:skill.former-des-collaborateurs': REWORDED });
    expect(chat.keys(), 'nothing changed: no update').to.deep.equal(['common:synthesisEdit.unchanged']);
    expect(puts()).to.have.length(1);

    await chat.say('retirer le partage');
    expect(chat.keys()).to.deep.equal(['common:sharing.outcome.revoked']);
    expect(deletes().map((c) => c.path.split('/').at(-1))).to.deep.equal([activityId]);
    await chat.say('modifier ma synthèse');
    await chat.submit({ bilan: 'synthesisEdit', 'text:skill.former-des-collaborateurs': 'Animer des formations' });
    expect(chat.keys(), 'nothing is shared any more: nothing to update').to.deep.equal(['common:synthesisEdit.saved']);
    expect(puts()).to.have.length(1);
    expect(posts()).to.have.length(1);
  });

  it('the tab’s editor updates the shared card too; the person’s words are escaped there', async () => {
    const bearer = await issuer.bearer(ALICE);
    const items = (await tabCall(app.url, 'GET', `/users/${ALICE}/bilan`, bearer)).body.editable as { id: string; text: string }[];
    const chariot = items.find((i) => i.text === 'Conduire un chariot')!;
    const former = items.find((i) => i.text === 'Former des collaborateurs')!;
    const words = 'Former des **adultes** [voir](https://example.org)';
    const saved = await tabCall(app.url, 'PUT', `/users/${ALICE}/synthesis/edits`, bearer, { removed: [chariot.id], reworded: { [former.id]: words } });
    expect(saved).to.deep.equal({ status: 200, body: { removed: 1, reworded: 1, sharedCard: 'updated' } });
    expect(posts()).to.have.length(1);
    expect(puts()).to.have.length(1);
    const updated = cardOf(puts()[0]);
    expect(updated).to.contain('Former des \\\\*\\\\*adultes').and.not.to.contain('Conduire un chariot');
    expect(updated, 'no link, no emphasis').not.to.contain('**adultes**').and.not.to.contain('](https://');
  });

  it('when Teams refuses the update, the person is told; the sweeper updates the card later, once', async () => {
    connector.failNext({ status: 403 });
    await chat.say('modifier ma synthèse');
    await chat.submit(EDITS);
    expect(chat.keys()).to.deep.equal(['common:synthesisEdit.saved', 'common:synthesisEdit.shared.pending']);
    expect(puts()).to.have.length(1);

    await app.app.runRetention();
    expect(puts(), 'tried again').to.have.length(2);
    expect(cardOf(puts()[1])).to.contain(REWORDED).and.not.to.contain('Conduire un chariot');
    await app.app.runRetention();
    expect(puts(), 'and never again').to.have.length(2);
    expect(posts()).to.have.length(1);
  });

  it('a withdrawal while the update is on its way still ends with the card deleted, and no second card', async () => {
    const release = connector.hold('PUT');
    const editor = new Conversation(app, chat.user);
    const editing = editor.submit(EDITS);
    await until(() => puts().length === 1);
    const revoking = new Conversation(app, chat.user).say('retirer le partage');
    await until(async () => (await outboxState()) === 'withdrawing');
    expect(deletes(), 'the deletion waits for the update on its way').to.have.length(0);
    release();
    await Promise.all([editing, revoking]);
    await until(() => deletes().length === 1);

    const deleted = connector.calls.findIndex((c) => c.method === 'DELETE');
    const updated = connector.calls.findIndex((c) => c.method === 'PUT');
    expect(deleted, 'the card is deleted after the update landed').to.be.greaterThan(updated);
    expect(deletes()[0]?.path.split('/').at(-1)).to.equal(activityId);
    expect(posts()).to.have.length(1);
    expect(await outboxState()).to.equal('deleted');
    await app.app.runRetention();
    expect(puts(), 'the sweeper does not update a withdrawn card').to.have.length(1);
  });
});

async function until(done: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const start = Date.now();
  while (!(await done())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
