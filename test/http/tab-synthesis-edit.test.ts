import { expect } from 'chai';
import { StoreBilanRepository } from '../../src/core/bilan/bilan-repository.js';
import { entraId } from '../support/activities.js';
import { Conversation } from '../support/conversation.js';
import { personIdOf } from '../support/http.js';
import { engage, storedRecord } from '../support/records.js';
import { TokenIssuer, tabCall } from '../support/tab-tokens.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ALICE = entraId('alice-edits');
const BOB = entraId('bob-edits');

interface Item {
  readonly id: string;
  readonly text: string;
  readonly kind: string;
}

describe('« Mon bilan » tab: the person edits their synthesis (PUT /api/tab/users/<oid>/synthesis/edits)', () => {
  let issuer: TokenIssuer;
  let app: TestApp;
  const call = async (oid: string, method: string, path: string, body?: unknown) => tabCall(app.url, method, path, await issuer.bearer(oid), body);
  const editable = async (): Promise<Item[]> => (await call(ALICE, 'GET', `/users/${ALICE}/bilan`)).body.editable as Item[];
  const markdown = async (): Promise<string> => {
    const { body } = await call(ALICE, 'GET', `/users/${ALICE}/bilan`);
    return (await fetch(new URL(new URL(body.synthesis.md as string).pathname, app.url))).text();
  };

  before(async () => {
    issuer = await TokenIssuer.start();
    app = await startTestApp({ env: issuer.env() });
    await engage(new Conversation(app, { aadObjectId: ALICE }));
    await engage(new Conversation(app, { aadObjectId: BOB }));
    const repository = new StoreBilanRepository(app.app.storage);
    const loaded = (await repository.load(personIdOf(app.app, ALICE)))!;
    const at = loaded.record.createdAt;
    const skill = (label: string) => ({ label, kind: 'savoir-faire' as const, source: 'user' as const, evidence: [], question: 'i11_story1_actions', confirmedAt: at });
    const answers = { ...loaded.record.answers, c09_step1_action: { value: 'Appeler deux organismes de formation', at, flow: 'conclusion', flowVersion: 2 } };
    await repository.save({ ...loaded.record, answers, skills: [skill('Former des collaborateurs'), skill('Conduire un chariot')] }, loaded.eTag);
  });

  after(async () => {
    await app.close();
    await issuer.close();
  });

  it('the tab lists what the person may edit: each skill and each plan step, with the text shown', async () => {
    const items = await editable();
    expect(items.map((i) => [i.kind, i.text])).to.deep.equal([
      ['skill', 'Former des collaborateurs'],
      ['skill', 'Conduire un chariot'],
      ['step', 'Appeler deux organismes de formation'],
    ]);
  });

  it('removes a skill and rewords a step; the document, and what is left to edit, show the edited version only', async () => {
    const [former, chariot, step] = await editable();
    const { status, body } = await call(ALICE, 'PUT', `/users/${ALICE}/synthesis/edits`, { removed: [chariot!.id], reworded: { [step!.id]: 'Appeler l’AFPA et un centre CACES' } });
    expect(status).to.equal(200);
    expect(body).to.deep.equal({ removed: 1, reworded: 1, sharedCard: 'notShared' });
    expect((await storedRecord(app, ALICE))?.synthesisEdits).to.deep.include({ removed: [chariot!.id], reworded: { [step!.id]: 'Appeler l’AFPA et un centre CACES' } });
    const md = await markdown();
    expect(md).to.contain('Appeler l’AFPA et un centre CACES').and.to.contain(former!.text);
    expect(md).not.to.contain('Conduire un chariot').and.not.to.contain('Appeler deux organismes');
    expect((await editable()).map((i) => i.text)).to.deep.equal(['Former des collaborateurs', 'Appeler l’AFPA et un centre CACES']);
  });

  it('ignores ids that are not shown to the person and texts left as they were', async () => {
    const [former] = await editable();
    const { status, body } = await call(ALICE, 'PUT', `/users/${ALICE}/synthesis/edits`, { removed: ['p01_trigger', 'comment.1'], reworded: { [former!.id]: former!.text, 'step.9': 'x' } });
    expect(status).to.equal(200);
    expect(body).to.deep.equal({ removed: 0, reworded: 0, sharedCard: 'notShared' });
    expect((await storedRecord(app, ALICE))?.synthesisEdits?.removed).to.have.length(1);
  });

  it('the tab lists the confirmed skills as edited: a removed one is gone, a reworded one shows the person’s words', async () => {
    const [former] = await editable();
    await call(ALICE, 'PUT', `/users/${ALICE}/synthesis/edits`, { reworded: { [former!.id]: 'Former et accompagner des adultes' } });
    const { body } = await call(ALICE, 'GET', `/users/${ALICE}/bilan`);
    expect(body.skills.flatMap((g: { items: string[] }) => g.items)).to.deep.equal(['Former et accompagner des adultes']);
  });

  it('refuses a malformed body (400) and another person’s synthesis (403), changing nothing', async () => {
    expect((await call(ALICE, 'PUT', `/users/${ALICE}/synthesis/edits`, { removed: 'all' })).status).to.equal(400);
    expect((await call(ALICE, 'PUT', `/users/${ALICE}/synthesis/edits`, { reworded: { 'step.1': 'x'.repeat(1001) } })).status).to.equal(400);
    expect((await call(ALICE, 'PUT', `/users/${BOB}/synthesis/edits`, { removed: [] })).status).to.equal(403);
    expect((await storedRecord(app, BOB))?.synthesisEdits).to.equal(undefined);
  });
});
