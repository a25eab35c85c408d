import type { BilanRecord, ConfirmedSkill } from '../bilan/bilan-record.js';
import { SKILL_KINDS, type SkillKind } from '../skills/skill-extractor.js';
import { foldedWords } from '../text/normalize.js';

/** A confirmed skill once duplicates are merged: one per label or taxonomy id, with all its evidence and sources. */
export interface CuratedSkill {
  /** Stable id for the person's edits: `skill.` + the folded label of its first confirmation. */
  readonly key: string;
  readonly label: string;
  readonly id?: string;
  readonly kind: SkillKind | 'other';
  readonly questions: readonly string[];
  /** It names something the project or the occupations kept ask for. */
  readonly servesProject: boolean;
}

export const SKILL_GROUPS = ['project', ...SKILL_KINDS, 'other'] as const;
export type SkillGroup = (typeof SKILL_GROUPS)[number];

/** Words shorter than this say too little to link a skill to the project; longer ones compare by their first STEM letters. */
const MIN_WORD = 5;
const STEM = 4;

export function skillKey(label: string): string {
  return `skill.${foldedWords(label).join('-')}`;
}

/** The confirmed skills merged (same id or same label), those that serve the project first, then by kind. */
export function curateSkills(record: BilanRecord, projectTexts: readonly string[]): CuratedSkill[] {
  const merged = mergeSkills(record.skills ?? []);
  const projectIds = new Set((record.explorations ?? []).flatMap((o) => o.matchedSkills.map((s) => s.id)));
  const projectStems = new Set(projectTexts.flatMap(stems));
  const curated = [...merged.entries()].map(([key, { skill, questions }]) => ({
    key,
    label: skill.label,
    ...(skill.id ? { id: skill.id } : {}),
    kind: skill.kind ?? ('other' as const),
    questions: [...questions],
    servesProject: (skill.id !== undefined && projectIds.has(skill.id)) || stems(skill.label).some((s) => projectStems.has(s)),
  }));
  return [...curated.filter((s) => s.servesProject), ...curated.filter((s) => !s.servesProject)];
}

/** Confirmed skills merged by edit key (same taxonomy id or same label): the first confirmation and every question. */
export function mergeSkills(skills: readonly ConfirmedSkill[]): Map<string, { skill: ConfirmedSkill; questions: Set<string> }> {
  const merged = new Map<string, { skill: ConfirmedSkill; questions: Set<string> }>();
  const byId = new Map<string, string>();
  for (const skill of skills) {
    const key = (skill.id && byId.get(skill.id)) ?? skillKey(skill.label);
    const seen = merged.get(key);
    if (seen) seen.questions.add(skill.question);
    else merged.set(key, { skill, questions: new Set([skill.question]) });
    if (skill.id) byId.set(skill.id, key);
  }
  return merged;
}

/** The group a curated skill is shown in. */
export function groupOf(skill: CuratedSkill): SkillGroup {
  return skill.servesProject ? 'project' : skill.kind;
}

function stems(text: string): string[] {
  return foldedWords(text)
    .filter((w) => w.length >= MIN_WORD)
    .map((w) => w.slice(0, STEM));
}
