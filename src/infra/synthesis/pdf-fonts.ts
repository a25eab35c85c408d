import type * as FontkitModule from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { atWeight, openWoff2, withMetricsOf, type FontkitFont } from './variable-font.js';

/**
 * The fonts of the synthesis PDF, chosen letter by letter. DejaVu Sans (`dejavu-fonts-ttf`, Bitstream Vera / DejaVu
 * licence) prints Latin, Greek, Cyrillic, Arabic and Hebrew; a letter it has no glyph for is printed with the first
 * Noto Sans of FALLBACKS that has it (`@fontsource-variable/*`, SIL OFL 1.1): SC (Chinese, Japanese kana), KR (Korean),
 * Thai, Devanagari. They come as WOFF2 slices (~100 for SC and KR), listed with their Unicode ranges in the package's
 * `unicode.json`: a slice is read only when a document holds one of its letters, and kept for the process.
 */
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

type Fontkit = typeof FontkitModule;

const DEJAVU: Record<FontStyle, string> = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf', boldItalic: 'DejaVuSans-BoldOblique.ttf' };

interface Fallback {
  readonly pkg: string;
  readonly file: string;
  readonly name: string;
}

const FALLBACKS: readonly Fallback[] = [
  { pkg: '@fontsource-variable/noto-sans-sc', file: 'noto-sans-sc', name: 'NotoSansSC' },
  { pkg: '@fontsource-variable/noto-sans-kr', file: 'noto-sans-kr', name: 'NotoSansKR' },
  { pkg: '@fontsource-variable/noto-sans-thai', file: 'noto-sans-thai', name: 'NotoSansThai' },
  { pkg: '@fontsource-variable/noto-sans-devanagari', file: 'noto-sans-devanagari', name: 'NotoSansDevanagari' },
];

/** Noto has no italic: italic text falls back upright, at the weight of its style. */
const WEIGHTS: Record<FontStyle, { readonly value: number; readonly name: string }> = {
  regular: { value: 400, name: 'Regular' },
  italic: { value: 400, name: 'Regular' },
  bold: { value: 700, name: 'Bold' },
  boldItalic: { value: 700, name: 'Bold' },
};

const resolve = createRequire(import.meta.url).resolve;
const files = new Map<string, Buffer>();
const sliceIndexes = new Map<Fallback, Map<number, string>>();

/** A font file read once per process. */
function file(path: string): Buffer {
  let data = files.get(path);
  if (!data) files.set(path, (data = readFileSync(resolve(path))));
  return data;
}

/**
 * The fonts of one document: what prints each letter, registered in the document when first used. Files are read
 * once per process, but each document parses its own fonts: fontkit keeps, for each glyph, the letters it was first
 * laid out for, and pdfkit maps the glyph back to them for copy and search (a space and a no-break space share a glyph).
 */
export class PdfFonts {
  private readonly faces = new Map<string, FontkitFont>();

  private constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly kit: Fontkit,
  ) {}

  /** Registers the DejaVu Sans styles under their names ('regular', 'bold'…); fontkit is loaded on the first PDF asked for. */
  static async open(doc: PDFKit.PDFDocument): Promise<PdfFonts> {
    const fonts = new PdfFonts(doc, await import('fontkit'));
    for (const style of Object.keys(DEJAVU) as FontStyle[]) fonts.base(style);
    return fonts;
  }

  /** The name of the DejaVu Sans font of this style, registered in the document. */
  base(style: FontStyle): string {
    this.face(style, () => this.kit.create(file(`dejavu-fonts-ttf/ttf/${DEJAVU[style]}`)) as FontkitFont);
    return style;
  }

  /** The name of the font that prints this code point in this style, registered; undefined when none has its glyph. */
  fontFor(codePoint: number, style: FontStyle): string | undefined {
    if (this.faces.get(this.base(style))?.hasGlyphForCodePoint(codePoint)) return style;
    for (const fallback of FALLBACKS) {
      const slice = sliceIndex(fallback).get(codePoint);
      if (slice === undefined) continue;
      const name = this.slice(fallback, slice, WEIGHTS[style]);
      if (this.faces.get(name)?.hasGlyphForCodePoint(codePoint)) return name;
    }
    return undefined;
  }

  /** Whether some letter of the text has no glyph in any font (it would print as an empty box). */
  lacksGlyphs(text: string): boolean {
    return [...new Set(text.replace(/[\s\p{M}\p{Cf}]/gu, ''))].some((c) => this.fontFor(c.codePointAt(0) ?? 0, 'regular') === undefined);
  }

  private face(name: string, create: () => FontkitFont): void {
    if (this.faces.has(name)) return;
    const font = create();
    this.faces.set(name, font);
    this.doc.registerFont(name, font as unknown as Buffer);
  }

  private slice(fallback: Fallback, slice: string, weight: { readonly value: number; readonly name: string }): string {
    const id = slice.replace(/[[\]]/g, '');
    const name = `${fallback.name}-${weight.name}-${id}`;
    this.face(name, () => {
      const data = file(`${fallback.pkg}/files/${fallback.file}-${id}-wght-normal.woff2`);
      const font = atWeight(openWoff2((d) => this.kit.create(d) as FontkitFont, data), weight.value, name);
      return withMetricsOf(font, this.faces.get(this.base('regular')) as FontkitFont);
    });
    return name;
  }
}

/** Code point → slice name ("[119]", "latin"…) of a fallback font, read from its `unicode.json` on first need. */
function sliceIndex(fallback: Fallback): Map<number, string> {
  let index = sliceIndexes.get(fallback);
  if (index) return index;
  index = new Map();
  const ranges = JSON.parse(file(`${fallback.pkg}/unicode.json`).toString('utf8')) as Record<string, string>;
  for (const [slice, list] of Object.entries(ranges)) {
    for (const range of list.split(',')) {
      const [from = NaN, to = from] = range.trim().replace(/^U\+/i, '').split('-').map((hex) => parseInt(hex, 16));
      for (let codePoint = from; codePoint <= to; codePoint++) if (!index.has(codePoint)) index.set(codePoint, slice);
    }
  }
  sliceIndexes.set(fallback, index);
  return index;
}

/** The fallback font files read in this process (slices and their `unicode.json`): a seam for tests and measures. */
export function loadedFallbackFiles(): string[] {
  return [...files.keys()].filter((path) => FALLBACKS.some((f) => path.startsWith(f.pkg)));
}

/** Forgets the fallback font files and indexes read so far (tests). */
export function forgetFallbackFonts(): void {
  for (const path of loadedFallbackFiles()) files.delete(path);
  sliceIndexes.clear();
}
