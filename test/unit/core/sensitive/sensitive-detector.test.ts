import { resolve } from 'node:path';
import { expect } from 'chai';
import { DataValidationError } from '../../../../src/core/errors.js';
import { compileLexicon, type SensitiveLexicon } from '../../../../src/core/sensitive/sensitive-detector.js';
import { evaluateDetector } from '../../../../src/core/sensitive/sensitive-eval.js';
import { loadSensitiveDetector, loadSensitiveEval } from '../../../../src/infra/files/load-sensitive.js';

const DATA = resolve(import.meta.dirname, '../../../../data/sensitive');

describe('SensitiveDetector', () => {
  const detector = loadSensitiveDetector(DATA);

  describe('detect()', () => {
    const cases: [string, ReturnType<typeof detector.detect>][] = [
      ['Mon diabète m’oblige à des horaires réguliers', { type: 'personal', categories: ['health'] }],
      ['MA DEPRESSION a duré un an', { type: 'personal', categories: ['health'] }],
      ['je suis syndiquée depuis 2010', { type: 'personal', categories: ['union'] }],
      ['Ma religion passe avant tout', { type: 'personal', categories: ['religion'] }],
      ['jai fait un burnout', { type: 'personal', categories: ['health'] }],
      ['Je suis gay et je suis délégué syndical', { type: 'personal', categories: ['union', 'sexualOrientation'] }],
      ["Je n'en peux plus", { type: 'distress' }],
      ['j en peux plus', { type: 'distress' }],
      ['I want to die', { type: 'distress' }],
      ['Mon diabète, et je n’en peux plus', { type: 'distress' }],
    ];
    for (const [text, expected] of cases) {
      it(`should find ${JSON.stringify(expected)} in « ${text} »`, () => {
        expect(detector.detect(text)).to.deep.equal(expected);
      });
    }

    const careerTalk = [
      'Je travaille dans la santé au travail',
      'Je suis gestionnaire de syndic de copropriété',
      "I'm a health and safety officer",
      'Je négocie avec les syndicats',
      "J'ai envie d'en finir avec les horaires de nuit",
      '',
      '   ',
      '🙂🙂🙂',
    ];
    for (const text of careerTalk) {
      it(`should find nothing personal in « ${text} »`, () => {
        expect(detector.detect(text)).to.equal(undefined);
      });
    }
  });

  describe('on the hand-labelled sentences of data/sensitive', () => {
    it('should flag every disclosure of the development set and nothing of its ordinary career talk', () => {
      const report = evaluateDetector(detector, loadSensitiveEval(DATA, 'eval.jsonl'));
      expect(report.misses.map((c) => c.text)).to.deep.equal([]);
      expect(report.falseAlarms.map((a) => a.case.text)).to.deep.equal([]);
    });

    it('should keep precision ≥ 95 % and recall ≥ 90 % on the held-out sentences', () => {
      const report = evaluateDetector(detector, loadSensitiveEval(DATA, 'heldout.jsonl'));
      expect(report.flagged.precision).to.be.at.least(0.95);
      expect(report.flagged.recall).to.be.at.least(0.9);
      expect(report.byLabel['distress']?.recall, 'no distress sentence is missed').to.equal(1);
    });
  });

  describe('compileLexicon()', () => {
    const valid = (): SensitiveLexicon => {
      const none = { fr: [], en: [] };
      return {
        description: 'test',
        version: 1,
        compounds: [],
        sets: { condition: ['diabète'] },
        categories: { health: { fr: ['mon @condition'], en: [] }, religion: none, union: none, sexualOrientation: none, politics: none, ethnicOrigin: none },
        distress: none,
        notDisclosures: none,
      };
    };

    it('should name the file, the place and the problem of every invalid phrase', () => {
      const lexicon = valid();
      lexicon.categories.health.fr = ['mon @unknown', '!not last', 'une?'];
      try {
        compileLexicon(lexicon, 'lexicon.json');
        expect.fail('an invalid lexicon was accepted');
      } catch (error) {
        expect(error).to.be.instanceOf(DataValidationError);
        const problems = (error as DataValidationError).problems;
        expect(problems).to.have.length(3);
        expect(problems[0]).to.contain('lexicon.json#categories.health.fr.0').and.contain('@unknown');
        expect(problems[1]).to.contain('#categories.health.fr.1');
        expect(problems[2]).to.contain('#categories.health.fr.2').and.contain('required word');
      }
    });

    it('should reject a lexicon with a missing category', () => {
      const { union: _union, ...categories } = valid().categories;
      expect(() => compileLexicon({ ...valid(), categories }, 'lexicon.json')).to.throw(DataValidationError, 'categories.union');
    });
  });
});
