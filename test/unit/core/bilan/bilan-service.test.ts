import { MemoryStorage } from 'botbuilder';
import { expect } from 'chai';
import type { BilanRecord } from '../../../../src/core/bilan/bilan-record.js';
import { StoreBilanRepository } from '../../../../src/core/bilan/bilan-repository.js';
import { BilanService, type TurnResult } from '../../../../src/core/bilan/bilan-service.js';
import { CheckedMemoryStorage } from '../../../../src/bot/storage/checked-memory-storage.js';
import { MAX_SAVE_ATTEMPTS } from '../../../../src/core/bilan/retry-on-conflict.js';
import { ConcurrencyError, StorageError } from '../../../../src/core/errors.js';
import { FlowCatalog } from '../../../../src/core/flow/flow-catalog.js';
import type { EngineInput } from '../../../../src/core/flow/engine-io.js';
import { msg } from '../../../../src/core/messages.js';
import { emptyRecord } from '../../../../src/core/bilan/bilan-record.js';
import { firstNeedsQuestion, nextQuestion, preliminaireToRecap, typedAnswerTo } from '../../../support/walk.js';
import { answerValues, engineWith, FixedClock, keysOf, preliminaireFlow, realFlows, submit, text, waitingOn } from '../../../support/flows.js';
import { teamsUserId } from '../../../support/activities.js';

const USER = teamsUserId('user-1');
const RESUME_AFTER_MS = 60 * 60 * 1000;
const START = ['preliminaire:welcome.short', '?p17_information_read'];
/** The first three questions after the engagement, as dialogs/preliminaire.flow.json asks them, and an answer to the first. */
const FIRST = firstNeedsQuestion();
const SECOND = nextQuestion('preliminaire', FIRST.id);
const THIRD = nextQuestion('preliminaire', SECOND.id);
const ANSWER = typedAnswerTo(FIRST);

