import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { say } from '../support/activities.js';
import { Conversation } from '../support/conversation.js';
import { engage, storedRecord } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const USER = 'aad-fuzz-http';

/** Mutations of a valid message activity: wrong types, missing fields, hostile keys. */
function malformedActivities(valid: Partial<Activity>): unknown[] {
  const base = valid as Record<string, unknown>;
  const without = (key: string) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));
  const wrongValues: unknown[] = [null, 0, -1, 1e308, true, '', 'x', [], [1, 'a'], {}, { a: { b: { c: [] } } }];
  const mutations: unknown[] = [];
  for (const key of ['type', 'text', 'value', 'from', 'conversation', 'recipient', 'channelId', 'serviceUrl', 'locale', 'channelData', 'entities', 'attachments', 'timestamp', 'id']) {
    mutations.push(without(key));
    for (const wrong of wrongValues) mutations.push({ ...base, [key]: wrong });
  }
  const from = base['from'] as Record<string, unknown>;
  const conversation = base['conversation'] as Record<string, unknown>;
  for (const wrong of wrongValues) {
    mutations.push({ ...base, from: { ...from, aadObjectId: wrong } }, { ...base, from: { ...from, id: wrong } });
    mutations.push({ ...base, conversation: { ...conversation, id: wrong } }, { ...base, conversation: { ...conversation, conversationType: wrong } });
    mutations.push({ ...base, text: undefined, value: { bilan: 'answer', flowId: wrong, flowVersion: wrong, promptId: wrong, answer: wrong } });
    mutations.push({ ...base, text: undefined, value: { bilan: 'command', command: wrong, locale: wrong } });
  }
  mutations.push({ ...base, from: { ...from, aadObjectId: '' } }, { ...base, from: { ...from, aadObjectId: '../../etc/passwd' } }, { ...base, from: { ...from, aadObjectId: 'x'.repeat(5000) } });
  return mutations;
}

/** Raw bodies: prototype-pollution keys, deep nesting, null bytes, invalid UTF-8. */
function hostileBodies(valid: Partial<Activity>): (string | Buffer)[] {
  const json = JSON.stringify(valid);
  const withText = (text: string) => JSON.stringify({ ...valid, text });
  const encoder = new TextEncoder();
  const invalidUtf8 = Buffer.from([...encoder.encode(json.slice(0, -1)), ...encoder.encode(',"text":"a'), 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, ...encoder.encode('"}')]);
  return [
    `{"__proto__":{"polluted":"yes"},${json.slice(1)}`,
    `{"constructor":{"prototype":{"polluted":"yes"}},${json.slice(1)}`,
    JSON.stringify({ ...valid, text: undefined, value: JSON.parse('{"__proto__":{"polluted":"yes"},"bilan":"answer","flowId":"preliminaire","flowVersion":1,"promptId":"p01_trigger","answer":"x"}') as unknown }),
    JSON.stringify({ ...valid, channelData: JSON.parse('{"__proto__":{"polluted":"yes"},"tenant":{"id":"tenant-1"}}') as unknown }),
    withText('a\u0000b'),
    withText('\u0000'.repeat(100)),
    withText('\ud800\udfff\ud800'),
    invalidUtf8,
    `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
    `{"type":"message","value":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
    JSON.stringify({ ...valid, value: nested(1000) }),
    JSON.stringify({ ...valid, entities: Array.from({ length: 5000 }, () => ({ type: 'mention' })) }),
    '',
    'null',
    '[]',
    '"message"',
    '12',
    json.slice(0, json.length / 2),
  ];
}

function isMessage(body: string | Buffer): boolean {
  try {
    return (JSON.parse(typeof body === 'string' ? body : body.toString('utf8')) as { type?: unknown } | null)?.type === 'message';
  } catch {
    return false;
  }
}

function nested(depth: number): unknown {
  let node: unknown = 'leaf';
  for (let i = 0; i < depth; i++) node = { child: node };
  return node;
}

describe('fuzz: malformed activities and bodies over HTTP', function () {
  this.timeout(60_000);
  let app: TestApp;
  let chat: Conversation;

  before(async () => {
    app = await startTestApp();
    chat = new Conversation(app, { aadObjectId: USER });
    await engage(chat);
    await chat.say('Je veux changer de métier');
  });

  after(async () => {
    await app.close();
  });

  it('answers each message with a reply or a clear 4xx (never a 5xx, never a failed turn), and leaves the user\'s record readable and intact', async () => {
    const before = await storedRecord(app, USER);
    const valid = { ...say({ aadObjectId: USER }, 'bonjour'), deliveryMode: 'expectReplies' } as Partial<Activity>;
    const problems: string[] = [];
    const bodies = [...malformedActivities(valid).map((m) => JSON.stringify(m)), ...hostileBodies(valid)];
    for (const [i, body] of bodies.entries()) {
      const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : new Uint8Array(body).buffer });
      const text = await response.text();
      if (response.status >= 500) problems.push(`#${String(i)}: ${String(response.status)} ${text.slice(0, 120)}`);
      if (response.status >= 400 && !text.includes('error')) problems.push(`#${String(i)}: ${String(response.status)} without a reason`);
      if (response.status === 200 && isMessage(body)) {
        const replies = (JSON.parse(text) as { activities: { text?: string }[] }).activities;
        if (replies.length === 0) problems.push(`#${String(i)}: a message got no reply`);
        if (replies.some((r) => r.text === 'common:errors.generic')) problems.push(`#${String(i)}: the turn failed`);
      }
    }
    expect(problems).to.deep.equal([]);
    expect(({} as Record<string, unknown>)['polluted'], 'no prototype pollution').to.equal(undefined);
    const after = await storedRecord(app, USER);
    for (const [id, answer] of Object.entries(before?.answers ?? {})) expect(after?.answers[id], id).to.deep.equal(answer);
    await chat.say('où j’en suis');
    expect(chat.keys()[0], 'the bot still answers').to.equal('common:commands.status.phase');
  });
});
