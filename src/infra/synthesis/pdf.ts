import type { Bidi } from 'bidi-js';
import { PdfFonts, type FontStyle } from './pdf-fonts.js';
import { piecesOf } from './pdf-text.js';

/**
 * The synthesis as a PDF (pdfkit), laid out from the Markdown rendered from the locale's template
 * (renderSynthesisMarkdown), so both files share one template and one wording. Each letter is set in the first font
 * that has it (pdf-fonts.ts: DejaVu Sans, then Noto Sans for Chinese, Japanese, Korean, Thai and Devanagari),
 * right-to-left names and words read right to left (pdf-text.ts), and only the glyphs used are embedded. Letters no
 * font has (Bengali, Ethiopic…) print as empty boxes: a note under the notice says so, and the Markdown keeps them.
 * A5 pages read on a phone without zooming; a heading never ends a page; every page is numbered. Only the Markdown
 * subset that renderer produces is understood: `#`/`##` headings, `>` notice, `- ` items with hard-broken
 * continuation lines, `---` rules, `**bold**`, `*italic*` and backslash escapes.
 */
export interface PdfOptions {
  /** Document title in the PDF metadata. */
  readonly title: string;
  /** Creation date written in the metadata; pass the synthesis' date so output is deterministic. */
  readonly createdAt: Date;
  /** Uncompressed content streams. Default: compressed. */
  readonly compress?: boolean;
  /** "Page {{page}} / {{pages}}"-style footer; omitted when absent. */
  readonly pageLabel?: string;
  /** Document language (BCP 47), e.g. 'fr-FR' (default) or 'en-GB'. */
  readonly lang?: string;
  /** Said under the notice when the text holds letters the font has no glyph for (Chinese…); omitted when absent. */
  readonly missingGlyphsNote?: string;
}

interface Run {
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
}

type Block =
  | { readonly type: 'title' | 'heading' | 'notice' | 'paragraph'; readonly runs: Run[] }
  | { readonly type: 'item'; readonly runs: Run[] }
  | { readonly type: 'rule' };

const MARGIN = 40;
const BODY_SIZE = 10;
const HEADING_SIZE = 12.5;
const TITLE_SIZE = 16;

let bidi: Bidi | undefined;

interface Page {
  readonly doc: PDFKit.PDFDocument;
  readonly fonts: PdfFonts;
  readonly bidi: Bidi;
}

export async function renderSynthesisPdf(markdown: string, options: PdfOptions): Promise<Buffer> {
  // Loaded on the first PDF asked for, not at startup: few users download one.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A5',
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: options.lang ?? 'fr-FR',
    displayTitle: true,
    info: { Title: options.title, Creator: 'Bilan', Producer: 'Bilan', CreationDate: options.createdAt, ModDate: options.createdAt },
  });
  const fonts = await PdfFonts.open(doc);
  bidi ??= await loadBidi();
  const page: Page = { doc, fonts, bidi };
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const blocks = parseMarkdown(typeset(markdown));
  if (options.missingGlyphsNote && fonts.lacksGlyphs(markdown)) {
    const after = blocks.findIndex((b) => b.type === 'notice') + 1;
    blocks.splice(after, 0, { type: 'paragraph', runs: [{ text: options.missingGlyphsNote, bold: false, italic: true }] });
  }
  blocks.forEach((block, i) => {
    switch (block.type) {
      case 'title':
        writeRuns(page, block.runs, { size: TITLE_SIZE, x: MARGIN, width, forceBold: true });
        doc.moveDown(0.5);
        break;
      case 'heading':
        doc.moveDown(0.6);
        keepWithNext(doc, block, blocks[i + 1], width);
        writeRuns(page, block.runs, { size: HEADING_SIZE, x: MARGIN, width, forceBold: true });
        doc.moveDown(0.3);
        break;
      case 'notice':
        doc.rect(MARGIN, doc.y - 3, 3, heightOf(doc, block.runs, BODY_SIZE, width - 10) + 4).fill('#d97706');
        writeRuns(page, block.runs, { size: BODY_SIZE, x: MARGIN + 10, width: width - 10 });
        doc.moveDown(0.4);
        break;
      case 'paragraph':
        writeRuns(page, block.runs, { size: BODY_SIZE, x: MARGIN, width });
        doc.moveDown(0.4);
        break;
      case 'item': {
        if (doc.y + heightOf(doc, block.runs, BODY_SIZE, width - 12, 2) > maxY(doc)) doc.addPage();
        const y = doc.y;
        doc.font('regular').fontSize(BODY_SIZE).fillColor('#000000').text('•', MARGIN, y, { lineBreak: false });
        doc.y = y;
        writeRuns(page, block.runs, { size: BODY_SIZE, x: MARGIN + 12, width: width - 12 });
        doc.moveDown(0.3);
        break;
      }
      case 'rule':
        doc.moveDown(0.5).moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(0.5).stroke('#999999').moveDown(0.5);
        break;
    }
  });

  if (options.pageLabel) numberPages(doc, options.pageLabel, width);
  doc.end();
  return done;
}

