import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A word of a PDF page as poppler sets it: its left edge, and its letters in the order they are printed. */
export interface PdfWord {
  readonly xMin: number;
  readonly yMin: number;
  readonly text: string;
}

/** The text of a PDF as poppler's pdftotext reads it (pages separated by form feeds). */
export function pdfText(buffer: Buffer): string {
  return pdftotext(buffer, []);
}

/** The words of a PDF with their place (`pdftotext -bbox`). */
export function pdfWords(buffer: Buffer): PdfWord[] {
  const html = pdftotext(buffer, ['-bbox']);
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), text: decodeEntities(m[3] ?? '') }));
}

function pdftotext(buffer: Buffer, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'synthesis-pdf-'));
  try {
    const file = join(dir, 'synthesis.pdf');
    writeFileSync(file, buffer);
    return execFileSync('pdftotext', [...args, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
