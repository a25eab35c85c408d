import type { BilanRecord, ConfirmedSkill, KeptOccupation, SkillCandidate } from '../bilan/bilan-record.js';
import type { OccupationSuggestion } from '../skills/occupation-suggester.js';
import type { SkillMatch } from '../skills/skill-extractor.js';
import type { Vocabulary } from './answer-parsers.js';
import type { EngineInput } from './engine-io.js';

/** Most skills shown for confirmation after one answer (the issue asks for the top 3 to 5). */
export const MAX_SKILL_CANDIDATES = 5;
const MAX_ADDED_SKILL_LENGTH = 120;

export type Selection<T> = { readonly ok: true; readonly chosen: readonly T[]; readonly added: readonly string[] } | { readonly ok: false };

/** The skills worth asking about: the best few, without skills already confirmed or said to be lacking. */
export function skillCandidates(matches: readonly SkillMatch[], record: BilanRecord): SkillCandidate[] {
  const known = new Set([...(record.skills ?? []).flatMap((s) => (s.id ? [s.id] : [])), ...(record.lackedSkills ?? []).map((s) => s.id)]);
  return matches
    .filter((m) => !known.has(m.id))
    .slice(0, MAX_SKILL_CANDIDATES)
    .map((m) => ({ id: m.id, label: m.label, kind: m.kind, evidence: [...m.evidence] }));
}

/**
 * Reads which items the user kept: ticked card values ("id1,id2") plus their own words in `added`,
 * or typed numbers ("1, 3"), "oui" for all, "non"/skip for none.
 */
export function readSelection<T>(input: EngineInput, items: readonly T[], idOf: (item: T) => string, vocabulary: Vocabulary): Selection<T> {
  if (input.type === 'submit') {
    if (input.skip) return { ok: true, chosen: [], added: [] };
    const ids = typeof input.value === 'string' ? input.value.split(',').map((v) => v.trim()) : [];
    const added = (input.added ?? '').split(/[\n;,]+/).map((w) => w.trim().slice(0, MAX_ADDED_SKILL_LENGTH)).filter((w) => w.length > 0);
    return { ok: true, chosen: items.filter((item) => ids.includes(idOf(item))), added };
  }
  if (vocabulary.yes.matches(input.text)) return { ok: true, chosen: items, added: [] };
  if (vocabulary.no.matches(input.text) || vocabulary.skip.matches(input.text)) return { ok: true, chosen: [], added: [] };
  const parts = input.text.split(/[\s,;]+/).filter((p) => p.length > 0);
  const picked = parts.map((p) => (/^\d{1,2}$/.test(p) ? items[Number(p) - 1] : undefined));
  if (parts.length === 0 || picked.some((p) => p === undefined)) return { ok: false };
  return { ok: true, chosen: [...new Set(picked as T[])], added: [] };
}

/** Adds the confirmed skills (and those the user wrote themselves) to the record, once each. */
export function confirmSkills(record: BilanRecord, questionId: string, chosen: readonly SkillCandidate[], added: readonly string[], at: string): BilanRecord {
  const existing = record.skills ?? [];
  const labels = new Set(existing.map((s) => s.label.toLowerCase()));
  const fromTaxonomy: ConfirmedSkill[] = chosen.map((c) => ({ ...c, source: 'extracted', question: questionId, confirmedAt: at }));
  const fromUser: ConfirmedSkill[] = added
    .filter((label) => !labels.has(label.toLowerCase()))
    .map((label) => ({ label, source: 'user', evidence: [], question: questionId, confirmedAt: at }));
  return { ...record, skills: [...existing, ...fromTaxonomy, ...fromUser] };
}

/** What is kept of a suggestion: enough to show and discuss it later, nothing computed on the fly. */
export function toKept(suggestion: OccupationSuggestion): KeptOccupation {
  return { code: suggestion.code, label: suggestion.label, matchedSkills: [...suggestion.matchedSkills], gaps: [...suggestion.gaps] };
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
