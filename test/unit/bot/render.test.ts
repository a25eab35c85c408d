import { expect } from 'chai';
import { renderOutputs, splitText } from '../../../src/bot/render/render.js';
import { describeAnswer } from '../../../src/bot/render/question-cards.js';
import type { QuestionStep } from '../../../src/core/flow/flow-schema.js';
import { msg, type MessageRef } from '../../../src/core/messages.js';

const keysOnly = (m: MessageRef) => m.key;

describe('render', () => {
  describe('renderOutputs()', () => {
    it('should merge consecutive messages into one Teams message, to stay within per-thread rate limits', () => {
      const activities = renderOutputs(
        [
          { type: 'message', message: msg('a:one') },
          { type: 'message', message: msg('a:two') },
        ],
        keysOnly,
      );
      expect(activities).to.have.length(1);
      expect(activities[0]?.text).to.equal('a:one\n\na:two');
    });
  });

  describe('splitText()', () => {
    it('should keep short text whole', () => {
      expect(splitText('short', 100)).to.deep.equal(['short']);
    });

    it('should split long text on line breaks, with no part over the limit and nothing lost', () => {
      const paragraph = 'x'.repeat(60);
      const text = Array.from({ length: 10 }, () => paragraph).join('\n');
      const parts = splitText(text, 200);
      expect(parts.every((p) => p.length <= 200)).to.equal(true);
      expect(parts.join('\n')).to.equal(text);
    });

    it('should cut a single huge line at the limit', () => {
      const parts = splitText('y'.repeat(450), 200);
      expect(parts.map((p) => p.length)).to.deep.equal([200, 200, 50]);
    });
  });

  describe('describeAnswer()', () => {
    const text: QuestionStep = { id: 'q', type: 'question', kind: 'text', prompt: 'a:p', purpose: 'a:w', next: 'x' };
    const choice: QuestionStep = { ...text, kind: 'multiChoice', options: [{ value: 'one', label: 'a:one' }, { value: 'two', label: 'a:two' }] };
    const at = { at: '2026-01-01T00:00:00.000Z', flow: 'f', flowVersion: 1 };

    it('should shorten a long free-text answer in the recap', () => {
      const shown = describeAnswer(text, { ...at, value: 'word '.repeat(200) }, keysOnly);
      expect(shown.length).to.be.at.most(280);
      expect(shown.endsWith('…')).to.equal(true);
    });

    it('should show option labels, never raw values', () => {
      expect(describeAnswer(choice, { ...at, value: ['two', 'one'] }, keysOnly)).to.equal('a:two, a:one');
    });

    it('should say when a question was skipped', () => {
      expect(describeAnswer(choice, { ...at, skipped: true }, keysOnly)).to.equal('common:recap.skipped');
    });
  });
});
