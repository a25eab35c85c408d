import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { expect } from 'chai';
import { entraId, say, submitCard, teamsMessage, teamsUserId, TEST_TENANT_ID } from '../support/activities.js';
import { actionTitled, adaptiveCardOf, cardTexts } from '../support/cards.js';
import { Conversation } from '../support/conversation.js';
import { anyFileContains, storedItem } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const P17 = 'preliminaire:p17_information_read.prompt';

describe('HTTP server (real restify + CloudAdapter)', () => {
  describe('a first message', () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp();
    });
    after(async () => {
      await app.close();
    });

    it('starts the phase préliminaire for a French user: welcome, information, then the first question card', async () => {
      const replies = await app.send(say({ aadObjectId: 'aad-first', locale: 'fr-FR' }, 'Bonjour'));

      const texts = replies.filter((r) => typeof r.text === 'string').flatMap((r) => r.text!.split('\n\n'));
      expect(texts).to.include.members(['preliminaire:welcome.short']);
      expect(cardTexts(adaptiveCardOf(replies[replies.length - 1])), 'the rights in full, one tap away on the P17 card').to.include.members(['preliminaire:welcome.phases', 'preliminaire:information.rights']);
      const last = replies[replies.length - 1];
      expect(cardTexts(adaptiveCardOf(last))[0], 'the last reply is the first question card').to.equal(P17);
      expect(replies.slice(0, -1).every((r) => adaptiveCardOf(r) === undefined), 'the welcome comes before any card').to.equal(true);
    });
  });

  describe('GET /healthz', () => {
    let app: TestApp | undefined;
    afterEach(async () => {
      await app?.close();
      app = undefined;
    });

    it('answers 200 with the version and the storage state, and never shows the credentials', async () => {
      const appId = 'appid-RECOGNISABLE-0f3c9a';
      const password = 'password-RECOGNISABLE-7d1e2b';
      app = await startTestApp({ env: { MicrosoftAppId: appId, MicrosoftAppPassword: password, MicrosoftAppTenantId: TEST_TENANT_ID } });

      const response = await fetch(`${app.url}/healthz`);
      const raw = await response.text();

      expect(response.status).to.equal(200);
      expect(JSON.parse(raw)).to.deep.equal({ status: 'ok', version: PACKAGE_VERSION, storage: { kind: 'lowdb', reachable: true } });
      const headerLines: string[] = [];
      response.headers.forEach((value, name) => headerLines.push(`${name}: ${value}`));
      const headers = headerLines.join('\n');
      for (const secret of [appId, password, 'RECOGNISABLE']) {
        expect(raw, 'body').not.to.include(secret);
        expect(headers, 'headers').not.to.include(secret);
      }
      expect(raw, 'the data directory is not disclosed').not.to.include(app.dataDir);
    });

    it('answers 503 while the storage directory cannot be written, and 200 again once it is back', async () => {
      app = await startTestApp();
      await rm(app.dataDir, { recursive: true, force: true });
      await writeFile(app.dataDir, 'a regular file where the data directory should be');

      const down = await fetch(`${app.url}/healthz`);
      expect(down.status).to.equal(503);
      expect(await down.json()).to.deep.include({ status: 'unavailable', storage: { kind: 'lowdb', reachable: false } });

      await rm(app.dataDir, { force: true });
      await mkdir(app.dataDir);
      const up = await fetch(`${app.url}/healthz`);
      expect(up.status).to.equal(200);
      expect(await up.json()).to.deep.include({ status: 'ok', storage: { kind: 'lowdb', reachable: true } });
    });
  });

  describe('hostile requests', () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp();
    });
    after(async () => {
      await app.close();
    });

    const rejected = async (body: string, status: number) => {
      const response = await app.post(body);
      expect(response.status, body.slice(0, 80)).to.equal(status);
      return response.text();
    };

    it('answers 400 to a body that is not JSON, without quoting the body back', async () => {
      expect(await rejected('{"type": "message", "text": "mon secret', 400)).to.not.contain('secret');
      expect(await rejected('not json at all', 400)).to.not.contain('json at all');
    });

    it('answers 400 to JSON that is not an object: an array, a string, null, a number', async () => {
      for (const body of ['[{"type":"message"}]', '"message"', 'null', '42', 'true']) await rejected(body, 400);
    });

    it('answers 400 to an object without a type or without conversation.id', async () => {
      const complete = say({ aadObjectId: 'aad-shape' }, 'bonjour');
      const { type: _type, ...withoutType } = complete;
      await rejected(JSON.stringify(withoutType), 400);
      await rejected(JSON.stringify({ ...complete, type: '' }), 400);
      await rejected(JSON.stringify({ ...complete, conversation: {} }), 400);
      await rejected(JSON.stringify({ ...complete, conversation: { id: 42 } }), 400);
      const { conversation: _conversation, ...withoutConversation } = complete;
      await rejected(JSON.stringify(withoutConversation), 400);
      expect(await storedItem(app.app, 'aad-shape')).to.equal(undefined);
    });

    it('answers 413 to a body over 256 KB, and stores nothing', async () => {
      const body = JSON.stringify({ ...say({ aadObjectId: 'aad-huge' }, 'bonjour'), padding: 'x'.repeat(256 * 1024) });
      await rejected(body, 413);
      expect(await storedItem(app.app, 'aad-huge')).to.equal(undefined);
    });

    it('answers a 50,000-character message with input.tooLong, and stores nothing of it', async () => {
      const chat = new Conversation(app, { aadObjectId: 'aad-long' });
      await chat.say('bonjour');
      const before = await storedItem(app.app, 'aad-long');
      const marker = 'LONG-MESSAGE-MARKER-5c1f';

      await chat.say(marker + 'x'.repeat(50_000 - marker.length));

      expect(chat.keys()).to.deep.equal(['common:input.tooLong']);
      expect(await storedItem(app.app, 'aad-long'), 'the record (and its eTag) is unchanged').to.deep.equal(before);
      expect(await anyFileContains(app.dataDir, marker), 'the text is nowhere on disk').to.equal(false);
    });

    it('answers a message carrying only an attachment with input.unsupported', async () => {
      const replies = await app.send(
        teamsMessage({ aadObjectId: 'aad-attachment' }, { attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/cv.png', name: 'cv.png' }] }),
      );
      expect(replies.map((r) => r.text)).to.deep.equal(['common:input.unsupported']);
      expect(await storedItem(app.app, 'aad-attachment')).to.equal(undefined);
    });

    describe('a tampered card submission', () => {
      let yes: Record<string, unknown>;
      let victimBefore: Record<string, unknown> | undefined;
      let victimEngagementYes: Record<string, unknown>;
      let users = 0;

      before(async () => {
        const victim = new Conversation(app, { aadObjectId: 'aad-victim' });
        await victim.say('bonjour');
        await victim.click('common:card.yes');
        victimEngagementYes = actionTitled(victim.latestCard, 'common:card.yes');
        victimBefore = await storedItem(app.app, 'aad-victim');
      });

      /** A new user who has just received the first question card. */
      const userAtFirstQuestion = async () => {
        const chat = new Conversation(app, { aadObjectId: `aad-tamper-${++users}` });
        await chat.say('bonjour');
        expect(chat.currentPrompt()).to.equal(P17);
        yes = actionTitled(chat.latestCard, 'common:card.yes');
        return chat;
      };

      const tampered: [string, () => unknown][] = [
        ['unknown fields next to a valid answer', () => ({ ...yes, role: 'admin', userId: teamsUserId('aad-victim'), extra: { nested: true } })],
        ['only unknown fields', () => ({ action: 'deleteAll', target: '*' })],
        ['wrong types', () => ({ ...yes, flowVersion: '1', promptId: 17, choice: ['yes'] })],
        ['a skip that is not `true`', () => ({ ...yes, choice: undefined, skip: 'true' })],
        ['a huge prompt id', () => ({ ...yes, promptId: 'p'.repeat(100_000) })],
        ['a huge answer', () => ({ ...yes, answer: 'a'.repeat(150_000) })],
        ['an unknown command', () => ({ bilan: 'command', command: 'deleteEverything' })],
        ['a language command with a huge locale', () => ({ bilan: 'command', command: 'setLanguage', locale: 'fr'.repeat(50_000) })],
        ['a value that is a string', () => 'yes'],
        ['a value that is an array', () => [yes]],
        ['a value that is a number', () => 1],
        ["another user's card and ids", () => ({ ...victimEngagementYes, userId: teamsUserId('aad-victim'), aadObjectId: entraId('aad-victim') })],
      ];

      for (const [name, value] of tampered) {
        it(`re-asks the current question with answer.staleCard and changes nothing: ${name}`, async () => {
          const chat = await userAtFirstQuestion();
          const aad = chat.user.aadObjectId!;
          const before = await storedItem(app.app, aad);
          const replies = await app.send(submitCard(chat.user, value() as Record<string, unknown>));
          const keys = replies.flatMap((a) => (a.text ? a.text.split('\n\n') : cardTexts(adaptiveCardOf(a))));

          expect(keys[0]).to.equal('common:answer.staleCard');
          expect(cardTexts(adaptiveCardOf(replies[replies.length - 1]))[0], 'the current question again').to.equal(P17);
          expect(await storedItem(app.app, aad), 'the record (and its eTag) is unchanged').to.deep.equal(before);
          expect(await storedItem(app.app, 'aad-victim'), "the other user's record is unchanged").to.deep.equal(victimBefore);
        });
      }

      it('does not pollute object prototypes through __proto__ or constructor keys', async () => {
        const chat = await userAtFirstQuestion();
        const poison = '"__proto__":{"pollutedByBilanTest":true},"constructor":{"prototype":{"pollutedByBilanTest":true}}';
        const activity = JSON.stringify({ ...submitCard(chat.user, yes), deliveryMode: 'expectReplies' });
        const body = `{${poison},${activity.slice(1).replace('"value":{', `"value":{${poison},`)}`;
        const response = await app.post(body);
        await response.arrayBuffer();
        expect(response.status).to.equal(200);
        expect(({} as Record<string, unknown>)['pollutedByBilanTest']).to.equal(undefined);
        expect(Object.prototype).not.to.have.property('pollutedByBilanTest');
      });
    });

    describe('afterwards', () => {
      it('still answers normally after all of that, without having logged a crash', async () => {
        const chat = new Conversation(app, { aadObjectId: 'aad-after-hostile' });
        await chat.say('bonjour');
        expect(chat.currentPrompt()).to.equal(P17);
        await chat.click('common:card.yes');
        expect(chat.currentPrompt()).to.equal('preliminaire:p00_engagement.prompt');
        const health = await fetch(`${app.url}/healthz`);
        expect(health.status).to.equal(200);
        await health.arrayBuffer();
        const failures = app.logs.filter((line) => typeof line['level'] === 'number' && line['level'] >= 50);
        expect(failures, 'no error was logged').to.deep.equal([]);
      });
    });
  });
});
