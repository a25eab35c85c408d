import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import * as fontkit from 'fontkit';
import { emptyRecord, type AnswerValue, type BilanRecord } from '../../../src/core/bilan/bilan-record.js';
import type { Flow } from '../../../src/core/flow/flow-schema.js';
import { buildSynthesis } from '../../../src/core/synthesis/synthesis.js';
import { renderSynthesisMarkdown } from '../../../src/infra/synthesis/markdown.js';
import { renderSynthesisPdf } from '../../../src/infra/synthesis/pdf.js';
import { forgetFallbackFonts, loadedFallbackFiles } from '../../../src/infra/synthesis/pdf-fonts.js';
import { loadSynthesisTemplate, type SynthesisTemplate } from '../../../src/infra/synthesis/template.js';
import { atWeight, type FontkitFont } from '../../../src/infra/synthesis/variable-font.js';
import { realFlows, realTranslations } from '../../support/flows.js';
import { pdfText, pdfWords, type PdfWord } from '../../support/pdf-text.js';

const TEMPLATES_DIR = fileURLToPath(new URL('../../../locales/', import.meta.url));
const NOW = new Date('2026-03-03T10:00:00.000Z');
const AT = '2026-02-10T09:00:00.000Z';
const NOTE = 'NOTE: letters missing';

/** Names and words a person may type, one script each (left to right, then right to left). */
const LTR = {
  polish: 'Łucja Żółkiewska',
  greek: 'Νικόλαος Παπαδόπουλος',
  cyrillic: 'Олена Коваленко',
  chinese: '王小明',
  simplified: '仓库管理',
  japanese: 'たなか はなこ',
  katakana: 'スズキ',
  korean: '김민준',
  thai: 'สมชาย ใจดี',
  devanagari: 'नमस्ते',
};
const RTL = { arabic: 'محمد بن علي', hebrew: 'דוד כהן' };

function answer(value: AnswerValue, flow: string) {
  return { value, at: AT, flow, flowVersion: 1 };
}

function record(main: string, career: string): BilanRecord {
  const r = emptyRecord('user-1', new Date(AT));
  r.answers = {
    p05_questions: answer('Savoir quel métier viser.', 'preliminaire'),
    i01_career_path: answer(career, 'investigation'),
    c01_main_project: answer(main, 'conclusion'),
  };
  return r;
}

