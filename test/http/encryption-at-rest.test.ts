import { readFile, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { expect } from 'chai';
import { StorageError } from '../../src/core/errors.js';
import { entraId, teamsMessage, TEST_TENANT_ID, type UserSpec } from '../support/activities.js';
import { choiceValues } from '../support/cards.js';
import { Conversation } from '../support/conversation.js';
import { newTestKey } from '../support/encrypted-store.js';
import { FakeConnector } from '../support/fake-connector.js';
import { filesUnder } from '../support/http.js';
import { engage, preliminaireByTyping, reachFirstStory, reachSkillsCard, storedRecord } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CHANNEL = '19:counsellors@thread.tacv2';
const USER: UserSpec = { aadObjectId: 'aad-at-rest', name: 'Zéphyrine Quillebœuf', email: 'zephyrine.quilleboeuf@example.org' };

/** The préliminaire by typing, its free-text answers replaced by sentences that cannot appear on disk by chance. */
const PRELIMINAIRE = preliminaireByTyping({
  p01_trigger: 'Mon chef Barnabé me harcèle depuis mars',
  p04_success: 'Un poste loin de Barnabé à Quimper',
  p05_questions: 'Puis-je partir avec mes congés ?',
});
const STORY = [
  "L'an dernier, notre entrepôt de Quimper a changé de logiciel de gestion des stocks.",
  "J'ai organisé le planning des formations, j'ai animé les sessions et j'ai rédigé un guide pour l'équipe.",
];
const ADDED_SKILL = 'Médiation entre collègues fâchés';

describe('encryption at rest: a whole conversation, then the files under DATA_DIR', function () {
  this.timeout(60_000);
  let connector: FakeConnector;
  let app: TestApp;

  beforeEach(async () => {
    connector = await FakeConnector.start();
  });

  afterEach(async () => {
    await app.close();
    await connector.close();
  });

  const startApp = async (env: Record<string, string> = {}) => {
    app = await startTestApp({ env: { COUNSELLOR_ADMINS: entraId('aad-admin'), ...env } });
    const inChannel = teamsMessage(
      { aadObjectId: 'aad-admin', serviceUrl: connector.url },
      {
        text: '<at>Bilan</at> canal conseiller',
        entities: [{ type: 'mention', text: '<at>Bilan</at>', mentioned: { id: '28:bilan-bot', name: 'Bilan' } }],
        conversation: { id: CHANNEL, conversationType: 'channel', tenantId: TEST_TENANT_ID, isGroup: true, name: '' },
        channelData: { tenant: { id: TEST_TENANT_ID }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } },
      },
    );
    expect((await app.send(inChannel)).map((a) => a.text)).to.deep.equal(['common:channel.registered']);
  };

  /** Préliminaire, an achievement story with skills confirmed, then sharing with the counsellor: every kind of stored item. */
  const converse = async (): Promise<string[]> => {
    const chat = new Conversation(app, { ...USER, serviceUrl: connector.url });
    await engage(chat);
    for (const text of PRELIMINAIRE) await chat.say(text);
    await reachFirstStory(chat);
    for (const text of STORY) await chat.say(text);
    await reachSkillsCard(chat);
    expect(chat.currentPrompt()).to.equal('common:skills.reviewTitle');
    await chat.click('common:skills.confirm', { answer: String(choiceValues(chat.latestCard)[0]), added: ADDED_SKILL });
    await chat.say('partager ma synthèse');
    await chat.click('common:sharing.yes');
    expect(chat.keys()).to.deep.equal(['common:sharing.outcome.shared']);

    const record = await storedRecord(app, USER.aadObjectId!);
    const skills = (record?.skills ?? []).map((skill) => skill.label);
    expect(skills, 'the skills were stored (and read back decrypted)').to.include(ADDED_SKILL).and.to.have.length(2);
    expect(record?.answers['p01_trigger']?.value, 'the answers were stored').to.equal(PRELIMINAIRE[0]);
    return skills;
  };

  it('no answer, skill, name or email appears in any file; the key file is private and outside DATA_DIR', async () => {
    await startApp();
    const skills = await converse();
    await app.app.close();

    const typed = [...PRELIMINAIRE.filter((text) => text.length > 12), ...STORY, 'Barnabé', 'Quimper'];
    const secrets = [...typed, ...skills, USER.name!, USER.email!, 'Quillebœuf', 'zephyrine'];
    const files = await filesUnder(app.dataDir);
    expect(files.length, 'records, dialog state, consent, outbox, references').to.be.greaterThan(4);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const secret of secrets) expect(text, `${file} holds "${secret}"`).not.to.include(secret);
      for (const field of ['"answers"', '"skills"', '"sharing"', '"dialogState"']) expect(text, `${file} shows its structure`).not.to.include(field);
    }

    expect(app.keyFile.startsWith(app.dataDir), 'the key is not inside DATA_DIR').to.equal(false);
    expect((await stat(app.keyFile)).mode & 0o777).to.equal(0o600);
    expect((await stat(dirname(app.keyFile))).mode & 0o777).to.equal(0o700);
  });

  it('with a wrong key the bot refuses to start, naming the key problem, and nothing is overwritten', async () => {
    const key = newTestKey();
    await startApp({ DATA_ENCRYPTION_KEY: key });
    const chat = new Conversation(app, USER);
    await engage(chat);
    await chat.say(PRELIMINAIRE[0]!);
    await app.app.close();
    const before = await Promise.all((await filesUnder(app.dataDir)).map((file) => readFile(file, 'utf8')));

    const { root } = app;
    // The pseudonym secret is read at startup: not a fresh bilan as if nothing was stored, not a server that fails every turn.
    const refused = await startTestApp({ root, env: { DATA_ENCRYPTION_KEY: newTestKey() } }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).to.be.instanceOf(StorageError);
    expect((refused as Error).message).to.include('wrong key?');
    const after = await Promise.all((await filesUnder(app.dataDir)).map((file) => readFile(file, 'utf8')));
    expect(after, 'the stored items are untouched').to.deep.equal(before);

    app = await startTestApp({ root, env: { DATA_ENCRYPTION_KEY: key } });
    const resumed = new Conversation(app, USER);
    await resumed.say('passer');
    expect(resumed.keys()).not.to.include('common:errors.generic');
    expect((await storedRecord(app, USER.aadObjectId!))?.answers['p01_trigger']?.value, 'with the right key all is there').to.equal(PRELIMINAIRE[0]);
    await app.close();
    await rm(root, { recursive: true, force: true });
  });
});
