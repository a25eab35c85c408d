import type { Storage } from 'botbuilder';
import { bilanRecordSchema, emptyRecord, type BilanRecord } from '../../src/core/bilan/bilan-record.js';
import { StoreBilanRepository } from '../../src/core/bilan/bilan-repository.js';
import { isPhaseId } from '../../src/core/phases.js';
import { engineWith, FixedClock, preliminaireFlow, realFlows } from './flows.js';
import { personIdOf, type WithPersonIds } from './http.js';
import { isQuestionOf, SHORTEST_PRELIMINAIRE, typedScript, walkChat, walkEngine, walkToTextQuestion, type Answers, type WalkableChat } from './walk.js';
import type { TestApp } from './test-app.js';

/** The bilan record of a user as stored (and decrypted) by the app under test. */
export async function storedRecord(app: TestApp, aadObjectId: string): Promise<BilanRecord | undefined> {
  const repository = new StoreBilanRepository(app.app.storage);
  return (await repository.load(personIdOf(app.app, aadObjectId)))?.record;
}

/**
 * Brings a user through information and engagement to the first free-text question of the needs analysis, answering
 * whatever the flow asks before it (read from dialogs/).
 */
export async function engage(chat: WalkableChat): Promise<void> {
  await chat.say('bonjour');
  await walkToTextQuestion(chat);
}

/** The same, for a user whose bilan started when Teams installed the app (the welcome asks the first question). */
export async function installAndEngage(chat: WalkableChat & { install(): Promise<unknown> }): Promise<void> {
  await chat.install();
  await walkToTextQuestion(chat);
}

/**
 * A conversation state item for the user's 1:1 chat, as earlier versions of the bot stored it (botbuilder's
 * ConversationState: dialog stack, welcome flag), encrypted like everything else: deployments still hold such items,
 * which « mes données » must export and every erasure must destroy. Returns its key.
 */
export async function storeEarlierChatState(app: TestApp, aadObjectId: string): Promise<string> {
  const key = `msteams/conversations/a:personal-${aadObjectId}/`;
  await app.app.storage.write({ [key]: { dialogState: { dialogStack: [{ id: 'bilanFlow', state: {} }] }, welcomed: true, eTag: '*' } });
  return key;
}

/**
 * Typed answers that take a French user from engagement through the préliminaire recap, confirmed: whatever the
 * flow asks (read from dialogs/), `answers` where given.
 */
export function preliminaireByTyping(answers: Answers = {}): string[] {
  const clock = new FixedClock();
  const engine = engineWith(clock);
  const flow = preliminaireFlow();
  const engaged = walkEngine(engine, flow, engine.start(emptyRecord('u', clock.now()), flow), (w) => w !== undefined && !['?p17_information_read', '?p00_engagement'].includes(w));
  return typedScript(engine, flow, engaged, { ...SHORTEST_PRELIMINAIRE, ...answers });
}

/** Brings a user through the whole préliminaire and into the investigation phase. */
export async function reachInvestigation(chat: WalkableChat, answers: Answers = {}): Promise<void> {
  await engage(chat);
  await walkChat(chat, (prompt) => isQuestionOf('investigation', prompt), { ...SHORTEST_PRELIMINAIRE, ...answers });
}

/** From the first investigation question, answers (by typing) until the first achievement story is asked. */
export async function reachFirstStory(chat: WalkableChat): Promise<void> {
  await walkChat(chat, (prompt) => prompt === 'investigation:story.situation.prompt');
}

/** Answers whatever is asked next (read from the flows) until a skills card is shown, e.g. after a story's last part. */
export async function reachSkillsCard(chat: WalkableChat): Promise<void> {
  await walkChat(chat, (prompt) => prompt === 'common:skills.reviewTitle');
}

/** What a user said and confirmed during a short bilan, for {@link seedConcludedBilan}. */
export interface ConcludedBilan {
  /** Why the user started (phase préliminaire, p01_trigger): never shared with anyone. */
  readonly trigger: string;
  /** Skills the user confirmed during the investigation (savoir-faire). */
  readonly skills: readonly string[];
  /** The main project (conclusion, c01_main_project). */
  readonly project: string;
  readonly locale?: 'fr' | 'en';
}

/**
 * Writes on disk, before the bot starts, the record of a user who went through the three phases with the real
 * flows up to the end of the conclusion: engaged, objectives confirmed, every phase completed on its last step.
 */
export async function seedConcludedBilan(storage: Storage, ids: WithPersonIds, aadObjectId: string, bilan: ConcludedBilan, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const record = emptyRecord(personIdOf(ids, aadObjectId), now);
  const phases: BilanRecord['phases'] = {};
  for (const flow of realFlows()) {
    if (!isPhaseId(flow.id)) continue;
    const last = flow.steps[flow.steps.length - 1];
    phases[flow.id] = { flowId: flow.id, flowVersion: flow.version, stepId: last?.id ?? 'end', status: 'completed', startedAt: at, completedAt: at, recapConfirmedAt: at };
  }
  const answer = (value: string, flow: string) => ({ value, at, flow, flowVersion: 1 });
  const seeded: BilanRecord = {
    ...record,
    locale: bilan.locale ?? 'fr',
    consent: { informationAcknowledgedAt: at, engagedAt: at, objectivesConfirmedAt: at },
    phases,
    answers: {
      p17_information_read: answer('yes', 'preliminaire'),
      p00_engagement: answer('yes', 'preliminaire'),
      p01_trigger: answer(bilan.trigger, 'preliminaire'),
      c01_main_project: answer(bilan.project, 'conclusion'),
    },
    skills: bilan.skills.map((label) => ({ label, kind: 'savoir-faire', source: 'user', evidence: [], question: 'i11_story1_actions', confirmedAt: at })),
  };
  await new StoreBilanRepository(storage).save(bilanRecordSchema.parse(seeded), undefined);
}
