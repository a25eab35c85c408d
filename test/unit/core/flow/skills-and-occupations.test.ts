import { expect } from 'chai';
import { emptyRecord, type BilanRecord } from '../../../../src/core/bilan/bilan-record.js';
import { FlowEngine } from '../../../../src/core/flow/flow-engine.js';
import type { EngineInput, EngineResult } from '../../../../src/core/flow/engine-io.js';
import { flowSchema, type Flow } from '../../../../src/core/flow/flow-schema.js';
import type { Locale } from '../../../../src/core/locale.js';
import type { OccupationQuery, OccupationSuggester } from '../../../../src/core/skills/occupation-suggester.js';
import type { SkillExtractor, SkillMatch } from '../../../../src/core/skills/skill-extractor.js';
import { FixedClock, keysOf, realVocabulary } from '../../../support/flows.js';

const flow: Flow = flowSchema.parse({
  id: 'investigation_demo',
  version: 1,
  phase: 'investigation',
  description: 'A story whose skills are confirmed, an activity inventory, occupations',
  start: 'story',
  steps: [
    { id: 'story', type: 'question', kind: 'text', prompt: 'demo:story', purpose: 'demo:why', extractSkills: true, next: 'activities' },
    {
      id: 'activities',
      type: 'question',
      kind: 'multiChoice',
      prompt: 'demo:activities',
      purpose: 'demo:why',
      options: ['r_repair', 's_help', 's_teach', 'c_order', 'e_lead'].map((value) => ({ value, label: `demo:${value}` })),
      next: 'holland',
    },
    { id: 'holland', type: 'action', action: 'computeHollandCode', question: 'activities', next: 'occupations' },
    { id: 'occupations', type: 'action', action: 'proposeOccupations', next: 'done' },
    { id: 'done', type: 'end', outcome: 'completed', messages: ['demo:done'] },
  ],
});

const match = (id: string, label: string, evidence: string[]): SkillMatch => ({ id, label, kind: 'savoir-faire', score: 0.9, evidence });

/** Finds scripted skills when the answer contains their trigger word; records the locale it was asked in. */
class ScriptedExtractor implements SkillExtractor {
  readonly locales: Locale[] = [];
  constructor(private readonly byWord: Record<string, SkillMatch>) {}
  extract(text: string, locale: Locale): SkillMatch[] {
    this.locales.push(locale);
    return Object.entries(this.byWord).filter(([word]) => text.includes(word)).map(([, m]) => m);
  }
}

class RecordingSuggester implements OccupationSuggester {
  readonly taxonomyVersions = { rome: '4.0 v460' };
  readonly queries: OccupationQuery[] = [];
  suggest(query: OccupationQuery) {
    this.queries.push(query);
    if (query.skillIds.length === 0) return [];
    return [
      { code: 'M1302', label: 'Direction de petite ou moyenne entreprise', matchedSkills: [{ id: 'plan', label: 'Planifier' }], gaps: [{ id: 'budget', label: 'Gérer un budget' }], riasec: 'E', score: 0.8 },
      { code: 'K2111', label: 'Formation professionnelle', matchedSkills: [{ id: 'teach', label: 'Former' }], gaps: [], riasec: 'S', score: 0.7 },
    ];
  }
}

