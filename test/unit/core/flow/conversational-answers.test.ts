import { expect } from 'chai';
import { emptyRecord } from '../../../../src/core/bilan/bilan-record.js';
import type { EngineResult } from '../../../../src/core/flow/engine-io.js';
import { engineWith, FixedClock, keysOf, preliminaireFlow, realFlows, text } from '../../../support/flows.js';
import { nextQuestion, walkEngine } from '../../../support/walk.js';

describe('answers typed as in a conversation', () => {
  const clock = new FixedClock();
  const engine = engineWith(clock);
  const prelim = preliminaireFlow();
  const at = (questionId: string): EngineResult =>
    walkEngine(engine, prelim, engine.start(emptyRecord('u1', clock.now()), prelim), (w) => w === `?${questionId}`);
  const say = (result: EngineResult, typed: string) => engine.answer(result.record, prelim, text(typed));

  describe('non-answers', () => {
    for (const typed of ['je ne sais pas', 'Aucune idée…', 'idk', "I don't know", 'not sure']) {
      it(`should record "${typed}" as unsure, not as text, and go on`, () => {
        const after = say(at('p01_trigger'), typed);
        expect(after.record.answers['p01_trigger']).to.include({ unsure: true }).and.not.have.property('value');
        expect(keysOf(after.outputs)[0]).to.match(/^common:answer\.unsureNoted\./);
        expect(keysOf(after.outputs)).to.include(`?${nextQuestion('preliminaire', 'p01_trigger').id}`);
      });
    }

    for (const typed of ['Hi, I\'m back', 'bonjour', '?', 'what do you mean?', "c'est-à-dire ?"]) {
      it(`should show the question again on "${typed}" and store nothing`, () => {
        const before = at('p01_trigger');
        const after = say(before, typed);
        expect(keysOf(after.outputs)).to.deep.equal(['common:answer.clarify', '?p01_trigger']);
        expect(after.record.answers).to.deep.equal(before.record.answers);
      });
    }

    it('should keep a real question for the counsellor, say so, and ask the question again', () => {
      const after = say(at('p01_trigger'), 'Est-ce réaliste à 46 ans ?');
      expect(keysOf(after.outputs)).to.deep.equal(['common:answer.questionNoted', '?p01_trigger']);
      expect(after.record.questionsForCounsellor?.map((q) => q.text)).to.deep.equal(['Est-ce réaliste à 46 ans ?']);
      expect(after.record.answers['p01_trigger']).to.equal(undefined);
    });

    it('should take questions as the answer where the question asks for them', () => {
      const after = say(at('p05_questions'), 'Est-ce réaliste à 46 ans ?');
      expect(after.record.answers['p05_questions']?.value).to.equal('Est-ce réaliste à 46 ans ?');
    });
  });

  describe('« retour »', () => {
    it('should go back to the previous question, and re-evaluate the branches on the new answer', () => {
      const adjust = say(at('p16_adjustments'), 'oui');
      expect(keysOf(adjust.outputs)).to.include('?p16_adjustment_types');
      const back = say(adjust, 'retour');
      expect(keysOf(back.outputs)).to.deep.equal(['common:back.done', '?p16_adjustments']);
      const changed = say(back, 'non');
      expect(keysOf(changed.outputs)).to.not.include('?p16_adjustment_types');
      expect(changed.record.answers['p16_adjustments']?.value).to.equal('no');
    });

    it('should say there is nothing to go back to before the first question', () => {
      const start = engine.start(emptyRecord('u1', clock.now()), prelim);
      expect(keysOf(engine.answer(start.record, prelim, text('back')).outputs)[0]).to.equal('common:back.nothing');
    });
  });

  describe('typed option labels', () => {
    const cases: readonly [string, string][] = [
      ['Changer de métier', 'change_occupation'],
      ['changer de metier', 'change_occupation'],
      ['Chnager de métier', 'change_occupation'],
      ['Change occupation', 'change_occupation'],
      ['Créer ou rep', 'start_business'],
    ];
    for (const [typed, value] of cases) {
      it(`should read "${typed}" as ${value}`, () => {
        expect(say(at('p03_situation'), typed).record.answers['p03_situation']?.value).to.equal(value);
      });
    }

    it('should keep the words typed after the label as a note', () => {
      const answer = say(at('p03_situation'), 'Changer de métier, plutôt vers la formation').record.answers['p03_situation'];
      expect(answer).to.include({ value: 'change_occupation', note: 'plutôt vers la formation' });
    });

    it('should refuse a text that names no option', () => {
      expect(keysOf(say(at('p03_situation'), 'la mer').outputs)[0]).to.equal('common:answer.chooseOne');
    });
  });

  describe('rankings', () => {
    it('should not offer at the second rank the value chosen at the first', () => {
      const investigation = realFlows().find((f) => f.id === 'investigation')!;
      const start = engine.start(emptyRecord('u1', clock.now()), investigation);
      const first = walkEngine(engine, investigation, start, (w) => w === '?i25_values_second');
      const chosen = first.record.answers['i25_values_first']?.value;
      const second = first.outputs.find((o) => o.type === 'question');
      expect(second?.type === 'question' && second.question.options?.map((o) => o.value)).to.not.include(chosen);
      const again = engine.answer(first.record, investigation, { type: 'submit', flowId: investigation.id, flowVersion: investigation.version, promptId: 'i25_values_second', value: chosen });
      expect(again.record.answers['i25_values_second']).to.equal(undefined);
    });
  });
});

describe('French typography in cards and messages', () => {
  it('should put a non-breaking space before « ? ! : ; » » and after « «, in one place', async () => {
    const { typeset } = await import('../../../../src/bot/render/adaptive-card.js');
    expect(typeset('Pourquoi cette question ? « Oui » : bien ; ok !')).to.equal('Pourquoi cette question\u00a0? «\u00a0Oui\u00a0»\u00a0: bien\u00a0; ok\u00a0!');
    expect(typeset('Why this question?')).to.equal('Why this question?');
  });
});
