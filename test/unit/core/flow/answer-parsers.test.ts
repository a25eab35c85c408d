import { expect } from 'chai';
import { isSkipRequest, parseAnswer, type RawAnswer } from '../../../../src/core/flow/answer-parsers.js';
import type { QuestionKind, QuestionStep } from '../../../../src/core/flow/flow-schema.js';
import { msg } from '../../../../src/core/messages.js';
import { realVocabulary } from '../../../support/flows.js';

const LIMITS = { maxAnswerLength: 20 };
const vocabulary = realVocabulary();

function question(kind: QuestionKind, extra: Partial<QuestionStep> = {}): QuestionStep {
  return { id: 'q', type: 'question', kind, prompt: 'demo:q.prompt', purpose: 'demo:q.purpose', next: 'end', ...extra };
}

const options = (...values: string[]) => values.map((value) => ({ value, label: `demo:options.${value}` }));

const typed = (text: string): RawAnswer => ({ type: 'text', text });
const card = (value: unknown): RawAnswer => ({ type: 'value', value });
const shown = (raw: RawAnswer): string => (raw.type === 'text' ? `typed ${JSON.stringify(raw.text)}` : `card ${JSON.stringify(raw.value)}`);

/** [raw answer, stored value] or [raw answer, reason i18n key with its params]. */
type Case = readonly [RawAnswer, { value: unknown } | { reason: ReturnType<typeof msg> }];

function table(name: string, step: QuestionStep, cases: readonly Case[]): void {
  describe(name, () => {
    for (const [raw, expected] of cases) {
      if ('value' in expected) {
        it(`should accept ${shown(raw)} as ${JSON.stringify(expected.value)}`, () => {
          expect(parseAnswer(step, raw, vocabulary, LIMITS)).to.deep.equal({ ok: true, value: expected.value });
        });
      } else {
        it(`should reject ${shown(raw)} with ${expected.reason.key}`, () => {
          expect(parseAnswer(step, raw, vocabulary, LIMITS)).to.deep.equal({ ok: false, reason: expected.reason });
        });
      }
    }
  });
}

describe('parseAnswer', () => {
  const tooLong = { reason: msg('common:answer.tooLong', { max: LIMITS.maxAnswerLength }) };
  table('text', question('text'), [
    [typed('  Je veux évoluer  '), { value: 'Je veux évoluer' }],
    [card('Depuis la carte'), { value: 'Depuis la carte' }],
    [typed(''), { reason: msg('common:answer.empty') }],
    [typed(' \n\t '), { reason: msg('common:answer.empty') }],
    [card(undefined), { reason: msg('common:answer.empty') }],
    [typed('x'.repeat(LIMITS.maxAnswerLength)), { value: 'x'.repeat(LIMITS.maxAnswerLength) }],
    [typed('x'.repeat(LIMITS.maxAnswerLength + 1)), tooLong],
  ]);

  const yesNo = { reason: msg('common:answer.chooseYesNo') };
  table('yesNo', question('yesNo'), [
    [typed('oui'), { value: 'yes' }],
    [typed('non'), { value: 'no' }],
    [typed('yes'), { value: 'yes' }],
    [typed('no'), { value: 'no' }],
    [typed('OUI!'), { value: 'yes' }],
    [typed('« Oui »'), { value: 'yes' }],
    [typed('D’accord'), { value: 'yes' }],
    [card('yes'), { value: 'yes' }],
    [card('no'), { value: 'no' }],
    [typed('oui et non'), yesNo],
    [typed('asdf'), yesNo],
    [card('oui'), yesNo],
    [card(true), yesNo],
  ]);

  const single = question('singleChoice', { options: options('a', 'b', 'c') });
  const chooseOne = { reason: msg('common:answer.chooseOne', { count: 3 }) };
  table('singleChoice', single, [
    [typed('2'), { value: 'b' }],
    [typed('0'), chooseOne],
    [typed('4'), chooseOne],
    [typed('b'), chooseOne],
    [card('c'), { value: 'c' }],
    [card('zzz'), chooseOne],
    [typed('1 2'), chooseOne],
    [card('a,b'), chooseOne],
    [typed('2 2'), { value: 'b' }],
  ]);

  const multi = question('multiChoice', { options: options('a', 'b', 'c') });
  const chooseMany = { reason: msg('common:answer.chooseMany', { count: 3 }) };
  table('multiChoice', multi, [
    [typed('1, 3'), { value: ['a', 'c'] }],
    [typed('1 3'), { value: ['a', 'c'] }],
    [typed('1;3'), { value: ['a', 'c'] }],
    [typed('3, 1, 3'), { value: ['c', 'a'] }],
    [typed('2'), { value: ['b'] }],
    [card('a,b'), { value: ['a', 'b'] }],
    [card('b'), { value: ['b'] }],
    [card('a,zzz'), chooseMany],
    [typed('1, 4'), chooseMany],
    [typed(''), chooseMany],
    [card(''), chooseMany],
  ]);

  const scale10 = question('scale', { scale: { min: 1, max: 10 } });
  const outOf10 = { reason: msg('common:answer.chooseScale', { min: 1, max: 10 }) };
  table('scale 1–10', scale10, [
    [typed('7'), { value: 7 }],
    [typed(' 7 / 10 '), { value: 7 }],
    [typed('7/10'), { value: 7 }],
    [typed('1'), { value: 1 }],
    [typed('10'), { value: 10 }],
    [typed('0'), outOf10],
    [typed('11'), outOf10],
    [typed('7.5'), outOf10],
    [typed('sept'), outOf10],
    [typed('-3'), outOf10],
    [card(7), { value: 7 }],
    [card('7'), { value: 7 }],
    [card(Number.NaN), outOf10],
  ]);

  const scale5 = question('scale', { scale: { min: 1, max: 5 } });
  table('scale 1–5', scale5, [
    [typed('5'), { value: 5 }],
    [typed('6'), { reason: msg('common:answer.chooseScale', { min: 1, max: 5 }) }],
  ]);
});

describe('isSkipRequest', () => {
  const cases: readonly [RawAnswer, boolean][] = [
    [typed('passer'), true],
    [typed('Je préfère ne pas répondre'), true],
    [typed('je prefere ne pas repondre !'), true],
    [typed('skip'), true],
    [typed("I'd rather not answer"), true],
    [typed('passer mon tour demain'), false],
    [card('passer'), false],
  ];
  for (const [raw, expected] of cases) {
    it(`should ${expected ? '' : 'not '}treat ${shown(raw)} as a skip`, () => {
      expect(isSkipRequest(raw, vocabulary)).to.equal(expected);
    });
  }
});
