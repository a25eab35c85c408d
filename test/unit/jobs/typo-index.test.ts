import { expect } from 'chai';
import { TypoIndex } from '../../../src/core/jobs/typo-index.js';

describe('TypoIndex', () => {
  const index = new TypoIndex(new Set(['comptable', 'assistant', 'infirmier', 'informatique', 'chauffeur', 'chauffage']));

  it('keeps a known word', () => expect(index.correct('comptable')).to.equal('comptable'));
  it('restores a missing letter', () => expect(index.correct('asistant')).to.equal('assistant'));
  it('removes an extra letter', () => expect(index.correct('infirmmier')).to.equal('infirmier'));
  it('fixes a changed letter', () => expect(index.correct('comptabme')).to.equal('comptable'));
  it('fixes two swapped letters', () => expect(index.correct('comptabel')).to.equal('comptable'));
  it('gives up on two typos', () => expect(index.correct('comptabbel')).to.equal(undefined));
  it('never corrects short words', () => expect(index.correct('ide')).to.equal(undefined));
});