describe('FlowEngine: skills, interests and occupations', () => {
  let clock: FixedClock;
  let extractor: ScriptedExtractor;
  let suggester: RecordingSuggester;
  let engine: FlowEngine;
  let record: BilanRecord;

  beforeEach(() => {
    clock = new FixedClock();
    extractor = new ScriptedExtractor({ planning: match('plan', 'Planifier', ['planning']), formé: match('teach', 'Former', ['formé']) });
    suggester = new RecordingSuggester();
    engine = new FlowEngine({ clock, vocabulary: realVocabulary(), limits: { maxAnswerLength: 500 }, skills: extractor, occupations: suggester });
    record = engine.start(emptyRecord('u1', clock.now()), flow, 'fr').record;
  });

  const submit = (promptId: string, fields: Partial<Extract<EngineInput, { type: 'submit' }>> = {}): EngineInput => ({
    type: 'submit',
    flowId: flow.id,
    flowVersion: flow.version,
    promptId,
    ...fields,
  });
  const step = (input: EngineInput): EngineResult => {
    const result = engine.answer(record, flow, input, 'fr');
    record = result.record;
    return result;
  };

  it('should show the skills found in an answer, in the user\'s language, before the next question', () => {
    const result = step({ type: 'text', text: "J'ai fait le planning et formé deux collègues" });
    expect(keysOf(result.outputs)).to.deep.equal(['common:reflect.skills.b', 'skills:story#skills']);
    expect(extractor.locales).to.deep.equal(['fr']);
    expect(record.skills ?? [], 'nothing is asserted before confirmation').to.deep.equal([]);
    expect(record.answers['story']?.value).to.contain('planning');
  });

  it('should keep only the ticked skills, with their evidence and source answer, plus those the user adds', () => {
    step({ type: 'text', text: "J'ai fait le planning et formé deux collègues" });
    const result = step(submit('story#skills', { value: 'teach', added: 'Animer une réunion; ' }));
    expect(keysOf(result.outputs)).to.deep.equal(['?activities']);
    expect(record.skills?.map((s) => [s.id, s.label, s.source, s.question, s.evidence])).to.deep.equal([
      ['teach', 'Former', 'extracted', 'story', ['formé']],
      [undefined, 'Animer une réunion', 'user', 'story', []],
    ]);
    expect(record.skills?.[0]?.confirmedAt).to.equal(clock.iso());
  });

  it('should keep no skill when the user rejects them all, by button or by typing "non"', () => {
    step({ type: 'text', text: 'planning' });
    step(submit('story#skills', { skip: true }));
    expect(record.skills ?? []).to.deep.equal([]);

    record = engine.start(emptyRecord('u2', clock.now()), flow, 'fr').record;
    step({ type: 'text', text: 'planning' });
    const result = step({ type: 'text', text: 'non' });
    expect(keysOf(result.outputs)).to.deep.equal(['?activities']);
    expect(record.skills ?? []).to.deep.equal([]);
  });

  it('should accept typed numbers and "oui" on the confirmation, and re-ask on anything else', () => {
    step({ type: 'text', text: 'planning et formé' });
    const confused = step({ type: 'text', text: 'je ne sais pas trop' });
    expect(keysOf(confused.outputs)).to.deep.equal(['common:skills.useCard', 'skills:story#skills']);
    step({ type: 'text', text: '2' });
    expect(record.skills?.map((s) => s.id)).to.deep.equal(['teach']);
  });

  it('should go straight on when the answer carries no skill', () => {
    const result = step({ type: 'text', text: 'rien de spécial' });
    expect(keysOf(result.outputs)).to.deep.equal(['?activities']);
  });

  it('should refuse a stale confirmation card and show the current prompt', () => {
    step({ type: 'text', text: 'planning' });
    const result = step(submit('story', { value: 'x' }));
    expect(keysOf(result.outputs)).to.deep.equal(['common:answer.staleCard', 'skills:story#skills']);
  });

  it('should compute a Holland code from the activities chosen, then propose occupations from confirmed skills', () => {
    step({ type: 'text', text: 'planning et formé' });
    step(submit('story#skills', { value: 'plan,teach' }));
    const result = step(submit('activities', { value: 's_help,s_teach,e_lead' }));
    expect(record.interests?.holland).to.equal('SE');
    expect(record.interests?.scores).to.deep.equal({ S: 2, E: 1 });
    expect(suggester.queries[0]).to.deep.include({ skillIds: ['plan', 'teach'], holland: 'SE', locale: 'fr' });
    expect(keysOf(result.outputs)).to.deep.equal(['occupations:occupations#occupations']);

    const done = step(submit('occupations#occupations', { value: 'K2111' }));
    expect(done.status).to.equal('completed');
    expect(record.explorations?.map((o) => o.code)).to.deep.equal(['K2111']);
    expect(record.explorations?.[0]?.keptAt).to.equal(clock.iso());
    expect(record.taxonomies).to.deep.equal({ rome: '4.0 v460' });
  });

  it('should pass the occupation step when no skill was confirmed, proposing nothing', () => {
    step({ type: 'text', text: 'planning' });
    step(submit('story#skills', { skip: true }));
    const result = step(submit('activities', { skip: true }));
    expect(result.status).to.equal('completed');
    expect(record.interests, 'no activity chosen, no made-up code').to.equal(undefined);
    expect(record.explorations).to.equal(undefined);
  });
});
