
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The synthesis as a PDF (pdfkit), laid out from the Markdown rendered from the locale's template
 * (renderSynthesisMarkdown), so both files share one template and one wording. Text is set in DejaVu Sans, shipped by
 * the `dejavu-fonts-ttf` npm package (free licence, see its LICENSE): Latin, Polish, Greek, Cyrillic and Arabic letters
 * print as typed, and only the glyphs used are embedded. Letters it has no glyph for (Chinese, Japanese, Korean,
 * Thai…) print as empty boxes: a note under the notice says so, and the Markdown keeps them. A5 pages read on a phone without zooming; a heading never
 * ends a page; every page is numbered. Only the Markdown subset that renderer produces is understood: `#`/`##`
 * headings, `>` notice, `- ` items with hard-broken continuation lines, `---` rules, `**bold**`, `*italic*` and
 * backslash escapes.
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

const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf', boldItalic: 'DejaVuSans-BoldOblique.ttf' } as const;
type FontStyle = keyof typeof FONT_FILES;
let fonts: Record<FontStyle, Buffer> | undefined;

/** The four DejaVu Sans files, read on the first PDF asked for and kept (≈ 2.7 MB). */
function fontFiles(): Record<FontStyle, Buffer> {
  const resolve = createRequire(import.meta.url).resolve;
  fonts ??= Object.fromEntries(Object.entries(FONT_FILES).map(([style, file]) => [style, readFileSync(resolve(`dejavu-fonts-ttf/ttf/${file}`))])) as Record<FontStyle, Buffer>;
  return fonts;
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
  for (const [style, data] of Object.entries(fontFiles())) doc.registerFont(style, data);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const blocks = parseMarkdown(typeset(markdown));
  if (options.missingGlyphsNote && lacksGlyphs(doc, markdown)) {
    const after = blocks.findIndex((b) => b.type === 'notice') + 1;
    blocks.splice(after, 0, { type: 'paragraph', runs: [{ text: options.missingGlyphsNote, bold: false, italic: true }] });
  }
  blocks.forEach((block, i) => {
    switch (block.type) {
      case 'title':
        writeRuns(doc, block.runs, { size: TITLE_SIZE, x: MARGIN, width, forceBold: true });
        doc.moveDown(0.5);
        break;
      case 'heading':
        doc.moveDown(0.6);
        keepWithNext(doc, block, blocks[i + 1], width);
        writeRuns(doc, block.runs, { size: HEADING_SIZE, x: MARGIN, width, forceBold: true });
        doc.moveDown(0.3);
        break;
      case 'notice':
        doc.rect(MARGIN, doc.y - 3, 3, heightOf(doc, block.runs, BODY_SIZE, width - 10) + 4).fill('#d97706');
        writeRuns(doc, block.runs, { size: BODY_SIZE, x: MARGIN + 10, width: width - 10 });
        doc.moveDown(0.4);
        break;
      case 'paragraph':
        writeRuns(doc, block.runs, { size: BODY_SIZE, x: MARGIN, width });
        doc.moveDown(0.4);
        break;
      case 'item': {
        if (doc.y + heightOf(doc, block.runs, BODY_SIZE, width - 12, 2) > maxY(doc)) doc.addPage();
        const y = doc.y;
        doc.font('regular').fontSize(BODY_SIZE).fillColor('#000000').text('•', MARGIN, y, { lineBreak: false });
        doc.y = y;
        writeRuns(doc, block.runs, { size: BODY_SIZE, x: MARGIN + 12, width: width - 12 });
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

/**
 * French typography for line breaking: a non-breaking space before « ? ! : ; » · » and after « «, so that none of them
 * starts a line alone (as on the chat's cards). English puts no space there, so it is unchanged.
 */
export function typeset(text: string): string {
  return text.replace(/ ([?!:;»·])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}

/** Whether DejaVu Sans has no glyph for some letter of the text (they would print as empty boxes). */
function lacksGlyphs(doc: PDFKit.PDFDocument, text: string): boolean {
  doc.font('regular');
  // pdfkit keeps the fontkit font of an embedded font as `_font.font`; without it, nothing is said.
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?(codePoint: number): boolean } } })._font?.font;
  if (typeof font?.hasGlyphForCodePoint !== 'function') return false;
  return [...new Set(text.replace(/\s/gu, ''))].some((c) => !font.hasGlyphForCodePoint?.(c.codePointAt(0) ?? 0));
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

function writeRuns(doc: PDFKit.PDFDocument, runs: readonly Run[], at: { size: number; x: number; width: number; forceBold?: boolean }): void {
  const parts = runs.filter((r) => r.text.length > 0);
  if (parts.length === 0) return;
  doc.fillColor('#000000').fontSize(at.size);
  parts.forEach((run, i) => {
    doc.font(fontStyle(run.bold || at.forceBold === true, run.italic));
    const continued = i < parts.length - 1;
    if (i === 0) doc.text(run.text, at.x, doc.y, { width: at.width, continued });
    else doc.text(run.text, { continued });
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
