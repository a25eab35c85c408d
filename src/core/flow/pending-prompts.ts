import type { BilanRecord, ConfirmedSkill, KeptOccupation, SkillCandidate } from '../bilan/bilan-record.js';
import type { OccupationSuggestion } from '../skills/occupation-suggester.js';
import type { SkillMatch } from '../skills/skill-extractor.js';
import { msg } from '../messages.js';
import type { SensitiveFinding } from '../sensitive/sensitive-detector.js';
import type { Vocabulary } from './answer-parsers.js';
import type { EngineInput, EngineOutput } from './engine-io.js';

/** Most skills shown for confirmation after one answer (the issue asks for the top 3 to 5). */
export const MAX_SKILL_CANDIDATES = 5;
const MAX_ADDED_SKILL_LENGTH = 120;
/** Most skills one submit adds in the person's own words; the rest is not added, and they are told. */
export const MAX_ADDED_SKILLS = 20;

export type Selection<T> = { readonly ok: true; readonly chosen: readonly T[]; readonly added: readonly string[] } | { readonly ok: false };

/** Ids of the skills the person confirmed. */
export function confirmedSkillIds(record: BilanRecord): string[] {
  return (record.skills ?? []).flatMap((s) => (s.id ? [s.id] : []));
}

/** Ids never to propose again: confirmed, or said to be lacking. */
export function settledSkillIds(record: BilanRecord): Set<string> {
  return new Set([...confirmedSkillIds(record), ...(record.lackedSkills ?? []).map((s) => s.id)]);
}

/** The skills worth asking about: the best few, without skills already confirmed or said to be lacking. */
export function skillCandidates(matches: readonly SkillMatch[], record: BilanRecord): SkillCandidate[] {
  const known = settledSkillIds(record);
  return matches
    .filter((m) => !known.has(m.id))
    .slice(0, MAX_SKILL_CANDIDATES)
    .map((m) => ({ id: m.id, label: m.label, kind: m.kind, evidence: [...m.evidence] }));
}

/** Most skills one card gathering several answers shows. */
export const MAX_GATHERED_CANDIDATES = 8;

/** The skills found in several answers, for one card: each answer's best first, in turn, once each. */
export function gatheredCandidates(found: readonly (readonly SkillCandidate[])[]): SkillCandidate[] {
  const out: SkillCandidate[] = [];
  for (let rank = 0; out.length < MAX_GATHERED_CANDIDATES && found.some((list) => list.length > rank); rank++) {
    for (const list of found) {
      const candidate = list[rank];
      if (candidate && !out.some((c) => c.id === candidate.id) && out.length < MAX_GATHERED_CANDIDATES) out.push(candidate);
    }
  }
  return out;
}

/**
 * Reads which items the user kept: ticked card values ("id1,id2") plus their own words in `added`,
 * or typed numbers ("1, 3"), "oui" for all, "non"/skip for none.
 */
export function readSelection<T>(input: EngineInput, items: readonly T[], idOf: (item: T) => string, vocabulary: Vocabulary): Selection<T> {
  if (input.type === 'submit') {
    // "None of these" refuses the skills found, never what the person typed next to it.
    const added = splitTypedList(input.added ?? '');
    if (input.skip) return { ok: true, chosen: [], added };
    const ids = typeof input.value === 'string' ? input.value.split(',').map((v) => v.trim()) : [];
    return { ok: true, chosen: items.filter((item) => ids.includes(idOf(item))), added };
  }
  if (vocabulary.yes.matches(input.text)) return { ok: true, chosen: items, added: [] };
  if (vocabulary.no.matches(input.text) || vocabulary.skip.matches(input.text)) return { ok: true, chosen: [], added: [] };
  const parts = input.text.split(/[\s,;]+/).filter((p) => p.length > 0);
  const picked = parts.map((p) => (/^\d{1,2}$/.test(p) ? items[Number(p) - 1] : undefined));
  if (parts.length === 0 || picked.some((p) => p === undefined)) return { ok: false };
  return { ok: true, chosen: [...new Set(picked as T[])], added: [] };
}

