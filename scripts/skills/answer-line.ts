import { toLocale, type Locale } from '../../src/core/locale.js';

export interface AnswerLine {
  readonly id: string;
  readonly lang: Locale;
  readonly answer: string;
}

export type LineResult = { readonly ok: true; readonly value: AnswerLine } | { readonly ok: false; readonly problem: string };

/** One input line of skills:extract: a JSON object with a string id, a supported lang and a string answer. */
export function parseAnswerLine(line: string): LineResult {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not valid JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, problem: 'expected an object {"id", "lang", "answer"}' };
  const { id, lang, answer } = data as Record<string, unknown>;
  if (typeof id !== 'string' && typeof id !== 'number') return { ok: false, problem: '"id" must be a string' };
  const locale = toLocale(lang);
  if (!locale) return { ok: false, problem: `"lang" must be "fr" or "en" (got ${JSON.stringify(lang) ?? 'nothing'})` };
  if (typeof answer !== 'string') return { ok: false, problem: '"answer" must be a string' };
  return { ok: true, value: { id: String(id), lang: locale, answer } };
}
