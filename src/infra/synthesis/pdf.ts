
/**
 * The synthesis as a PDF (pdfkit, standard Helvetica: no font file, no network). It lays out the Markdown rendered
 * from the locale's template (renderSynthesisMarkdown), so both files share one template and one wording. Only the
 * Markdown subset that renderer produces is understood: `#`/`##` headings, `>` notice, `- ` items with hard-broken
 * continuation lines, `---` rules, `**bold**`, `*italic*` and backslash escapes.
 */
export interface PdfOptions {
  /** Document title in the PDF metadata. */
  readonly title: string;
  /** Creation date written in the metadata; pass the synthesis' date so output is deterministic. */
  readonly createdAt: Date;
  /** Uncompressed content streams (tests read the text layer). Default: compressed. */
  readonly compress?: boolean;
  /** "Page {{page}} / {{pages}}"-style footer; omitted when absent. */
  readonly pageLabel?: string;
  /** Document language (BCP 47), e.g. 'fr-FR' (default) or 'en-GB'. */
  readonly lang?: string;
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

const MARGIN = 56;

export async function renderSynthesisPdf(markdown: string, options: PdfOptions): Promise<Buffer> {
  // Loaded on the first PDF asked for, not at startup: few users download one.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: options.lang ?? 'fr-FR',
    displayTitle: true,
    info: { Title: toWinAnsi(options.title), Creator: 'Bilan', Producer: 'Bilan', CreationDate: options.createdAt, ModDate: options.createdAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  for (const block of parseMarkdown(markdown)) {
    switch (block.type) {
      case 'title':
        writeRuns(doc, block.runs, { size: 18, x: MARGIN, width, forceBold: true });
        doc.moveDown(0.6);
        break;
      case 'heading':
        doc.moveDown(0.6);
        writeRuns(doc, block.runs, { size: 13, x: MARGIN, width, forceBold: true });
        doc.moveDown(0.3);
        break;
      case 'notice':
        writeRuns(doc, block.runs, { size: 10, x: MARGIN + 10, width: width - 10 });
        doc.moveDown(0.4);
        break;
      case 'paragraph':
        writeRuns(doc, block.runs, { size: 10, x: MARGIN, width });
        doc.moveDown(0.4);
        break;
      case 'item': {
        const y = doc.y;
        doc.font('Helvetica').fontSize(10).text('•', MARGIN, y, { lineBreak: false });
        doc.y = y;
        writeRuns(doc, block.runs, { size: 10, x: MARGIN + 12, width: width - 12 });
        doc.moveDown(0.25);
        break;
      }
      case 'rule':
        doc.moveDown(0.5).moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(0.5).stroke('#999999').moveDown(0.5);
        break;
    }
  }

  if (options.pageLabel) {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing in the margin must not open a new page
      const label = options.pageLabel.replace('{{page}}', String(i + 1)).replace('{{pages}}', String(range.count));
      doc.font('Helvetica').fontSize(8).fillColor('#666666').text(toWinAnsi(label), MARGIN, doc.page.height - MARGIN / 2, { width, align: 'center', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
  }
  doc.end();
  return done;
}

function writeRuns(doc: PDFKit.PDFDocument, runs: readonly Run[], at: { size: number; x: number; width: number; forceBold?: boolean }): void {
  const parts = runs.filter((r) => r.text.length > 0);
  if (parts.length === 0) return;
  doc.fillColor('#000000').fontSize(at.size);
  parts.forEach((run, i) => {
    doc.font(fontName(run.bold || at.forceBold === true, run.italic));
    const continued = i < parts.length - 1;
    if (i === 0) doc.text(toWinAnsi(run.text), at.x, doc.y, { width: at.width, continued });
    else doc.text(toWinAnsi(run.text), { continued });
  });
}

function fontName(bold: boolean, italic: boolean): string {
  if (bold && italic) return 'Helvetica-BoldOblique';
  if (bold) return 'Helvetica-Bold';
  return italic ? 'Helvetica-Oblique' : 'Helvetica';
}

/** The blocks of the Markdown subset produced by renderSynthesisMarkdown. */
export function parseMarkdown(markdown: string): Block[] {
  const blocks: Block[] = [];
  let item: string[] | undefined;
  const flush = () => {
    if (item) blocks.push({ type: 'item', runs: parseInline(item.join('\n')) });
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

/** Unicode code points (beyond Latin-1) that the standard fonts' WinAnsiEncoding can show. */
const WIN_ANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019, 0x201c,
  0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u202f': '\u00a0', // narrow no-break space (French « ») → no-break space
  '\u2009': ' ',
  '\u2011': '-',
  '\u2212': '-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2032': "'",
  '\u2033': '"',
  '\u00ad': '',
};

/**
 * Text the standard fonts can encode: Latin-1 and WinAnsi characters pass (é, à, ç, œ, « », ’, ·, —, …, €), others are
 * transliterated (accents stripped, a few symbols spelled out) or become `?`, rather than breaking the PDF.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    if (char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code)) out += char;
    else if (char === '\t') out += ' ';
    else if (REPLACEMENTS[char] !== undefined) out += REPLACEMENTS[char];
    else {
      const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += /^[\x20-\x7e\xa0-\xff]+$/.test(base) ? base : '?';
    }
  }
  return out;
}