describe('BilanService', () => {
  let clock: FixedClock;
  let storage: MemoryStorage;
  let repository: StoreBilanRepository;
  let service: BilanService;

  beforeEach(() => {
    clock = new FixedClock();
    storage = new MemoryStorage();
    repository = new StoreBilanRepository(storage);
    const catalog = new FlowCatalog([preliminaireFlow()]);
    service = new BilanService({ repository, catalog, engine: engineWith(clock), clock, resumeAfterMs: RESUME_AFTER_MS, pause: () => Promise.resolve() });
  });

  const stored = async (): Promise<BilanRecord | undefined> => (await repository.load(USER))?.record;
  const keys = (turn: TurnResult): string[] => keysOf(turn.outputs);
  /** Sends each input as its own turn; returns the last turn. */
  const PRELIMINAIRE_TO_RECAP = (): string[] => {
    const engine = engineWith(clock);
    return preliminaireToRecap(engine, preliminaireFlow(), engine.start(emptyRecord(USER, clock.now()), preliminaireFlow()));
  };

  const send = async (...inputs: (string | EngineInput)[]): Promise<TurnResult> => {
    let last: TurnResult = { outputs: [], waiting: false };
    for (const input of inputs) last = await service.answer(USER, typeof input === 'string' ? text(input) : input);
    return last;
  };

  describe('a new user', () => {
    it('should get the start of the préliminaire, whatever they first write', async () => {
      const turn = await send('bonjour');
      expect(keys(turn)).to.deep.equal(START);
      expect(turn.waiting).to.equal(true);
      expect(await stored(), 'nothing is stored before the information is read').to.equal(undefined);
    });

    it('should take « oui » to the information question as its answer, and store the record from then on', async () => {
      await send('bonjour');
      expect(keys(await send('oui'))).to.deep.equal(['?p00_engagement']);
      expect((await stored())?.consent.informationAcknowledgedAt).to.equal(clock.iso());
      expect((await stored())?.phases.preliminaire).to.include({ stepId: 'p00_engagement', status: 'active' });
    });

    it('should get the same start from startOrResume', async () => {
      expect(keys(await service.startOrResume(USER))).to.deep.equal(START);
    });
  });

  describe('the welcome on install', () => {
    const CHAT = 'a:personal-1';

    it('should start the bilan of a user who has none, and say nothing when installed again in the same chat', async () => {
      expect(keys(await service.welcome(USER, CHAT))).to.deep.equal(START);
      expect((await service.welcome(USER, CHAT)).outputs).to.deep.equal([]);
      expect(await stored(), 'nothing is stored before the information is read').to.equal(undefined);
    });

    it('should resume, once, the bilan of a user who has one (a new chat), without taking anything as an answer', async () => {
      await send('bonjour', 'oui');
      const answers = (await stored())?.answers;
      expect(keys(await service.welcome(USER, CHAT))).to.deep.equal(['?p00_engagement']);
      expect((await service.welcome(USER, CHAT)).outputs).to.deep.equal([]);
      expect((await stored())?.answers).to.deep.equal(answers);
    });

    it('should welcome once when the two install events arrive at once (two instances)', async () => {
      const both = await Promise.all([service.welcome(USER, CHAT), service.welcome(USER, CHAT)]);
      expect(both.map((w) => keys(w).length > 0)).to.have.members([true, false]);
    });
  });

  describe('answering', () => {
    it('should save the answer and ask the next question', async () => {
      await service.startOrResume(USER);
      const turn = await send('oui');
      expect(keys(turn)).to.deep.equal(['?p00_engagement']);
      const record = await stored();
      expect(answerValues(record as BilanRecord)).to.deep.equal({ p17_information_read: 'yes' });
      expect(record?.consent.informationAcknowledgedAt).to.equal(clock.iso());
    });
  });

  describe('pause', () => {
    it('should welcome the user back on their next message, without taking it as an answer', async () => {
      await send('bonjour', 'oui');
      expect(await service.pause(USER)).to.equal(true);
      expect((await stored())?.pausedAt).to.equal(clock.iso());

      const back = await send('non');
      expect(keys(back)).to.deep.equal(['common:commands.resume.welcomeBack', '?p00_engagement']);
      const record = await stored();
      expect(record?.answers).to.not.have.property('p00_engagement');
      expect(record).to.not.have.property('pausedAt');

      expect(keys(await send('oui'))).to.include(`?${FIRST.id}`);
    });

    it('should have nothing to pause before the bilan started', async () => {
      expect(await service.pause(USER)).to.equal(false);
      expect(await stored()).to.equal(undefined);
    });
  });

  describe('coming back after a long silence', () => {
    beforeEach(async () => {
      await send('bonjour', 'oui');
      clock.advance(RESUME_AFTER_MS + 1);
    });

    it('should greet a typed message back and re-ask instead of answering', async () => {
      expect(keys(await send('non'))).to.deep.equal(['common:commands.resume.welcomeBack', '?p00_engagement']);
      expect((await stored())?.answers).to.not.have.property('p00_engagement');
      expect(keys(await send('oui'))).to.include(`?${FIRST.id}`);
    });

    it('should still take a card submission as the answer', async () => {
      const turn = await send(submit(preliminaireFlow(), 'p00_engagement', { value: 'yes' }));
      expect(keys(turn)).to.include(`?${FIRST.id}`);
      expect(answerValues((await stored()) as BilanRecord)).to.include({ p00_engagement: 'yes' });
    });
  });

  describe('the deletion question', () => {
    it('should be open from the moment it is asked, in what the next turn reads first, and closed once forgotten', async () => {
      await send('bonjour', 'oui');
      expect((await service.openTurn(USER)).erasureAskedAt).to.equal(undefined);
      await service.askedErasure(USER);
      expect(await service.openTurn(USER)).to.deep.equal({ locale: undefined, erasureAskedAt: clock.iso(), stored: true });
      await service.forgetErasureQuestion(USER);
      expect((await service.openTurn(USER)).erasureAskedAt).to.equal(undefined);
      expect(await stored()).to.not.have.property('erasureAskedAt');
    });

    it('should store nothing for a user who has no record (nothing to erase)', async () => {
      await service.askedErasure(USER);
      expect(await stored()).to.equal(undefined);
    });

    it('should leave the bilan as it was', async () => {
      await send('bonjour', 'oui');
      const before = await stored();
      await service.askedErasure(USER);
      await service.forgetErasureQuestion(USER);
      const { updatedAt: _after, ...after } = (await stored()) as BilanRecord;
      const { updatedAt: _before, ...unchanged } = before as BilanRecord;
      expect(after).to.deep.equal(unchanged);
      expect(keys(await send('oui'))).to.include(`?${FIRST.id}`);
    });
  });

  describe('restart', () => {
    it('should erase the answers and progress but keep the language', async () => {
      await send('bonjour', 'oui');
      await service.setLocale(USER, 'en');
      await send('oui', 'Je veux évoluer');
      const turn = await service.restart(USER);
      expect(keys(turn)).to.deep.equal(START);
      const record = await stored();
      expect(record).to.deep.include({ locale: 'en', answers: {}, consent: {} });
      expect(record?.phases.preliminaire).to.include({ stepId: 'p17_information_read' });
    });
  });

  describe('a user who refused', () => {
    beforeEach(async () => {
      const turn = await send('bonjour', 'oui', 'non');
      expect(keys(turn)).to.deep.equal(['preliminaire:engagement.refused']);
      expect(turn.waiting).to.equal(false);
    });

    it('should keep nothing but the refusal', async () => {
      const record = await stored();
      expect(record).to.deep.include({ consent: { refusedAt: clock.iso() }, answers: {}, phases: {} });
    });

    for (const input of ['bonjour', 'oui', submit(preliminaireFlow(), 'p17_information_read', { value: 'yes' })]) {
      it(`should answer ${typeof input === 'string' ? `"${input}"` : 'a card'} with common:refused.again`, async () => {
        expect(keys(await send(input))).to.deep.equal(['common:refused.again']);
        expect(keys(await service.startOrResume(USER))).to.deep.equal(['common:refused.again']);
      });
    }
  });

  describe('after the préliminaire', () => {
    const notAvailable = { type: 'message', message: msg('common:phase.notAvailable', { phase: msg('common:phases.investigation') }) };

    it('should tell the user the investigation phase is not available yet', async () => {
      await send('bonjour', ...PRELIMINAIRE_TO_RECAP());
      const done = await send('oui');
      expect(done.outputs).to.deep.equal([{ type: 'message', message: msg('preliminaire:done.thanks') }, notAvailable]);
      expect(done.waiting).to.equal(false);
      expect((await stored())?.phases.preliminaire?.status).to.equal('completed');

      const answers = (await stored())?.answers;
      const later = await send('bonjour');
      expect(later.outputs).to.deep.equal([notAvailable]);
      expect((await stored())?.answers).to.deep.equal(answers);
    });
  });

  describe('at the end of the last phase', () => {
    it('should say where the bilan stands and offer the one-year retention, naming the retention period', async () => {
      service = new BilanService({ repository, catalog: new FlowCatalog([preliminaireFlow()]), engine: engineWith(clock), clock, resumeAfterMs: RESUME_AFTER_MS, retentionDays: 30 });
      await send('bonjour', ...PRELIMINAIRE_TO_RECAP());
      const loaded = await repository.load(USER);
      const done = { flowId: 'x', flowVersion: 1, stepId: 'end', status: 'completed' as const, startedAt: clock.iso(), completedAt: clock.iso() };
      await repository.save({ ...loaded!.record, phases: { ...loaded!.record.phases, investigation: done, conclusion: done } }, loaded!.eTag);
      const end = await send('oui');
      expect(end.outputs.slice(-2)).to.deep.equal([
        { type: 'message', message: msg('rights:keep.offer', { days: 30 }) },
        { type: 'offer', message: msg('common:commands.status.done'), actions: ['synthesis'] },
      ]);
    });
  });

  describe('after the préliminaire, when the investigation phase exists', () => {
    it('should say the next phase is ready and start it on the next message', async () => {
      service = new BilanService({ repository, catalog: new FlowCatalog(realFlows()), engine: engineWith(clock), clock, resumeAfterMs: RESUME_AFTER_MS });
      await send('bonjour', ...PRELIMINAIRE_TO_RECAP());
      const done = await send('oui');
      expect(keys(done)).to.deep.equal(['preliminaire:done.thanks', 'offer:common:phase.nextReady']);
      const next = await send('reprendre');
      expect(keys(next)).to.include('investigation:intro.welcome');
      expect((await stored())?.phases.investigation?.status).to.equal('active');
    });
  });

  describe('concurrent turns', () => {
    it('should start the second of two turns read at the same time over from the first one\'s save, losing neither', async () => {
      await send('bonjour', 'oui', 'oui');
      const before = await repository.load(USER);
      const [first, second] = await Promise.all([service.answer(USER, text(ANSWER), 'fr', 'turn-a'), service.answer(USER, text('passer'), 'fr', 'turn-b')]);
      const after = await repository.load(USER);
      expect(after?.eTag).not.to.equal(before?.eTag);
      expect(after?.record.answers[FIRST.id], 'the first save').to.have.property('value');
      expect(after?.record.answers[SECOND.id], 'the second, applied to the question that followed').to.include({ skipped: true });
      expect(waitingOn(first.outputs)).to.equal(`?${SECOND.id}`);
      expect(waitingOn(second.outputs)).to.equal(`?${THIRD.id}`);
      expect(after?.record.appliedTurns).to.include.members(['turn-a', 'turn-b']);
    });

    it('should apply a turn delivered twice at the same time once, and answer both deliveries with the next question', async () => {
      await send('bonjour', 'oui', 'oui');
      const [first, again] = await Promise.all([service.answer(USER, text(ANSWER), 'fr', 'turn-1'), service.answer(USER, text(ANSWER), 'fr', 'turn-1')]);
      const record = (await stored()) as BilanRecord;
      expect(record.answers[FIRST.id]).to.have.property('value');
      expect(record.answers[SECOND.id], 'the duplicate was not taken as the answer to the next question').to.equal(undefined);
      expect(waitingOn(first.outputs)).to.equal(`?${SECOND.id}`);
      expect(waitingOn(again.outputs)).to.equal(`?${SECOND.id}`);
    });

    it('should not apply a redelivered turn again later either', async () => {
      await send('bonjour', 'oui', 'oui');
      await service.answer(USER, text(ANSWER), 'fr', 'turn-1');
      const saved = await repository.load(USER);
      expect(waitingOn((await service.answer(USER, text(ANSWER), 'fr', 'turn-1')).outputs)).to.equal(`?${SECOND.id}`);
      expect((await repository.load(USER))?.eTag, 'nothing was saved').to.equal(saved?.eTag);
    });

    it('should create a new user\'s record once when their first two turns arrive together', async () => {
      const [first, second] = await Promise.all([service.answer(USER, text('oui'), 'fr', 'hello-1'), service.answer(USER, text('oui'), 'fr', 'hello-2')]);
      expect(keys(first)).to.deep.equal(['?p00_engagement']);
      expect(keys(second), 'the second found the record made by the first and answered its question').to.include(`?${FIRST.id}`);
      expect((await stored())?.appliedTurns, 'the first creation was not overwritten').to.deep.equal(['hello-1', 'hello-2']);
    });

    it('should not write back a record erased while the turn was running: the user starts afresh, nothing of before comes back', async () => {
      const checked = new CheckedMemoryStorage();
      const store = new StoreBilanRepository(checked);
      const racing = new BilanService({ repository: store, catalog: new FlowCatalog([preliminaireFlow()]), engine: engineWith(clock), clock, resumeAfterMs: RESUME_AFTER_MS, pause: () => Promise.resolve() });
      for (const input of ['bonjour', 'oui', 'oui', ANSWER]) await racing.answer(USER, text(input));
      const save = store.save.bind(store);
      let erased = false;
      store.save = async (record, eTag) => {
        // « supprimer mes données » (or the retention sweep) lands between this turn's read and its save.
        if (!erased) await store.delete(USER);
        erased = true;
        return save(record, eTag);
      };

      const turn = await racing.answer(USER, text('passer'));

      expect(keys(turn), 'the turn started over from what is stored now: nothing, so the information is shown again').to.include('?p17_information_read');
      expect(await store.load(USER), 'nothing of before comes back, and nothing new is stored').to.equal(undefined);
    });

    it('should give up with ConcurrencyError when every attempt conflicts, saving nothing of the turn', async () => {
      await send('bonjour', 'oui', 'oui');
      const conflicting = new StoreBilanRepository(storage);
      let attempts = 0;
      conflicting.save = () => {
        attempts++;
        return Promise.reject(new ConcurrencyError('changed meanwhile'));
      };
      const busy = new BilanService({ repository: conflicting, catalog: new FlowCatalog([preliminaireFlow()]), engine: engineWith(clock), clock, resumeAfterMs: RESUME_AFTER_MS, pause: () => Promise.resolve() });
      const error: unknown = await busy.answer(USER, text(ANSWER), 'fr', 'turn-x').catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ConcurrencyError);
      expect(attempts).to.equal(MAX_SAVE_ATTEMPTS);
      expect((await stored())?.answers[FIRST.id]).to.equal(undefined);
    });

    it('should raise ConcurrencyError from the repository when the eTag is stale', async () => {
      await send('bonjour', 'oui');
      const loaded = await repository.load(USER);
      if (!loaded) throw new Error('nothing stored');
      await repository.save({ ...loaded.record, locale: 'fr' }, loaded.eTag);
      const error: unknown = await repository.save({ ...loaded.record, locale: 'en' }, loaded.eTag).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ConcurrencyError);
      expect((await stored())?.locale).to.equal('fr');
    });
  });

  describe('a stored record that fails the schema', () => {
    beforeEach(async () => {
      await storage.write({ [`bilan/records/${USER}`]: { record: { schemaVersion: 99, userId: USER } } });
    });

    it('should fail with StorageError instead of treating the user as new', async () => {
      for (const attempt of [() => send('bonjour'), () => service.status(USER), () => service.startOrResume(USER)]) {
        const error: unknown = await attempt().catch((e: unknown) => e);
        expect(error).to.be.instanceOf(StorageError);
      }
    });
  });
});
