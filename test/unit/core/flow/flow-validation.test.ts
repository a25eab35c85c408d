import { expect } from 'chai';
import { DataValidationError } from '../../../../src/core/errors.js';
import { validateFlows, type FlowSource, type KeyChecker } from '../../../../src/core/flow/flow-validation.js';
import { demoFlowData, fakeKeys, realFlows } from '../../../support/flows.js';

type Json = Record<string, unknown>;
type Step = Json & { id: string };

const FILE = 'dialogs/demo.flow.json';

/** The demo fixture flow with `edit` applied to a deep copy of it. */
function demo(edit: (flow: Json & { steps: Step[] }) => void = () => {}): Json {
  const flow = structuredClone(demoFlowData()) as Json & { steps: Step[] };
  edit(flow);
  return flow;
}

function stepOf(flow: { steps: Step[] }, id: string): Step {
  const step = flow.steps.find((s) => s.id === id);
  if (!step) throw new Error(`fixture has no step ${id}`);
  return step;
}

/** The problems validateFlows reports, or [] when it accepts the flows. */
function problemsOf(sources: readonly FlowSource[], keys: KeyChecker = fakeKeys()): string[] {
  try {
    validateFlows(sources, keys);
    return [];
  } catch (error) {
    expect(error).to.be.instanceOf(DataValidationError);
    return [...(error as DataValidationError).problems];
  }
}

/** Indexes of steps in the demo fixture, so expected paths read as names. */
const at = (id: string): number => (demoFlowData()['steps'] as Step[]).findIndex((s) => s.id === id);

