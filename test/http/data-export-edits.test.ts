import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { StoreBilanRepository } from '../../src/core/bilan/bilan-repository.js';
import { entraId } from '../support/activities.js';
import { Conversation } from '../support/conversation.js';
import { realFlows } from '../support/flows.js';
import { personIdOf } from '../support/http.js';
import { engage } from '../support/records.js';
import { startTestApp } from '../support/test-app.js';
import { walkChat } from '../support/walk.js';

type Json = Record<string, unknown>;

const USER = entraId('e5c0a1d2-0000-4000-8000-0000000ed175');
const STEP = 'Appeler deux organismes de formation';

/** Every string value in `value`, depth first. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  return value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
}

describe('« mes données » after the person edited their synthesis: readable, in words, with the machine fields beside', () => {
  let exported: Json;

  before(async function () {
    this.timeout(60_000);
    const root = await mkdtemp(join(tmpdir(), 'bilan-export-edits-'));
    try {
      // The whole bilan walked in test keys (cimode), then read back by the same store in real words.
      const walking = await startTestApp({ root });
      const chat = new Conversation(walking, { aadObjectId: USER, conversationId: `a:1${USER.replace(/-/g, '')}` });
      await engage(chat);
      const recap = realFlows().find((f) => f.id === 'conclusion')?.steps.find((s) => s.type === 'recap') as { prompt: string };
      await walkChat(chat, (prompt) => prompt === recap.prompt, { c09_step1_action: STEP });
      await chat.say('oui');
      const repository = new StoreBilanRepository(walking.app.storage);
      const loaded = (await repository.load(personIdOf(walking.app, USER)))!;
      const at = loaded.record.createdAt;
      const skill = (label: string) => ({ label, kind: 'savoir-faire' as const, source: 'user' as const, evidence: [], question: 'i11_story1_actions', confirmedAt: at });
      await repository.save({ ...loaded.record, skills: [skill('Former des collaborateurs'), skill('Conduire un chariot')] }, loaded.eTag);
      await chat.submit({ bilan: 'synthesisEdit', 'text:skill.former-des-collaborateurs': 'Former et accompagner des adultes', 'remove:skill.conduire-un-chariot': 'true', 'text:step.1': 'Appeler l’AFPA et un centre CACES' });
      expect(chat.keys()).to.deep.equal(['common:synthesisEdit.saved']);
      await walking.close();

      const reading = await startTestApp({ root, cimode: false });
      const mine = new Conversation(reading, { aadObjectId: USER, conversationId: `a:1${USER.replace(/-/g, '')}` });
      await mine.say('mes données');
      const link = /https?:\/\/[^"\s)]+\/export\/[\w-]+\.json/.exec(JSON.stringify(mine.replies))?.[0] ?? '';
      exported = (await (await fetch(link.replace(/^https?:\/\/[^/]+/, reading.url))).json()) as Json;
      await reading.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('lists each edit in words: the item as it was shown, then the person’s words or its removal', () => {
    const readable = exported['readable'] as Json;
    expect(readable['synthesisEdits']).to.deep.equal([
      { item: 'Compétence', shown: 'Former des collaborateurs', change: 'reformulé avec vos mots', yourWords: 'Former et accompagner des adultes' },
      { item: 'Compétence', shown: 'Conduire un chariot', change: 'retiré de votre synthèse' },
      { item: 'Étape du plan', shown: STEP, change: 'reformulé avec vos mots', yourWords: 'Appeler l’AFPA et un centre CACES' },
    ]);
    const synthesis = JSON.stringify(readable['synthesis']);
    expect(synthesis, 'the synthesis as the person edited it').to.contain('Former et accompagner des adultes').and.contain('Appeler l’AFPA');
    expect(synthesis).not.to.contain('Conduire un chariot').and.not.to.contain('Former des collaborateurs').and.not.to.contain(STEP);
  });

  it('keeps the machine fields: the stored skills and answers, and the edits themselves', () => {
    const bilan = exported['bilan'] as { skills: { label: string }[]; answers: Record<string, { value: unknown }>; synthesisEdits: Json };
    expect(bilan.skills.map((s) => s.label)).to.deep.equal(['Former des collaborateurs', 'Conduire un chariot']);
    expect(bilan.answers['c09_step1_action']?.value).to.equal(STEP);
    expect(bilan.synthesisEdits).to.deep.include({ removed: ['skill.conduire-un-chariot'], reworded: { 'skill.former-des-collaborateurs': 'Former et accompagner des adultes', 'step.1': 'Appeler l’AFPA et un centre CACES' } });
  });

  it('shows no i18n key, question id or answer code in the readable part', () => {
    const texts = strings(exported['readable']);
    const codes = new Set(realFlows().flatMap((f) => f.steps.flatMap((s) => ('options' in s ? (s.options ?? []).map((o) => o.value) : []))));
    expect(texts.length).to.be.greaterThan(60);
    expect(texts.filter((t) => /\b[a-z]+:[\w-]+\.[\w.-]+/.test(t)), 'i18n keys').to.deep.equal([]);
    expect(texts.filter((t) => /\b[pic]\d\d_\w+/.test(t)), 'question ids').to.deep.equal([]);
    expect(texts.filter((t) => t.split(', ').some((part) => codes.has(part))), 'answer codes').to.deep.equal([]);
  });
});