describe('synthesis PDF in every script (pdftotext, pdftotext -bbox)', function () {
  this.timeout(60_000);
  let flows: Flow[];
  let template: SynthesisTemplate;
  before(() => {
    flows = realFlows();
    template = loadSynthesisTemplate(TEMPLATES_DIR, 'fr');
  });
  const pdf = (r: BilanRecord) =>
    renderSynthesisPdf(renderSynthesisMarkdown(buildSynthesis(r, flows, NOW), template, realTranslations().translator('fr')), { title: 'Synthèse', createdAt: NOW, missingGlyphsNote: NOTE });
  const multilingual = () => record(`Travailler avec ${Object.values(LTR).join(', ')} et ${RTL.arabic} · ${RTL.hebrew} à Łódź`, `Magasinier chez ${LTR.chinese} (${LTR.korean}), puis ${RTL.arabic}`);

  it('keeps the names and words in Polish, Greek, Cyrillic, Chinese, Japanese, Korean, Thai and Hindi, with no box and no « ? »', async () => {
    const text = pdfText(await pdf(multilingual())).replace(/\s+/g, ' ');
    for (const [script, words] of Object.entries(LTR)) expect(text, script).to.include(words);
    expect(text).not.to.include('?');
    expect(text, 'every letter has a glyph: no note').not.to.include(NOTE);
  });

  it('keeps Arabic and Hebrew names in reading order, printed right to left', async () => {
    const buffer = await pdf(multilingual());
    const text = pdfText(buffer).replace(/[\u200e\u200f\u202a-\u202e]/g, '');
    for (const name of Object.values(RTL)) expect(text, name).to.include(name);
    const words = pdfWords(buffer);
    const line = words.filter((w) => w.yMin === at(words, 'דוד').yMin);
    const xs = (name: string) => name.split(' ').map((word) => at(line, word).xMin);
    for (const name of Object.values(RTL)) expect(xs(name), name).to.deep.equal([...xs(name)].sort((a, b) => b - a));
    expect(at(line, 'محمد').xMin, 'the Arabic name, read first, stands right of the Hebrew one').to.be.greaterThan(at(line, 'כהן').xMin);
    expect(at(line, 'Łódź').xMin).to.be.greaterThan(at(line, 'محمد').xMin);
  });

  it('keeps numbers left to right inside a right-to-left sentence', async () => {
    const words = pdfWords(await pdf(record('Projet : عمري 25 سنة', 'Magasinier')));
    expect(at(words, 'عمري').xMin).to.be.greaterThan(at(words, '25').xMin);
    expect(at(words, '25').xMin).to.be.greaterThan(at(words, 'سنة').xMin);
  });

  it('reads no fallback font for a document in Latin letters only, and only the slices a document needs', async () => {
    forgetFallbackFonts();
    await pdf(record('Devenir formatrice à Łódź — « vraiment »', 'Magasinier, puis chef d’équipe'));
    expect(loadedFallbackFiles()).to.deep.equal([]);
    await pdf(record(`Travailler avec ${LTR.chinese}`, 'Magasinier'));
    expect(loadedFallbackFiles()).to.have.length.within(2, 6);
    expect(loadedFallbackFiles().every((path) => path.startsWith('@fontsource-variable/noto-sans-sc/'))).to.equal(true);
  });

  it('prints a Noto slice at the weight asked for (fontkit alone prints its default, Thin)', () => {
    const file = createRequire(import.meta.url).resolve('@fontsource-variable/noto-sans-sc/files/noto-sans-sc-119-wght-normal.woff2');
    const stemOf = (weight: number) => {
      const font = atWeight(fontkit.create(readFileSync(file)) as FontkitFont, weight, `test-${weight}`);
      return (font as unknown as { glyphForCodePoint(c: number): { path: { bbox: { width: number } } } }).glyphForCodePoint(0x4e2d).path.bbox.width;
    };
    expect(stemOf(400)).to.be.greaterThan(stemOf(100));
    expect(stemOf(700)).to.be.greaterThan(stemOf(400));
  });

  it('makes the composite glyphs of a slice simple, at every weight (fontkit cannot subset them from a WOFF2 file)', () => {
    const file = createRequire(import.meta.url).resolve('@fontsource-variable/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-wght-normal.woff2');
    const composites = compositeIds(fontkit.create(readFileSync(file)) as GlyphSource);
    expect(composites.length).to.be.greaterThan(10);
    for (const weight of [400, 700]) {
      const font = atWeight(fontkit.create(readFileSync(file)) as FontkitFont, weight, `test-${weight}`) as unknown as GlyphSource;
      expect(compositeIds(font), `composites at ${weight}`).to.deep.equal([]);
      for (const id of composites) expect(font.getGlyph(id).path.commands.length, `#${id}`).to.be.greaterThan(0);
    }
  });
});

interface GlyphSource {
  readonly numGlyphs: number;
  getGlyph(id: number): { _decode(): { numberOfContours: number } | null; readonly path: { readonly commands: readonly unknown[] } };
}

function compositeIds(font: GlyphSource): number[] {
  return Array.from({ length: font.numGlyphs }, (_, id) => id).filter((id) => (font.getGlyph(id)._decode()?.numberOfContours ?? 0) < 0);
}

/** The word printed as `word`: poppler lists a right-to-left word's letters in the order they are printed. */
function at(words: readonly PdfWord[], word: string): PdfWord {
  const found = words.find((w) => w.text === word || w.text === Array.from(word).reverse().join(''));
  if (!found) throw new Error(`${word} not printed`);
  return found;
}
