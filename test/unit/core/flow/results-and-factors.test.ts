import { expect } from 'chai';
import { emptyRecord, type BilanRecord } from '../../../../src/core/bilan/bilan-record.js';
import { FlowEngine } from '../../../../src/core/flow/flow-engine.js';
import type { EngineOutput } from '../../../../src/core/flow/engine-io.js';
import { flowSchema, type Flow } from '../../../../src/core/flow/flow-schema.js';
import { FixedClock, realVocabulary } from '../../../support/flows.js';

const earlier: Flow = flowSchema.parse({
  id: 'earlier',
  version: 1,
  phase: 'investigation',
  description: 'An earlier phase holding the answers the results show',
  start: 'value',
  steps: [
    { id: 'value', type: 'question', kind: 'singleChoice', prompt: 'demo:v', purpose: 'demo:w', options: [{ value: 'autonomy', label: 'demo:autonomy' }, { value: 'variety', label: 'demo:variety' }], next: 'end' },
    { id: 'end', type: 'end', outcome: 'completed', messages: ['demo:end'] },
  ],
});

const conclusion: Flow = flowSchema.parse({
  id: 'conclusion_demo',
  version: 1,
  phase: 'conclusion',
  description: 'Results then derived factors, then a question',
  start: 'results',
  steps: [
    { id: 'results', type: 'action', action: 'showResults', items: [{ question: 'value', label: 'demo:valueLabel' }], next: 'factors' },
    { id: 'factors', type: 'action', action: 'showDerivedFactors', next: 'project' },
    { id: 'project', type: 'question', kind: 'text', prompt: 'demo:project', purpose: 'demo:w', next: 'end' },
    { id: 'end', type: 'end', outcome: 'completed', messages: ['demo:end'] },
  ],
});

describe('FlowEngine: results and derived factors of the conclusion', () => {
  const clock = new FixedClock();
  const engine = new FlowEngine({ clock, vocabulary: realVocabulary(), limits: { maxAnswerLength: 100 }, allFlows: [earlier, conclusion] });
  const at = clock.iso();
  const record: BilanRecord = {
    ...emptyRecord('u1', clock.now()),
    answers: { value: { value: 'variety', at, flow: 'earlier', flowVersion: 1 } },
    skills: [
      { id: 'r1', label: 'Gérer un planning', kind: 'savoir-faire', source: 'extracted', evidence: ['planning'], question: 'q', confirmedAt: at },
      { label: 'Accompagner le changement', source: 'user', evidence: [], question: 'q', confirmedAt: at },
    ],
    interests: { holland: 'SE', scores: { S: 2, E: 1 }, computedAt: at },
    explorations: [
      { code: 'K2111', label: 'Formation professionnelle', matchedSkills: [], gaps: [{ id: 'g1', label: 'Concevoir une formation' }], keptAt: at },
      { code: 'M1502', label: 'Développement RH', matchedSkills: [], gaps: [{ id: 'g1', label: 'Concevoir une formation' }, { id: 'g2', label: 'Droit du travail' }], keptAt: at },
    ],
  };

  const started = engine.start(record, conclusion, 'fr');
  const shown = (type: EngineOutput['type']) => started.outputs.find((o) => o.type === type);

  it('should show the confirmed skills, the Holland code, the occupations kept and earlier answers, then go on to the question', () => {
    const results = shown('results');
    expect(results?.type === 'results' && results.skills.map((s) => s.label)).to.deep.equal(['Gérer un planning', 'Accompagner le changement']);
    expect(results?.type === 'results' && results.holland).to.equal('SE');
    expect(results?.type === 'results' && results.explorations.map((o) => o.code)).to.deep.equal(['K2111', 'M1502']);
    expect(results?.type === 'results' && results.lines.map((l) => [l.question.id, l.answer?.value])).to.deep.equal([['value', 'variety']]);
    expect(started.outputs.at(-1)?.type).to.equal('question');
    expect(started.status).to.equal('waiting');
  });

  it('should derive the skill gaps of the occupations kept, each once', () => {
    const factors = shown('derivedFactors');
    expect(factors?.type === 'derivedFactors' && factors.gaps).to.deep.equal(['Concevoir une formation', 'Droit du travail']);
  });

  it('should change nothing in the record by showing', () => {
    expect(started.record.skills).to.deep.equal(record.skills);
    expect(started.record.answers).to.deep.equal(record.answers);
  });
});