describe('validateFlows', () => {
  it('should accept a valid flow and return it parsed', () => {
    const [flow] = validateFlows([{ file: FILE, data: demo() }], fakeKeys());
    expect(flow?.id).to.equal('demo');
    expect(flow?.steps.map((s) => s.id)).to.include.members(['hello', 'recap', 'done']);
  });

  describe('problems in one flow', () => {
    const cases: ReadonlyArray<{ problem: string; edit: (flow: Json & { steps: Step[] }) => void; keys?: KeyChecker; expected: readonly [path: string, says: string][] }> = [
      {
        problem: 'an unknown step type, listing the permitted types',
        edit: (f) => (stepOf(f, 'hello')['type'] = 'shout'),
        expected: [[`#/steps/${at('hello')}/type`, 'unknown step type. Permitted: say, question, action, recap, end']],
      },
      {
        problem: 'a story without its number and part, and months on something else than a horizon',
        edit: (f) => {
          stepOf(f, 'q_name')['synthesis'] = { section: 'achievements', as: 'story' };
          stepOf(f, 'q_choice')['synthesis'] = { section: 'plan', months: { nope: 3 } };
        },
        expected: [
          [`#/steps/${at('q_name')}/synthesis/as`, 'a story needs "group" (its number) and "part"'],
          [`#/steps/${at('q_choice')}/synthesis/months`, 'only a step\'s horizon has months'],
          [`#/steps/${at('q_choice')}/synthesis/months`, "nope not options of 'q_choice'"],
        ],
      },
      {
        problem: 'a synthesis line whose label is missing from the synthesis template of a locale',
        edit: (f) => (stepOf(f, 'q_name')['synthesis'] = { section: 'career' }),
        keys: fakeKeys({ 'synthesis:labels.q_name': ['en'] }),
        expected: [[`#/steps/${at('q_name')}/synthesis`, "key 'synthesis:labels.q_name' is missing or empty in locales/en"]],
      },
      {
        problem: 'a dangling next',
        edit: (f) => (stepOf(f, 'ack')['next'] = 'nowhere'),
        // q_name is then reachable from nowhere, and so is everything only it leads to
        expected: [[`#/steps/${at('ack')}/next`, "target 'nowhere' does not exist"]],
      },
      {
        problem: 'a dangling goto and default',
        edit: (f) => (stepOf(f, 'q_choice')['next'] = { branches: [{ when: { answer: 'q_choice', in: ['a'] }, goto: 'gone' }], default: 'lost' }),
        expected: [
          [`#/steps/${at('q_choice')}/next/branches/0/goto`, "target 'gone' does not exist"],
          [`#/steps/${at('q_choice')}/next/default`, "target 'lost' does not exist"],
        ],
      },
      {
        problem: 'an unreachable step',
        edit: (f) => f.steps.push({ id: 'orphan', type: 'say', messages: ['demo:orphan'], next: 'done' }),
        expected: [[`#/steps/${at('done') + 1}`, "step 'orphan' is unreachable from start 'hello'"]],
      },
      {
        problem: 'a key missing in one locale',
        edit: () => {},
        keys: fakeKeys({ 'demo:q_yes.purpose': ['en'] }),
        expected: [[`#/steps/${at('q_yes')}/purpose`, "key 'demo:q_yes.purpose' is missing or empty in locales/en"]],
      },
      {
        problem: 'duplicate step ids',
        edit: (f) => (stepOf(f, 'c_note')['id'] = 'skipped_note'),
        expected: [[`#/steps/${at('c_note')}/id`, "duplicate step id 'skipped_note'"]],
      },
      {
        problem: 'a choice question without options',
        edit: (f) => delete stepOf(f, 'q_multi')['options'],
        expected: [[`#/steps/${at('q_multi')}/options`, 'a multiChoice question needs at least 2 options']],
      },
      {
        problem: 'a branch on an option the question does not have',
        edit: (f) => (stepOf(f, 'q_yes')['next'] = { branches: [{ when: { answer: 'q_yes', in: ['yes', 'maybe'] }, goto: 'q_choice' }], default: 'skipped_note' }),
        expected: [[`#/steps/${at('q_yes')}/next/branches/0/when/in`, "maybe not answers of 'q_yes'. Permitted: yes, no"]],
      },
      {
        problem: 'a branch on a value that is not an option of the choice',
        edit: (f) => (stepOf(f, 'q_choice')['next'] = { branches: [{ when: { answer: 'q_choice', in: ['d'] }, goto: 'c_note' }], default: 'q_multi' }),
        expected: [[`#/steps/${at('q_choice')}/next/branches/0/when/in`, "d not answers of 'q_choice'. Permitted: a, b, c"]],
      },
      {
        problem: 'a branch on a step that is not a question',
        edit: (f) => (stepOf(f, 'q_yes')['next'] = { branches: [{ when: { answer: 'hello', skipped: true }, goto: 'q_choice' }], default: 'skipped_note' }),
        expected: [[`#/steps/${at('q_yes')}/next/branches/0/when/answer`, "'hello' is not a question of this flow"]],
      },
      {
        problem: 'a reviewSkills step gathering a question that looks for no skill',
        edit: (f) => Object.assign(stepOf(f, 'ack'), { action: 'reviewSkills', questions: ['q_name'] }),
        expected: [[`#/steps/${at('ack')}/questions/0`, "'q_name' is not a question of this flow with extractSkills"]],
      },
      {
        problem: 'a confirmJobs step reading a question that is not free text',
        edit: (f) => Object.assign(stepOf(f, 'ack'), { action: 'confirmJobs', question: 'q_choice' }),
        expected: [[`#/steps/${at('ack')}/question`, 'confirmJobs needs the id of a text question of this flow']],
      },
      {
        problem: 'a recap item that is not a question',
        edit: (f) => ((stepOf(f, 'recap')['items'] as Json[]).push({ question: 'c_note', label: 'demo:recap.note' })),
        expected: [[`#/steps/${at('recap')}/items/3/question`, "'c_note' is not a question of this flow"]],
      },
    ];

    for (const { problem, edit, keys, expected } of cases) {
      it(`should report ${problem} as file#/path`, () => {
        const problems = problemsOf([{ file: FILE, data: demo(edit) }], keys);
        for (const [path, says] of expected) {
          expect(problems.some((p) => p.startsWith(`${FILE}${path}: `) && p.includes(says)), `${path}: ${says}\nin ${problems.join('\n')}`).to.equal(true);
        }
      });
    }
  });

  describe('problems across flows', () => {
    const other = (phase: string): Json => ({
      id: 'other',
      version: 1,
      phase,
      description: 'Another flow',
      start: 'q_name',
      steps: [
        { id: 'q_name', type: 'question', kind: 'text', prompt: 'other:q.prompt', purpose: 'other:q.purpose', next: 'end' },
        { id: 'end', type: 'end', outcome: 'completed', messages: ['other:end'] },
      ],
    });

    it('should report a question id used in two flows', () => {
      const problems = problemsOf([{ file: FILE, data: demo() }, { file: 'dialogs/other.flow.json', data: other('investigation') }]);
      expect(problems).to.have.length(1);
      expect(problems[0]).to.match(/^dialogs\/other\.flow\.json: question id 'q_name' is also used in dialogs\/demo\.flow\.json/);
    });

    it('should report two flows conducting the same phase', () => {
      const samePhase = JSON.parse(JSON.stringify(other('preliminaire')).replaceAll('q_name', 'q_other')) as Json;
      const problems = problemsOf([{ file: FILE, data: demo() }, { file: 'dialogs/other.flow.json', data: samePhase }]);
      expect(problems).to.deep.equal(["dialogs/: more than one flow conducts phase 'preliminaire'"]);
    });
  });

  it('should throw ONE DataValidationError listing every problem of every file', () => {
    const sources: FlowSource[] = [
      { file: 'dialogs/a.flow.json', data: demo((f) => (stepOf(f, 'hello')['type'] = 'shout')) },
      {
        file: 'dialogs/b.flow.json',
        data: demo((f) => {
          f['id'] = 'b';
          stepOf(f, 'ack')['next'] = 'q_nowhere';
          delete stepOf(f, 'q_choice')['options'];
        }),
      },
    ];
    let error: unknown;
    try {
      validateFlows(sources, fakeKeys({ 'demo:done.thanks': ['fr'] }));
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(DataValidationError);
    const { problems, message } = error as DataValidationError;
    const files = problems.map((p) => p.slice(0, p.indexOf('#')));
    expect(files).to.include.members(['dialogs/a.flow.json', 'dialogs/b.flow.json']);
    expect(problems.join('\n')).to.include('unknown step type').and.include("'q_nowhere' does not exist").and.include('needs at least 2 options').and.include('locales/fr');
    for (const problem of problems) expect(message).to.include(problem);
  });

  it('should accept the real dialogs/ flows with the real locales', () => {
    const flows = realFlows();
    expect(flows.map((f) => f.phase)).to.include('preliminaire');
  });
});
