import { expect } from 'chai';
import { emptyRecord } from '../../../../src/core/bilan/bilan-record.js';
import { FlowEngine } from '../../../../src/core/flow/flow-engine.js';
import type { SensitiveFinding } from '../../../../src/core/sensitive/sensitive-detector.js';
import type { SkillExtractor } from '../../../../src/core/skills/skill-extractor.js';
import { demoFlow, FixedClock, keysOf, realVocabulary, submit, text } from '../../../support/flows.js';

/** Flags « diabète » as health and « à bout » as distress; counts every call to the skill extractor. */
const detector = { detect: (t: string): SensitiveFinding | undefined => (t.includes('à bout') ? { type: 'distress' } : t.includes('diabète') ? { type: 'personal', categories: ['health'] } : undefined) };

describe('FlowEngine with a sensitive-content detector', () => {
  const flow = demoFlow({ steps: demoFlow().steps.map((s) => (s.id === 'q_name' && s.type === 'question' ? { ...s, extractSkills: true } : s)) });
  let clock: FixedClock;
  let extracted: string[];
  let engine: FlowEngine;

  beforeEach(() => {
    clock = new FixedClock();
    extracted = [];
    const skills: SkillExtractor = { extract: (t: string) => (extracted.push(t), [{ id: 's1', label: 'Planifier', kind: 'savoirFaire', evidence: ['planning'], score: 1 }]) } as unknown as SkillExtractor;
    engine = new FlowEngine({ clock, vocabulary: realVocabulary(), limits: { maxAnswerLength: 200 }, sensitive: detector, skills });
  });

  const atName = () => engine.start(emptyRecord('user-1', clock.now()), flow).record;

  it('should store nothing and ask, when a text answer mentions something personal', () => {
    const record = atName();
    const result = engine.answer(record, flow, text('Mon diabète et le planning'));
    expect(keysOf(result.outputs)).to.deep.equal(['sensitive:health:q_name']);
    expect(result.record).to.equal(record);
    expect(extracted, 'no skill extraction before the user chose').to.deep.equal([]);
  });

  it('should give the support message first on distress, and store nothing', () => {
    const record = atName();
    const result = engine.answer(record, flow, text('Je suis à bout'));
    expect(keysOf(result.outputs)).to.deep.equal(['common:wellbeing.support', 'sensitive:distress:q_name']);
    expect(result.record).to.equal(record);
  });

  it('should store a kept answer as written, and never look for skills in it', () => {
    const result = engine.answer(atName(), flow, submit(flow, 'q_name', { value: 'Mon diabète et le planning', keep: true }));
    expect(result.record.answers['q_name']?.value).to.equal('Mon diabète et le planning');
    expect(extracted).to.deep.equal([]);
    expect(keysOf(result.outputs)).to.deep.equal(['?q_yes']);
  });

  it('should ask the question again on "rewrite", storing nothing', () => {
    const record = atName();
    const result = engine.answer(record, flow, submit(flow, 'q_name', { rewrite: true }));
    expect(keysOf(result.outputs)).to.deep.equal(['common:sensitive.rewriteHint', '?q_name']);
    expect(result.record).to.equal(record);
  });

  it('should look for skills as usual in an answer that mentions nothing personal', () => {
    const result = engine.answer(atName(), flow, text("J'ai fait le planning"));
    expect(extracted).to.deep.equal(["J'ai fait le planning"]);
    expect(keysOf(result.outputs).filter((k) => !k.startsWith('common:reflect.'))).to.deep.equal(['skills:q_name#skills']);
  });

  it('should check only free-text answers, never choices, scales or yes/no', () => {
    const flagsAll = new FlowEngine({ clock, vocabulary: realVocabulary(), limits: { maxAnswerLength: 200 }, sensitive: { detect: () => ({ type: 'distress' }) } });
    let record = flagsAll.answer(flagsAll.start(emptyRecord('user-1', clock.now()), flow).record, flow, text('passer')).record;
    for (const answer of ['oui', '1', '1, 2', '3', '7']) record = flagsAll.answer(record, flow, text(answer)).record;
    expect(Object.keys(record.answers)).to.deep.equal(['q_name', 'q_yes', 'q_choice', 'q_multi', 'q_scale5', 'q_scale10']);
  });
});
