import { expect } from 'chai';
import { emptyRecord, type BilanRecord } from '../../../../src/core/bilan/bilan-record.js';
import type { FlowEngine } from '../../../../src/core/flow/flow-engine.js';
import type { EngineInput, EngineResult } from '../../../../src/core/flow/engine-io.js';
import type { Flow } from '../../../../src/core/flow/flow-schema.js';
import {
  answerAll,
  answerValues,
  demoFlow,
  engineWith,
  FixedClock,
  keysOf,
  MAX_ANSWER_LENGTH,
  preliminaireFlow,
  submit,
  text,
  waitingOn,
} from '../../../support/flows.js';
import { preliminaireToRecap } from '../../../support/walk.js';

/** 'typed "oui"' or 'card "yes"', for test names. */
function shown(input: EngineInput): string {
  if (input.type === 'text') return input.text.length > 20 ? `typed ${input.text.length} characters` : `typed ${JSON.stringify(input.text)}`;
  return `card ${JSON.stringify(input.value)}`;
}

describe('FlowEngine', () => {
  let clock: FixedClock;
  let engine: FlowEngine;
  const flow = demoFlow();

  beforeEach(() => {
    clock = new FixedClock();
    engine = engineWith(clock);
  });

  const fresh = (): BilanRecord => emptyRecord('user-1', clock.now());
  const started = (f: Flow = flow): EngineResult => engine.start(fresh(), f);
  /** Starts the demo flow and answers until it waits on `stepId`. */
  const at = (stepId: string): EngineResult => {
    const script: Record<string, readonly string[]> = {
      q_name: [],
      q_yes: ['Ada'],
      q_choice: ['Ada', 'oui'],
      q_multi: ['Ada', 'oui', '1'],
      q_scale5: ['Ada', 'non'],
      q_scale10: ['Ada', 'non', '3'],
      recap: ['Ada', 'oui', '2', '1', '3', '7'],
    };
    const result = answerAll(engine, flow, started(), script[stepId] ?? []);
    expect(waitingOn(result.outputs), `setup reaches ${stepId}`).to.match(new RegExp(`[?:]${stepId}$`));
    return result;
  };

  describe('start', () => {
    it('should show the say messages, run the actions, then ask the first question', () => {
      const result = started();
      expect(keysOf(result.outputs)).to.deep.equal(['demo:hello.one', 'demo:hello.two', '?q_name']);
      expect(result.status).to.equal('waiting');
      expect(result.record.consent.informationAcknowledgedAt).to.equal(clock.iso());
      expect(result.record.phases.preliminaire).to.include({ flowId: 'demo', flowVersion: 1, stepId: 'q_name', status: 'active' });
    });

    it('should open the real préliminaire with the welcome and information, then ask P17', () => {
      const result = started(preliminaireFlow());
      expect(keysOf(result.outputs)).to.deep.equal([
        'preliminaire:welcome.short',
        '?p17_information_read',
      ]);
    });
  });

  describe('answer to each question kind', () => {
    const cases: ReadonlyArray<{ step: string; valid: readonly [EngineInput, unknown][]; invalid: readonly [EngineInput, string][] }> = [
      {
        step: 'q_name',
        valid: [[text('  Ada  '), 'Ada'], [submit(flow, 'q_name', { value: 'Grace' }), 'Grace']],
        invalid: [[text('   '), 'common:answer.empty'], [text('x'.repeat(MAX_ANSWER_LENGTH + 1)), 'common:answer.tooLong']],
      },
      {
        step: 'q_yes',
        valid: [[text('Oui'), 'yes'], [text('no'), 'no'], [submit(flow, 'q_yes', { value: 'yes' }), 'yes']],
        invalid: [[text('peut-être'), 'common:answer.chooseYesNo'], [submit(flow, 'q_yes', { value: 'maybe' }), 'common:answer.chooseYesNo']],
      },
      {
        step: 'q_choice',
        valid: [[text('2'), 'b'], [submit(flow, 'q_choice', { value: 'a' }), 'a']],
        invalid: [[text('4'), 'common:answer.chooseOne'], [submit(flow, 'q_choice', { value: 'zzz' }), 'common:answer.chooseOne']],
      },
      {
        step: 'q_multi',
        valid: [[text('1, 3'), ['x', 'z']], [submit(flow, 'q_multi', { value: 'y,z' }), ['y', 'z']]],
        invalid: [[text('9'), 'common:answer.chooseMany'], [submit(flow, 'q_multi', { value: '' }), 'common:answer.chooseMany']],
      },
      {
        step: 'q_scale5',
        valid: [[text('5'), 5], [submit(flow, 'q_scale5', { value: 1 }), 1]],
        invalid: [[text('6'), 'common:answer.chooseScale'], [submit(flow, 'q_scale5', { value: '0' }), 'common:answer.chooseScale']],
      },
      {
        step: 'q_scale10',
        valid: [[text('10'), 10], [submit(flow, 'q_scale10', { value: '7' }), 7]],
        invalid: [[text('11'), 'common:answer.chooseScale'], [text('7.5'), 'common:answer.chooseScale']],
      },
    ];

    for (const { step, valid, invalid } of cases) {
      for (const [input, value] of valid) {
        it(`${step}: should store ${JSON.stringify(value)} for ${shown(input)} and move on`, () => {
          const result = engine.answer(at(step).record, flow, input);
          expect(result.record.answers[step]?.value).to.deep.equal(value);
          expect(waitingOn(result.outputs)).to.not.equal(`?${step}`);
        });
      }
      for (const [input, reason] of invalid) {
        it(`${step}: should reject ${shown(input)} with ${reason} and ask again, storing nothing`, () => {
          const before = at(step).record;
          const result = engine.answer(before, flow, input);
          expect(keysOf(result.outputs)).to.deep.equal([reason, `?${step}`]);
          expect(result.record).to.deep.equal(before);
        });
      }
    }
  });

  describe('skip', () => {
    for (const [how, input] of [
      ['the card button', submit(flow, 'q_name', { skip: true })],
      ['typing "passer"', text('passer')],
      ['typing "Je préfère ne pas répondre."', text('Je préfère ne pas répondre.')],
      ['typing "skip"', text('SKIP')],
    ] as const) {
      it(`should store { skipped: true } and move on when the user skips with ${how}`, () => {
        const result = engine.answer(at('q_name').record, flow, input);
        expect(result.record.answers['q_name']).to.include({ skipped: true });
        expect(result.record.answers['q_name']).to.not.have.property('value');
        expect(waitingOn(result.outputs)).to.equal('?q_yes');
      });
    }
  });

  describe('branches', () => {
    const cases: readonly [string, string, EngineInput, string[]][] = [
      ['"in" holds', 'q_yes', text('oui'), ['?q_choice']],
      ['"skipped" holds', 'q_yes', text('passer'), ['demo:skipped.note', '?q_scale5']],
      ['no branch holds (default)', 'q_yes', text('non'), ['?q_scale5']],
      ['"in" holds on a chosen option', 'q_choice', text('3'), ['demo:choice.c_note', '?q_multi']],
      ['another option is chosen', 'q_choice', text('1'), ['?q_multi']],
    ];
    for (const [situation, step, input, expected] of cases) {
      it(`${step}: should go where the flow says when ${situation}`, () => {
        expect(keysOf(engine.answer(at(step).record, flow, input).outputs)).to.deep.equal(expected);
      });
    }
  });

  describe('stale card', () => {
    for (const [what, input] of [
      ['an earlier prompt', submit(flow, 'q_name', { value: 'Ada' })],
      ['an older flow version', submit(flow, 'q_yes', { value: 'yes', flowVersion: 0 })],
    ] as const) {
      it(`should answer a card from ${what} with common:answer.staleCard and the current prompt`, () => {
        const before = at('q_yes').record;
        const result = engine.answer(before, flow, input);
        expect(keysOf(result.outputs)).to.deep.equal(['common:answer.staleCard', '?q_yes']);
        expect(result.record).to.deep.equal(before);
      });
    }
  });

  describe('recap', () => {
    it('should list the recap items with their answers', () => {
      const [recap] = at('recap').outputs.filter((o) => o.type === 'recap');
      expect(recap?.type === 'recap' && recap.lines.map((l) => [l.question.id, l.answer?.value])).to.deep.equal([
        ['q_name', 'Ada'],
        ['q_choice', 'b'],
        ['q_scale10', 7],
      ]);
    });

    it('should record the confirmation and complete the flow when the user confirms', () => {
      const result = engine.answer(at('recap').record, flow, submit(flow, 'recap', { value: 'confirm' }));
      expect(result.status).to.equal('completed');
      expect(keysOf(result.outputs)).to.deep.equal(['demo:done.thanks']);
      expect(result.record.consent.objectivesConfirmedAt).to.equal(clock.iso());
      expect(result.record.phases.preliminaire).to.include({ status: 'completed', completedAt: clock.iso() });
    });

    for (const [how, input] of [['the card', submit(flow, 'recap', { skip: true })], ['typing "passer"', text('passer')]] as const) {
      it(`should complete without confirming when the user validates later with ${how}`, () => {
        const result = engine.answer(at('recap').record, flow, input);
        expect(result.status).to.equal('completed');
        expect(result.record.consent).to.not.have.property('objectivesConfirmedAt');
      });
    }

    it('should let the user correct one answer and come back to the recap showing it', () => {
      const chosen = engine.answer(at('recap').record, flow, submit(flow, 'recap', { value: 'correct' }));
      expect(keysOf(chosen.outputs)).to.deep.equal(['choose:recap']);
      const editing = engine.answer(chosen.record, flow, submit(flow, 'recap#choose', { value: 'q_choice' }));
      expect(keysOf(editing.outputs)).to.deep.equal(['?q_choice']);
      const rejected = engine.answer(editing.record, flow, text('9'));
      expect(keysOf(rejected.outputs)).to.deep.equal(['common:answer.chooseOne', '?q_choice']);
      const back = engine.answer(editing.record, flow, submit(flow, 'q_choice', { value: 'c' }));
      expect(keysOf(back.outputs)).to.deep.equal(['recap:recap']);
      expect(back.status).to.equal('waiting');
      expect(answerValues(back.record)).to.include({ q_choice: 'c', q_name: 'Ada' });
      const [recap] = back.outputs;
      expect(recap?.type === 'recap' && recap.lines.find((l) => l.question.id === 'q_choice')?.answer?.value).to.equal('c');
    });

    it('should accept typed "non" to correct and a typed item number to choose', () => {
      const chosen = answerAll(engine, flow, at('recap'), ['non', '1']);
      expect(keysOf(chosen.outputs)).to.deep.equal(['?q_name']);
    });

    it('should ask to use the buttons when the typed reply is neither yes, no nor skip', () => {
      const before = at('recap').record;
      const result = engine.answer(before, flow, text('bof'));
      expect(keysOf(result.outputs)).to.deep.equal(['common:recap.useButtons', 'recap:recap']);
      expect(result.record).to.deep.equal(before);
    });
  });

  describe('the real préliminaire', () => {
    it('should keep nothing but the refusal when the user declines to engage', () => {
      const result = answerAll(engine, preliminaireFlow(), started(preliminaireFlow()), ['oui', 'non']);
      expect(result.status).to.equal('refused');
      expect(keysOf(result.outputs)).to.deep.equal(['preliminaire:engagement.refused']);
      expect(result.record.consent).to.deep.equal({ refusedAt: clock.iso() });
      expect(result.record.answers).to.deep.equal({});
      expect(result.record.phases).to.deep.equal({});
      expect(result.record).to.not.have.property('locale');
    });

    it('should forget the answers, progress and consent when the user postpones engaging', () => {
      const prelim = preliminaireFlow();
      const withLocale: BilanRecord = { ...fresh(), locale: 'en' };
      const result = answerAll(engine, prelim, engine.start(withLocale, prelim), ['oui', 'passer']);
      expect(result.status).to.equal('postponed');
      expect(keysOf(result.outputs)).to.deep.equal(['preliminaire:engagement.postponed']);
      expect(result.record).to.deep.include({ consent: {}, phases: {}, answers: {}, locale: 'en' });
    });

    it('should show the information again until the user says they read it', () => {
      const result = answerAll(engine, preliminaireFlow(), started(preliminaireFlow()), ['non']);
      expect(keysOf(result.outputs)).to.deep.equal([
        'preliminaire:information.again',
        'preliminaire:information.rights',
        '?p17_information_read',
      ]);
    });

    it('should reach the recap on the shortest path and complete on confirm', () => {
      const prelim = preliminaireFlow();
      const recap = answerAll(engine, prelim, started(prelim), preliminaireToRecap(engine, prelim, started(prelim)));
      expect(keysOf(recap.outputs)).to.deep.equal(['recap:recap']);
      expect(recap.record.answers).to.not.have.any.keys('p11_agreement', 'p16_adjustment_types');
      const done = engine.answer(recap.record, prelim, text('oui'));
      expect(done.status).to.equal('completed');
      expect(done.record.consent).to.have.all.keys('informationAcknowledgedAt', 'engagedAt', 'objectivesConfirmedAt');
    });
  });

  describe('resume', () => {
    it('should show the current prompt again without changing anything', () => {
      const before = at('q_multi').record;
      const result = engine.resume(before, flow);
      expect(keysOf(result.outputs)).to.deep.equal(['?q_multi']);
      expect(result.record).to.equal(before);
    });

    it('should restart the phase with common:flow.changed first when the flow version changed, keeping the answers', () => {
      const before = at('q_multi').record;
      const v2 = demoFlow({ version: 2 });
      const result = engine.resume(before, v2);
      expect(keysOf(result.outputs)).to.deep.equal(['common:flow.changed', 'demo:hello.one', 'demo:hello.two', '?q_name']);
      expect(result.record.phases.preliminaire).to.include({ flowVersion: 2, stepId: 'q_name', status: 'active' });
      expect(answerValues(result.record)).to.deep.equal({ q_name: 'Ada', q_yes: 'yes', q_choice: 'a' });
    });

    it('should also restart when the user answers a flow that changed meanwhile', () => {
      const result = engine.answer(at('q_multi').record, demoFlow({ version: 2 }), text('1'));
      expect(keysOf(result.outputs)[0]).to.equal('common:flow.changed');
      expect(result.record.answers).to.not.have.property('q_multi');
    });
  });

  describe('stored answers', () => {
    it("should carry the flow id, its version and the clock's time", () => {
      const start = started();
      clock.advance(60_000);
      const result = engine.answer(start.record, flow, text('Ada'));
      expect(result.record.answers['q_name']).to.deep.equal({ value: 'Ada', at: clock.iso(), flow: 'demo', flowVersion: 1 });
      expect(result.record.updatedAt).to.equal(clock.iso());
    });
  });
});
