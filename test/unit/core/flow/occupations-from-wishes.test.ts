import { expect } from 'chai';
import { emptyRecord } from '../../../../src/core/bilan/bilan-record.js';
import { FlowEngine } from '../../../../src/core/flow/flow-engine.js';
import { flowSchema, type Flow } from '../../../../src/core/flow/flow-schema.js';
import type { Ranking, RankingQuery } from '../../../../src/core/jobs/occupation-ranker.js';
import { FixedClock, realVocabulary } from '../../../support/flows.js';

const flow: Flow = flowSchema.parse({
  id: 'wishes_demo',
  version: 1,
  phase: 'investigation',
  description: 'Career path, targets, then occupations ranked from them',
  start: 'career',
  steps: [
    { id: 'career', type: 'question', kind: 'text', prompt: 'demo:career', purpose: 'demo:why', next: 'targets' },
    { id: 'targets', type: 'question', kind: 'text', prompt: 'demo:targets', purpose: 'demo:why', next: 'occupations' },
    { id: 'occupations', type: 'action', action: 'proposeOccupations', wishes: { careerPath: 'career', targets: 'targets', moreOf: 'never_asked' }, next: 'done' },
    { id: 'done', type: 'end', outcome: 'completed', messages: ['demo:done'] },
  ],
});

class RecordingRanker {
  readonly queries: RankingQuery[] = [];
  rank(query: RankingQuery): Ranking {
    this.queries.push(query);
    const occupations = query.answers.targets !== undefined
      ? [{ code: 'M1204', label: 'Contrôleur / Contrôleuse de gestion', matchedSkills: [], gaps: [{ id: '300043', label: 'Piloter un budget' }], riasec: 'C', score: 10 }]
      : [];
    return { jobs: [], targets: [], ruledOut: [], occupations };
  }
}

describe('FlowEngine: occupations ranked from what the person wants', () => {
  const engineWith = (ranker: RecordingRanker) => new FlowEngine({ clock: new FixedClock(), vocabulary: realVocabulary(), limits: { maxAnswerLength: 4000 }, occupationRanker: ranker });
  const answerAll = (engine: FlowEngine, texts: string[]) => {
    let result = engine.start(emptyRecord('29f3c1a2-5b6d-4e7f-8a9b-0c1d2e3f4a5b', new Date('2026-12-07T10:00:00Z')), flow, 'fr');
    for (const text of texts) result = engine.answer(result.record, flow, { type: 'text', text }, 'fr');
    return result;
  };

  it('ranks from the answers the step names, in the person’s language, and shows the card', () => {
    const ranker = new RecordingRanker();
    const result = answerAll(engineWith(ranker), ['Comptable depuis dix ans.', 'Contrôle de gestion.']);
    expect(ranker.queries).to.have.length(1);
    expect(ranker.queries[0]?.answers).to.deep.equal({ careerPath: 'Comptable depuis dix ans.', targets: 'Contrôle de gestion.' });
    expect(ranker.queries[0]?.locale).to.equal('fr');
    expect(result.status).to.equal('waiting');
    const card = result.outputs.find((o) => o.type === 'occupations');
    expect(card && card.type === 'occupations' ? card.suggestions.map((s) => s.code) : []).to.deep.equal(['M1204']);
  });

  it('passes on when nothing is ranked and no skill was confirmed', () => {
    const ranker = new RecordingRanker();
    const result = answerAll(engineWith(ranker), ['Comptable.', 'Je ne sais pas.']);
    // « je ne sais pas » is recorded as unsure, not as a wish: the ranker never sees it as a target.
    expect(ranker.queries.map((q) => q.answers)).to.deep.equal([{ careerPath: 'Comptable.' }]);
    expect(result.record.answers['targets']?.unsure).to.equal(true);
    expect(result.outputs.some((o) => o.type === 'occupations')).to.equal(false);
  });
});
