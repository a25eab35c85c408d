import type { BilanRecord, ConfirmedSkill } from '../bilan/bilan-record.js';
import type { SynthesisSectionId } from '../flow/flow-schema.js';
import { mergeSkills } from './skill-curation.js';
import type { SkillItem, SynthesisLine, SynthesisValue } from './synthesis.js';

export type SynthesisEdits = NonNullable<BilanRecord['synthesisEdits']>;

/** Longest rewording kept, as for a comment. */
export const MAX_REWORDING_CHARS = 1000;

/** What the person can edit: each skill, each achievement, each plan step (id, the text shown, where). */
export interface EditableItem {
  readonly id: string;
  readonly text: string;
  readonly kind: 'skill' | 'story' | 'step';
}

/**
 * Applies the person's edits in place: removed lines and skills disappear, reworded ones show their words, wherever
 * the skill is listed (its group, the achievements showing it, the occupations it matches, found by its taxonomy id).
 */
export function applyEdits(lines: Map<SynthesisSectionId, SynthesisLine[]>, edits: SynthesisEdits | undefined): boolean {
  if (!edits || (edits.removed.length === 0 && Object.keys(edits.reworded).length === 0)) return false;
  const removed = new Set(edits.removed);
  const reworded = new Map(Object.entries(edits.reworded));
  const keyOfId = new Map([...lines.values()].flat().flatMap((l) => (l.value.kind === 'skills' ? l.value.items : [])).flatMap((s) => (s.id ? [[s.id, s.key] as const] : [])));
  const skill = (items: readonly SkillItem[]): SkillItem[] =>
    items.flatMap((s) => {
      const key = (s.id && keyOfId.get(s.id)) || s.key;
      if (removed.has(key)) return [];
      const own = reworded.get(key);
      return own === undefined ? [s] : [{ key, label: own }];
    });
  for (const [section, sectionLines] of lines) {
    lines.set(
      section,
      sectionLines.flatMap((l) => {
        if (removed.has(l.id)) return [];
        const value = editValue(l.value, skill, reworded.get(l.id));
        return value ? [{ ...l, value }] : [];
      }),
    );
  }
  return true;
}

function editValue(value: SynthesisValue, skill: (items: readonly SkillItem[]) => SkillItem[], own: string | undefined): SynthesisValue | undefined {
  switch (value.kind) {
    case 'skills': {
      const items = skill(value.items);
      return items.length > 0 ? { ...value, items } : undefined;
    }
    case 'story':
      return { ...value, skills: skill(value.skills), ...(own !== undefined ? { text: own } : {}) };
    case 'occupation':
      return { ...value, matched: skill(value.matched) };
    case 'step':
      return own !== undefined ? { ...value, action: own } : value;
    default:
      return value;
  }
}

/** The items the person may remove or reword, from a synthesis built without their edits. */
export function editableItems(lines: readonly SynthesisLine[], describeStory: (value: Extract<SynthesisValue, { kind: 'story' }>) => string): EditableItem[] {
  return lines.flatMap((l): EditableItem[] => {
    if (l.value.kind === 'skills') return l.value.items.map((s) => ({ id: s.key, text: s.label, kind: 'skill' }));
    if (l.value.kind === 'story') return [{ id: l.id, text: describeStory(l.value), kind: 'story' }];
    if (l.value.kind === 'step' && l.value.action) return [{ id: l.id, text: l.value.action, kind: 'step' }];
    return [];
  });
}

/**
 * The person's confirmed skills as their synthesis shows them, for the other places that list them (the results card,
 * the « Mon bilan » tab): one per skill (duplicates merged as in the document), removed ones gone, reworded ones in
 * their words (without the taxonomy id, whose label they replaced).
 */
export function editedSkills(record: BilanRecord): ConfirmedSkill[] {
  const edits = record.synthesisEdits;
  const removed = new Set(edits?.removed ?? []);
  return [...mergeSkills(record.skills ?? [])].flatMap(([key, { skill }]) => {
    if (removed.has(key)) return [];
    const own = edits?.reworded[key];
    if (own === undefined) return [skill];
    const { id: _id, ...rest } = skill;
    return [{ ...rest, label: own }];
  });
}