/**
 * A list typed in one field, split on commas, semicolons and line breaks outside parentheses: « gérer un budget
 * (achats, suivi), animer une équipe » is two skills. Each item is trimmed and shortened.
 */
export function splitTypedList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')' && depth > 0) depth--;
    if (depth === 0 && (char === ',' || char === ';' || char === '\n' || char === '\r')) {
      items.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  items.push(current);
  return items.map((item) => item.trim().slice(0, MAX_ADDED_SKILL_LENGTH)).filter((item) => item.length > 0);
}

/**
 * What is kept of the skills a person typed: the first MAX_ADDED_SKILLS, without those that disclose something of a
 * special category or distress (they would reach the shared summary); `notes` tell the person what was left out.
 */
export function screenTypedSkills(typed: readonly string[], sensitive: { detect(text: string): SensitiveFinding | undefined } | undefined): { kept: string[]; notes: EngineOutput[] } {
  const considered = typed.slice(0, MAX_ADDED_SKILLS);
  const findings = considered.map((skill) => sensitive?.detect(skill));
  const notes: EngineOutput[] = [];
  if (findings.some((f) => f?.type === 'distress')) notes.push({ type: 'message', message: msg('common:wellbeing.support') });
  const held = findings.filter((f) => f !== undefined).length;
  if (held > 0) notes.push({ type: 'message', message: msg('common:skills.sensitiveNotAdded', { count: held }) });
  if (typed.length > MAX_ADDED_SKILLS) notes.push({ type: 'message', message: msg('common:skills.tooMany', { max: MAX_ADDED_SKILLS, count: typed.length - MAX_ADDED_SKILLS }) });
  return { kept: considered.filter((_skill, i) => findings[i] === undefined), notes };
}

/** Adds the confirmed skills (and those the user wrote themselves) to the record, once each. */
export function confirmSkills(record: BilanRecord, questionId: string, chosen: readonly SkillCandidate[], added: readonly string[], at: string): BilanRecord {
  const existing = record.skills ?? [];
  const labels = new Set(existing.map((s) => s.label.toLowerCase()));
  const fromTaxonomy: ConfirmedSkill[] = chosen.map((c) => ({ id: c.id, label: c.label, kind: c.kind, source: c.job ? 'job' : 'extracted', evidence: c.job ? [] : c.evidence, question: c.from ?? questionId, confirmedAt: at }));
  const fromUser: ConfirmedSkill[] = added
    .filter((label) => !labels.has(label.toLowerCase()) && labels.add(label.toLowerCase()))
    .map((label) => ({ label, source: 'user', evidence: [], question: questionId, confirmedAt: at }));
  return { ...record, skills: [...existing, ...fromTaxonomy, ...fromUser] };
}

/** What is kept of a suggestion: enough to show and discuss it later, nothing computed on the fly. */
export function toKept(suggestion: OccupationSuggestion): KeptOccupation {
  return { code: suggestion.code, label: suggestion.label, matchedSkills: [...suggestion.matchedSkills], gaps: [...suggestion.gaps], ...(suggestion.said ? { said: suggestion.said } : {}) };
}

/** Records the occupations the user keeps to explore, and the taxonomy versions they come from. */
export function keepOccupations(record: BilanRecord, kept: readonly KeptOccupation[], versions: Readonly<Record<string, string>>, at: string): BilanRecord {
  const known = new Set((record.explorations ?? []).map((o) => o.code));
  const fresh = kept.filter((o) => !known.has(o.code)).map((o) => ({ ...o, keptAt: at }));
  return { ...record, explorations: [...(record.explorations ?? []), ...fresh], taxonomies: { ...record.taxonomies, ...versions } };
}

/** The record with the skills the person says they lack in this answer added (once each). */
export function rememberLackedSkills(record: BilanRecord, lacked: readonly SkillMatch[], questionId: string, at: string): BilanRecord {
  const known = new Set((record.lackedSkills ?? []).map((s) => s.id));
  const added = lacked.filter((m) => !known.has(m.id)).map((m) => ({ id: m.id, label: m.label, question: questionId, statedAt: at }));
  return added.length === 0 ? record : { ...record, lackedSkills: [...(record.lackedSkills ?? []), ...added] };
}
