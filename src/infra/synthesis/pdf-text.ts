import type { Bidi } from 'bidi-js';
import type { FontStyle, PdfFonts } from './pdf-fonts.js';

/** A stretch of text set in one font and one direction, in the order it is printed. */
export interface Piece {
  readonly text: string;
  readonly font: string;
  /** Right-to-left: given to pdfkit in reading order, fontkit shapes it (Arabic letters join) and lays it out reversed. */
  readonly rtl: boolean;
}

export interface StyledText {
  readonly text: string;
  readonly style: FontStyle;
}

/** Letters that belong with the one before: combining marks (variation selectors among them) and joiners. */
const ATTACHED = /^(?:\p{M}|\u200c|\u200d)$/u;

/**
 * Cuts a line of styled text into pieces by font (the first that has each letter) and by direction, then orders the
 * pieces for printing with the Unicode bidirectional algorithm (UAX #9, from bidi-js), the paragraph left to right: a
 * name in Arabic or Hebrew reads right to left inside a French or English sentence, and numbers inside it stay left
 * to right. The order is resolved for the whole paragraph: when a right-to-left passage mixed with numbers or Latin
 * is wrapped over two lines, its parts are not reordered line by line.
 */
export function piecesOf(parts: readonly StyledText[], fonts: PdfFonts, bidi: Bidi): Piece[] {
  const text = parts.map((p) => p.text).join('');
  const levels = bidi.getEmbeddingLevels(text, 'ltr').levels;
  const runs: { text: string; font: string; level: number }[] = [];
  let offset = 0;
  for (const part of parts) {
    let font = fonts.base(part.style);
    for (const char of part.text) {
      if (!ATTACHED.test(char)) font = fonts.fontFor(char.codePointAt(0) ?? 0, part.style) ?? fonts.base(part.style);
      const level = levels[offset] ?? 0;
      const last = runs.at(-1);
      if (last && last.font === font && last.level === level) last.text += char;
      else runs.push({ text: char, font, level });
      offset += char.length;
    }
  }
  return reorder(runs).map((r) => ({ text: r.text, font: r.font, rtl: r.level % 2 === 1 }));
}

/** UAX #9 rule L2 on runs: from the highest level down to 1, every sequence of runs at that level or above is reversed. */
function reorder<T extends { readonly level: number }>(runs: readonly T[]): T[] {
  let order = [...runs];
  for (let level = Math.max(0, ...runs.map((r) => r.level)); level >= 1; level--) {
    const next: T[] = [];
    let sequence: T[] = [];
    for (const run of order) {
      if (run.level >= level) sequence.push(run);
      else {
        next.push(...sequence.reverse(), run);
        sequence = [];
      }
    }
    order = [...next, ...sequence.reverse()];
  }
  return order;
}
