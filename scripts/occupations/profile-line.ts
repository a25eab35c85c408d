import type { WishAnswers } from '../../src/core/jobs/occupation-ranker.js';
import { toLocale, type Locale } from '../../src/core/locale.js';

export interface ProfileLine {
  readonly id: string;
  readonly lang: Locale;
  readonly answers: WishAnswers;
  readonly gold?: { readonly current: readonly string[]; readonly acceptable: readonly string[]; readonly avoid: readonly string[] };
}

export type ProfileResult = { readonly ok: true; readonly value: ProfileLine } | { readonly ok: false; readonly problem: string };

const FIELDS = { career_path: 'careerPath', current_missions: 'currentMissions', more_of: 'moreOf', less_of: 'lessOf', targets: 'targets', outside_work: 'outsideWork' } as const;
const isCodes = (value: unknown): value is string[] => Array.isArray(value) && value.every((c) => typeof c === 'string');

/** One line of occupations:suggest / eval:occupations: {"id", "lang", "answers": {...}, "gold"?}. */
export function parseProfileLine(line: string): ProfileResult {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not valid JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, problem: 'expected an object {"id", "lang", "answers"}' };
  const { id, lang, answers, gold } = data as Record<string, unknown>;
  if (typeof id !== 'string' && typeof id !== 'number') return { ok: false, problem: '"id" must be a string' };
  const locale = toLocale(lang);
  if (!locale) return { ok: false, problem: `"lang" must be "fr" or "en" (got ${JSON.stringify(lang) ?? 'nothing'})` };
  if (answers !== undefined && (typeof answers !== 'object' || answers === null || Array.isArray(answers))) return { ok: false, problem: '"answers" must be an object' };
  const given = (answers ?? {}) as Record<string, unknown>;
  const read: Record<string, string> = {};
  for (const [field, name] of Object.entries(FIELDS)) {
    const value = given[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return { ok: false, problem: `"answers.${field}" must be a string` };
    read[name] = value;
  }
  const g = gold as Record<string, unknown> | undefined;
  const parsedGold = g && typeof g === 'object' ? { current: isCodes(g.current) ? g.current : [], acceptable: isCodes(g.acceptable) ? g.acceptable : [], avoid: isCodes(g.avoid) ? g.avoid : [] } : undefined;
  return { ok: true, value: { id: String(id), lang: locale, answers: read, ...(parsedGold ? { gold: parsedGold } : {}) } };
}
