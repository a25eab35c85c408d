import { expect } from 'chai';
import { addCounts, metricsOf, scoreAnswer, ZERO, type GoldAnswer } from '../../../scripts/skills/eval-scoring.js';

/** A tiny hand-made gold set. ROME compétence C1 belongs to macro M1; C2 to M2. */
const MACROS: Readonly<Record<string, string>> = { C1: 'M1', C2: 'M2', C3: 'M1' };
const macroOf = (id: string): string | undefined => MACROS[id];

const concept = (...ids: string[]) => ({ ids });

const answer = (parts: Partial<GoldAnswer>): GoldAnswer => ({ id: 'a', lang: 'fr', answer: '', must: [], ok: [], negated: [], ...parts });

describe('skills eval scoring rule (data/skills-eval/README.md)', () => {
  it('counts a prediction matching a must concept as correct and the concept as found', () => {
    const { counts } = scoreAnswer(answer({ must: [concept('M1', 'E1')] }), ['E1'], macroOf);
    expect(counts).to.include({ predictions: 1, correct: 1, falsePositives: 0, must: 1, mustFound: 1 });
  });

  it('rolls a ROME compétence up to its macro-compétence only when nothing matches it directly', () => {
    const gold = answer({ must: [concept('M1')], ok: [concept('C1', 'X')] });
    expect(scoreAnswer(gold, ['C3'], macroOf).counts).to.include({ correct: 1, mustFound: 1 });
    // C1 is an id of the ok concept: the direct match wins, so the must concept through M1 is not found.
    expect(scoreAnswer(gold, ['C1'], macroOf).counts).to.include({ correct: 1, mustFound: 0 });
    expect(scoreAnswer(answer({ must: [concept('M1')] }), ['C2'], macroOf).counts).to.include({ correct: 0, falsePositives: 1 });
  });

  it('makes a prediction matching a negated concept a negation error, even if it also matches a must concept', () => {
    const gold = answer({ must: [concept('M1')], negated: [concept('C1', 'M1')] });
    const { counts, verdicts } = scoreAnswer(gold, ['M1'], macroOf);
    expect(verdicts.get('M1')).to.equal('negation-error');
    expect(counts).to.include({ predictions: 1, correct: 0, negationErrors: 1, mustFound: 0, negated: 1, negatedReported: 1 });
  });

  it('counts duplicates once, every prediction matching a concept as correct, and ok concepts outside recall', () => {
    const gold = answer({ must: [concept('M1', 'E1'), concept('M2')], ok: [concept('E9')] });
    const { counts } = scoreAnswer(gold, ['E1', 'E1', 'C1', 'E9', 'Z'], macroOf);
    expect(counts).to.include({ predictions: 4, correct: 3, falsePositives: 1, must: 2, mustFound: 1 });
  });

  it('makes every prediction on an empty-gold answer a false positive', () => {
    expect(scoreAnswer(answer({}), ['M1', 'E1'], macroOf).counts).to.include({ predictions: 2, correct: 0, falsePositives: 2, must: 0 });
  });

  it('micro-averages over answers', () => {
    const first = scoreAnswer(answer({ must: [concept('M1'), concept('M2')] }), ['M1', 'Z'], macroOf).counts;
    const second = scoreAnswer(answer({ must: [concept('E1')], negated: [concept('N1'), concept('N2')] }), ['E1', 'N1'], macroOf).counts;
    const total = addCounts(addCounts(ZERO, first), second);
    expect(total).to.include({ answers: 2, predictions: 4, correct: 2, must: 3, mustFound: 2, negated: 2, negatedReported: 1 });
    expect(metricsOf(total)).to.deep.equal({ precision: 0.5, recall: 2 / 3, negationErrorRate: 0.5 });
  });

  it('gives 0 rather than NaN when a denominator is empty', () => {
    expect(metricsOf(ZERO)).to.deep.equal({ precision: 0, recall: 0, negationErrorRate: 0 });
  });
});
