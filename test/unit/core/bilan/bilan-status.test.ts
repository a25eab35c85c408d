import { expect } from 'chai';
import { emptyRecord, type BilanRecord } from '../../../../src/core/bilan/bilan-record.js';
import { statusOf } from '../../../../src/core/bilan/bilan-status.js';
import { FlowCatalog } from '../../../../src/core/flow/flow-catalog.js';
import type { EngineResult } from '../../../../src/core/flow/engine-io.js';
import { answerAll, demoFlow, engineWith, FixedClock, investigationFlow, submit } from '../../../support/flows.js';

describe('statusOf', () => {
  const clock = new FixedClock();
  const engine = engineWith(clock);
  const flow = demoFlow();
  const catalog = new FlowCatalog([flow]);

  /** The record after starting the demo flow and typing `answers`. */
  const after = (...answers: string[]): EngineResult => answerAll(engine, flow, engine.start(emptyRecord('u1', clock.now()), flow), answers);
  const statusAfter = (...answers: string[]) => statusOf(after(...answers).record, catalog);
  const inProgress = (record: BilanRecord, c: FlowCatalog = catalog) => {
    const status = statusOf(record, c);
    if (status.type !== 'inProgress') throw new Error(`expected inProgress, got ${status.type}`);
    return status;
  };

  describe('before and outside a bilan', () => {
    it('should say not started when nothing is stored', () => {
      expect(statusOf(undefined, catalog)).to.deep.equal({ type: 'notStarted' });
    });

    it('should say not started when only the language was saved', () => {
      expect(statusOf({ ...emptyRecord('u1', clock.now()), locale: 'en' }, catalog)).to.deep.equal({ type: 'notStarted' });
    });

    it('should say refused after a refusal', () => {
      const refused: BilanRecord = { ...emptyRecord('u1', clock.now()), consent: { refusedAt: clock.iso() } };
      expect(statusOf(refused, catalog)).to.deep.equal({ type: 'refused' });
    });

    it('should say finished when every phase is completed', () => {
      const done = { flowId: 'x', flowVersion: 1, stepId: 'end', status: 'completed', startedAt: clock.iso(), completedAt: clock.iso() } as const;
      const record: BilanRecord = { ...emptyRecord('u1', clock.now()), phases: { preliminaire: done, investigation: done, conclusion: done } };
      expect(statusOf(record, catalog)).to.deep.equal({ type: 'finished' });
    });
  });

  describe('in progress', () => {
    // Default path: q_name, q_yes, q_scale5, q_scale10 (4 questions) and the recap to confirm.
    // After q_yes = yes: q_name, q_yes, q_choice, q_multi, q_scale5, q_scale10 (6 questions) and the recap.
    const cases: readonly [string, string[], number][] = [
      ['just started', [], 0],
      ['one of five steps answered', ['Ada'], 20],
      ['"yes" opens two more questions', ['Ada', 'oui'], 28],
      ['"no" keeps them off the path', ['Ada', 'non'], 40],
      ['a skip counts as answered', ['Ada', 'passer'], 40],
      ['three of seven on the "yes" path', ['Ada', 'oui', '1'], 42],
      ['an invalid answer counts for nothing', ['Ada', 'oui', '9'], 28],
      ['every question answered, the recap still to confirm', ['Ada', 'oui', '1', '1', '2', '7'], 85],
    ];
    for (const [situation, answers, percent] of cases) {
      it(`should report ${percent} % of the phase when ${situation}`, () => {
        const status = statusAfter(...answers);
        expect(status).to.deep.include({ type: 'inProgress', phase: 'preliminaire', phasePercent: percent });
        expect(status.type === 'inProgress' && status.overallPercent).to.equal(Math.floor(percent / 3));
      });
    }

    it('should stop counting branch answers once a changed answer takes them off the path', () => {
      const { record } = after('Ada', 'oui', '1', '1');
      expect(inProgress(record).phasePercent).to.equal(57);
      const q_yes = record.answers['q_yes'];
      const changed: BilanRecord = { ...record, answers: { ...record.answers, ...(q_yes && { q_yes: { ...q_yes, value: 'no' } }) } };
      expect(inProgress(changed).phasePercent).to.equal(40);
    });

    it('should give the i18n key of the question waiting for an answer', () => {
      expect(inProgress(after('Ada').record).currentQuestionKey).to.equal('demo:q_yes.prompt');
    });

    it('should give the question being corrected from the recap, and none on the recap itself', () => {
      const recap = after('Ada', 'oui', '1', '1', '2', '7');
      expect(inProgress(recap.record).currentQuestionKey).to.equal(undefined);
      const editing = answerAll(engine, flow, recap, [submit(flow, 'recap', { value: 'correct' }), submit(flow, 'recap#choose', { value: 'q_scale10' })]);
      expect(inProgress(editing.record).currentQuestionKey).to.equal('demo:q_scale10.prompt');
    });

    it('should give no question key when the flow changed since the user left', () => {
      expect(inProgress(after('Ada').record, new FlowCatalog([demoFlow({ version: 2 })])).currentQuestionKey).to.equal(undefined);
    });

    it('should flag a paused bilan', () => {
      const { record } = after('Ada');
      expect(inProgress(record).paused).to.equal(false);
      expect(inProgress({ ...record, pausedAt: clock.iso() }).paused).to.equal(true);
    });

    it('should say whether the next phase is available yet', () => {
      const { record } = after('Ada');
      expect(inProgress(record).next).to.deep.equal({ phase: 'investigation', available: false });
      expect(inProgress(record, new FlowCatalog([flow, investigationFlow()])).next).to.deep.equal({ phase: 'investigation', available: true });
    });
  });

  describe('after a completed phase', () => {
    it('should count the completed phase as 100 % and move on to the next one', () => {
      const completed = answerAll(engine, flow, after('Ada', 'non', '2', '7'), [submit(flow, 'recap', { value: 'confirm' })]);
      expect(completed.status).to.equal('completed');
      const status = inProgress(completed.record, new FlowCatalog([flow, investigationFlow()]));
      expect(status).to.deep.include({ phase: 'investigation', phasePercent: 0, overallPercent: 33, currentQuestionKey: undefined });
      expect(status.next).to.deep.equal({ phase: 'conclusion', available: false });
    });

    it('should count 100 % even if answers were removed after completion', () => {
      const completed = answerAll(engine, flow, after('Ada', 'non', '2', '7'), [submit(flow, 'recap', { skip: true })]);
      const withInvestigation = engine.start({ ...completed.record, answers: {} }, investigationFlow());
      const status = inProgress(withInvestigation.record, new FlowCatalog([flow, investigationFlow()]));
      expect(status).to.deep.include({ phase: 'investigation', phasePercent: 0, overallPercent: 33, currentQuestionKey: 'inv:i_first.prompt' });
    });
  });
});