/** bidi-js is CommonJS whose module.exports is the factory, typed as an ES default export: Node gives the factory. */
async function loadBidi(): Promise<Bidi> {
  const factory = (await import('bidi-js')).default as unknown as () => Bidi;
  return factory();
}

/**
 * French typography for line breaking: a non-breaking space before « ? ! : ; » · » and after « «, so that none of them
 * starts a line alone (as on the chat's cards). English puts no space there, so it is unchanged.
 */
export function typeset(text: string): string {
  return text.replace(/ ([?!:;»·])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}

function maxY(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page when the heading and the first lines of what follows it would not fit: no heading alone at a foot. */
function keepWithNext(doc: PDFKit.PDFDocument, heading: Block, next: Block | undefined, width: number): void {
  if (heading.type === 'rule') return;
  const following = next && next.type !== 'rule' ? heightOf(doc, next.runs, BODY_SIZE, width - 12, 2) : 0;
  if (doc.y + heightOf(doc, heading.runs, HEADING_SIZE, width) + following + 6 > maxY(doc)) doc.addPage();
}

/** The height of runs set at `size` in `width`, counting at most `maxLines` lines when given. */
function heightOf(doc: PDFKit.PDFDocument, runs: readonly Run[], size: number, width: number, maxLines?: number): number {
  doc.font('bold').fontSize(size);
  const full = doc.heightOfString(runs.map((r) => r.text).join(''), { width });
  return maxLines === undefined ? full : Math.min(full, doc.currentLineHeight(true) * maxLines);
}

function numberPages(doc: PDFKit.PDFDocument, pageLabel: string, width: number): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not open a new page
    const label = pageLabel.replace('{{page}}', String(i + 1)).replace('{{pages}}', String(range.count));
    doc.font('regular').fontSize(8).fillColor('#666666').text(label, MARGIN, doc.page.height - MARGIN / 2, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

function writeRuns({ doc, fonts, bidi }: Page, runs: readonly Run[], at: { size: number; x: number; width: number; forceBold?: boolean }): void {
  const parts = runs.filter((r) => r.text.length > 0).map((r) => ({ text: r.text, style: fontStyle(r.bold || at.forceBold === true, r.italic) }));
  if (parts.length === 0) return;
  doc.fillColor('#000000').fontSize(at.size);
  const pieces = piecesOf(parts, fonts, bidi);
  pieces.forEach((piece, i) => {
    doc.font(piece.font);
    const options = { continued: i < pieces.length - 1, ...(piece.rtl ? { features: [] } : {}) };
    if (i === 0) doc.text(piece.text, at.x, doc.y, { width: at.width, ...options });
    else doc.text(piece.text, options);
  });
}

function fontStyle(bold: boolean, italic: boolean): FontStyle {
  if (bold && italic) return 'boldItalic';
  if (bold) return 'bold';
  return italic ? 'italic' : 'regular';
}

/** The blocks of the Markdown subset produced by renderSynthesisMarkdown. */
export function parseMarkdown(markdown: string): Block[] {
  const blocks: Block[] = [];
  let item: string[] | undefined;
  const flush = () => {
    const runs = item && parseInline(item.join('\n'));
    if (runs?.some((r) => r.text.trim().length > 0)) blocks.push({ type: 'item', runs });
    item = undefined;
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (item && raw.startsWith('  ') && raw.trim() !== '') {
      item.push(raw.trim());
      continue;
    }
    flush();
    const line = raw.trim();
    if (line === '') continue;
    if (line === '---') blocks.push({ type: 'rule' });
    else if (line.startsWith('# ')) blocks.push({ type: 'title', runs: parseInline(line.slice(2)) });
    else if (line.startsWith('## ')) blocks.push({ type: 'heading', runs: parseInline(line.slice(3)) });
    else if (line.startsWith('> ')) blocks.push({ type: 'notice', runs: parseInline(line.slice(2)) });
    else if (line.startsWith('- ')) item = [line.slice(2)];
    else blocks.push({ type: 'paragraph', runs: parseInline(line) });
  }
  flush();
  return blocks;
}

/** Bold/italic runs; a backslash makes the next character literal, and a backslash before a newline is a line break. */
export function parseInline(text: string): Run[] {
  const runs: Run[] = [];
  let bold = false;
  let italic = false;
  let current = '';
  const push = () => {
    if (current) runs.push({ text: current, bold, italic });
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      current += text.charAt(i + 1);
      i++;
    } else if (c === '*' && text.charAt(i + 1) === '*') {
      push();
      bold = !bold;
      i++;
    } else if (c === '*') {
      push();
      italic = !italic;
    } else current += c;
  }
  push();
  return runs;
}
