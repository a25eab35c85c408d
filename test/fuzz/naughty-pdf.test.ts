import { expect } from 'chai';
import { renderSynthesisPdf } from '../../src/infra/synthesis/pdf.js';
import { naughtyStrings } from '../support/naughty-strings.js';
import { pdfText } from '../support/pdf-text.js';

/** What a person types ends up in their synthesis PDF: every script, direction mark and broken surrogate included. */
describe('fuzz: the Big List of Naughty Strings in the synthesis PDF', function () {
  this.timeout(120_000);
  const CHUNK = 60;

  it('renders a readable PDF for every string, whatever its script, direction marks or broken code points', async () => {
    const all = naughtyStrings();
    for (let i = 0; i < all.length; i += CHUNK) {
      const lines = all.slice(i, i + CHUNK).map((s, n) => `- **Ligne ${String(i + n)}** : « ${s} »`);
      const pdf = await renderSynthesisPdf(['# Synthèse', '', ...lines, '', 'Fin du lot.'].join('\n'), { title: 'Synthèse', createdAt: new Date('2026-01-01T00:00:00Z') });
      expect(pdf.subarray(0, 5).toString('latin1'), `strings ${String(i)}–${String(i + CHUNK - 1)}`).to.equal('%PDF-');
      expect(pdfText(pdf), `strings ${String(i)}–${String(i + CHUNK - 1)}: the text after them is still there`).to.contain('Fin du lot.');
    }
  });
});
