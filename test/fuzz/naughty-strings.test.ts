import { expect } from 'chai';
import type { Storage, StoreItems } from 'botbuilder';
import { actionTitled, answerInput, submitActions } from '../support/cards.js';
import { Conversation } from '../support/conversation.js';
import { recordKey } from '../support/http.js';
import { naughtyStrings } from '../support/naughty-strings.js';
import { engage, reachFirstStory, reachInvestigation, reachSkillsCard, storedRecord } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** FUZZ_FULL=1 sends every string to every station; by default each string goes to one station in turn (fast). */
const FULL = process.env['FUZZ_FULL'] === '1';

type Kind = 'text' | 'singleChoice' | 'multiChoice' | 'yesNo' | 'scale' | 'skills' | 'commands';

/** A user parked on a question of one kind, with the stored state to put back after each hostile turn. */
interface Station {
  readonly kind: Kind;
  readonly chat: Conversation;
  readonly questionId: string | undefined;
  readonly saved: StoreItems;
  readonly card: Record<string, unknown> | undefined;
}

function kindOfCard(card: Record<string, unknown> | undefined): Exclude<Kind, 'commands'> | undefined {
  const titles = submitActions(card).map((a) => a.title);
  if (titles.includes('common:skills.confirm')) return 'skills';
  if (titles.includes('common:card.yes')) return 'yesNo';
  const input = answerInput(card);
  if (input?.['type'] === 'Input.Text') return 'text';
  if (input?.['type'] !== 'Input.ChoiceSet') return undefined;
  if (input['isMultiSelect'] === true) return 'multiChoice';
  return input['label'] === 'common:card.scaleLabel' ? 'scale' : 'singleChoice';
}

async function snapshot(app: TestApp, chat: Conversation): Promise<StoreItems> {
  const aad = String(chat.user.aadObjectId);
  return app.app.storage.read([recordKey(app.app, aad), `msteams/conversations/a:personal-${aad}/`]);
}

async function restore(storage: Storage, saved: StoreItems): Promise<void> {
  const items = Object.fromEntries(Object.entries(saved).map(([key, item]) => [key, { ...(item as object), eTag: '*' }]));
  await storage.write(items);
}

describe('fuzz: the Big List of Naughty Strings through every question kind and command', function () {
  this.timeout(FULL ? 600_000 : 120_000);
  let app: TestApp;
  const stations: Station[] = [];

  before(async () => {
    app = await startTestApp();
    const park = async (chat: Conversation, kind: Kind, questionId?: string, card = chat.latestCard) =>
      stations.push({ kind, chat, questionId, saved: await snapshot(app, chat), card });
    const wanted: Exclude<Kind, 'commands' | 'skills'>[] = ['text', 'singleChoice', 'multiChoice', 'yesNo', 'scale'];
    const walker = new Conversation(app, { aadObjectId: 'aad-fuzz-walker' });
    await engage(walker);
    for (let turn = 0; turn < 40 && wanted.length > 0; turn++) {
      const kind = kindOfCard(walker.latestCard);
      const index = kind ? wanted.indexOf(kind as (typeof wanted)[number]) : -1;
      if (kind && index >= 0) {
        wanted.splice(index, 1);
        const chat = new Conversation(app, { aadObjectId: `aad-fuzz-${kind}` });
        await restore(app.app.storage, renamed(await snapshot(app, walker), 'aad-fuzz-walker', `aad-fuzz-${kind}`));
        await park(chat, kind, currentQuestion(walker.latestCard), walker.latestCard);
      }
      await walker.say('passer');
    }
    expect(wanted, 'the préliminaire has a question of every kind').to.deep.equal([]);
    const storyteller = new Conversation(app, { aadObjectId: 'aad-fuzz-skills' });
    await reachInvestigation(storyteller);
    await reachFirstStory(storyteller);
    await storyteller.say("L'an dernier, notre entrepôt a changé de logiciel de gestion des stocks.");
    await storyteller.say("J'ai organisé le planning des formations, j'ai animé les sessions et j'ai rédigé un guide.");
    await reachSkillsCard(storyteller);
    expect(kindOfCard(storyteller.latestCard)).to.equal('skills');
    await park(storyteller, 'skills', 'i11_story1_actions');
    const commander = new Conversation(app, { aadObjectId: 'aad-fuzz-commands' });
    await engage(commander);
    await park(commander, 'commands');
  });

  after(async () => {
    await app.close();
  });

  it('answers every turn, never fails a turn, and never corrupts a record or loses an earlier answer', async () => {
    const strings = naughtyStrings();
    const problems: string[] = [];
    let turns = 0;
    for (const [i, hostile] of strings.entries()) {
      const targets = FULL ? stations : [stations[i % stations.length] as Station];
      for (const station of targets) {
        const before = await storedRecord(app, String(station.chat.user.aadObjectId));
        await send(station, hostile, i);
        turns++;
        const keys = station.chat.keys();
        const where = `#${String(i)} ${JSON.stringify(hostile.slice(0, 40))} at ${station.kind}`;
        if (station.chat.replies.length === 0) problems.push(`${where}: no reply`);
        if (keys.includes('common:errors.generic')) problems.push(`${where}: the turn failed`);
        const after = await storedRecord(app, String(station.chat.user.aadObjectId)).catch((e: unknown) => problems.push(`${where}: ${String(e)}`));
        for (const [id, answer] of Object.entries(before?.answers ?? {})) {
          if (id !== station.questionId && JSON.stringify(typeof after === 'object' ? after.answers[id] : undefined) !== JSON.stringify(answer)) problems.push(`${where}: answer ${id} changed`);
        }
        await restore(app.app.storage, station.saved);
      }
    }
    expect(problems).to.deep.equal([]);
    expect(turns).to.be.at.least(strings.length);
    expect(({} as Record<string, unknown>)['polluted'], 'no prototype pollution').to.equal(undefined);
  });

  /** Typed on even strings, submitted through the station's card on odd ones (commands: "commentaire :" / "langue"). */
  async function send(station: Station, hostile: string, i: number): Promise<void> {
    if (station.kind === 'commands') {
      await station.chat.say(i % 2 === 0 ? `commentaire : ${hostile}` : `langue ${hostile}`);
      return;
    }
    if (i % 2 === 0) {
      await station.chat.say(hostile);
      return;
    }
    const title = station.kind === 'skills' ? 'common:skills.confirm' : station.kind === 'yesNo' ? 'common:card.yes' : 'common:card.submit';
    const data = actionTitled(station.card, title);
    await station.chat.submit({ ...data, ...(station.kind === 'yesNo' ? { choice: hostile.slice(0, 64) } : { answer: hostile }), ...(station.kind === 'skills' ? { added: hostile.slice(0, 10_000) } : {}) });
  }
});

function currentQuestion(card: Record<string, unknown> | undefined): string | undefined {
  const data = submitActions(card)[0]?.data;
  return typeof data?.['promptId'] === 'string' ? data['promptId'] : undefined;
}

/** The walker's stored state as another user's (record key, user id and conversation key renamed). */
function renamed(items: StoreItems, from: string, to: string): StoreItems {
  return Object.fromEntries(Object.entries(items).map(([key, item]) => [key.replaceAll(from, to), JSON.parse(JSON.stringify(item).replaceAll(from, to)) as unknown]));
}
