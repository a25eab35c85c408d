import type { BilanRecord } from '../bilan/bilan-record.js';
import { SYNTHESIS_SECTIONS, type Flow, type SynthesisSectionId } from '../flow/flow-schema.js';
import { msg, type MessageRef } from '../messages.js';
import { noContentOnly, type NonAnswerTest } from '../text/non-answer.js';
import { planSteps, type PlanStep } from './action-plan.js';
import { conflictsOf, type Conflict } from './feasibility.js';
import { curateSkills, groupOf, SKILL_GROUPS, type CuratedSkill } from './skill-curation.js';
import { declaredQuestions, readAnswer, type AnswerReading, type DeclaredQuestion } from './synthesis-answers.js';
import { applyEdits } from './synthesis-edits.js';
import { storyLines, storyTextKeys, textKey } from './stories.js';
import { label, line } from './synthesis-line.js';

export { SYNTHESIS_SECTIONS, type SynthesisSectionId };

/**
 * The *document de synthèse* (L6313-4; practice structure from domain.md §1.6 and §2.6), as a locale-free model:
 * labels are i18n keys (`synthesis:…` keys live in the per-locale template), values are the person's words or option
 * label keys. Which answers enter it, where and how is declared per question in dialogs/*.flow.json (`synthesis`).
 * The whole document is one draft to validate with the consultant; the person's own edits are applied.
 */

/** The namespace of the synthesis' own wording; it is resolved from locales/<locale>/synthesis.md. */
export { SYNTHESIS_NS } from './synthesis-line.js';

export type SynthesisValue =
  | AnswerReading
  /** A date of the bilan (ISO 8601), formatted per locale by the renderer. */
  | { readonly kind: 'date'; readonly iso: string }
  /** Holland (RIASEC) code, strongest letter first; the renderer explains each letter. */
  | { readonly kind: 'holland'; readonly code: string }
  /** The jobs the person confirmed having held, as they named them, the current one marked. */
  | { readonly kind: 'jobs'; readonly items: readonly { readonly label: string; readonly current: boolean }[] }
  /** Curated skills of one group (those serving the project, or one kind). */
  | { readonly kind: 'skills'; readonly items: readonly SkillItem[] }
  /** An achievement condensed from its story, with the skills it shows; `text` when the person reworded it. */
  | { readonly kind: 'story'; readonly index: number; readonly parts: StoryParts; readonly text?: string; readonly skills: readonly SkillItem[] }
  /** An occupation kept for exploration: skills the person already has and those to develop. */
  | { readonly kind: 'occupation'; readonly code: string; readonly label: string; readonly matched: readonly SkillItem[]; readonly gaps: readonly SkillItem[] }
  | ({ readonly kind: 'step' } & Omit<PlanStep, 'questions'>)
  /** Something in the plan that may conflict (funding, time, mobility), to check with the consultant. */
  | { readonly kind: 'conflict'; readonly conflict: Conflict }
  /** An answer marked "not sure", or words that say nothing yet: the question is left for the consultant. */
  | { readonly kind: 'unsure' }
  /** A comment the person added to the draft. */
  | { readonly kind: 'comment'; readonly text: string; readonly at: string };

/** A skill as shown: `id` (ROME code or ESCO URI) lets a renderer show the label of its language. */
export interface SkillItem {
  readonly key: string;
  readonly label: string;
  readonly id?: string;
}

export type StoryParts = Partial<Record<'situation' | 'stakes' | 'actions' | 'result' | 'difficulties', string>>;

export interface SynthesisLine {
  /** Stable id of the line (a question id, `skills.project`, `story.1`, `step.2`, `conflict.sameCpf`…). */
  readonly id: string;
  readonly label: MessageRef;
  /** The question ids the line comes from, if any. */
  readonly questions: readonly string[];
  readonly value: SynthesisValue;
}

export interface SynthesisSection {
  readonly id: SynthesisSectionId;
  readonly heading: MessageRef;
  readonly lines: readonly SynthesisLine[];
  /** True when nothing is there yet: the section is still shown and says so. */
  readonly empty: boolean;
}

export interface Synthesis {
  readonly status: 'draft';
  readonly generatedAt: string;
  readonly sections: readonly SynthesisSection[];
  /** Versions of the taxonomies skills and occupations come from (e.g. { rome: "4.0 v460" }), for the sources note. */
  readonly taxonomies: Readonly<Record<string, string>>;
  /** True when the person edited the draft (removed or reworded lines). */
  readonly edited: boolean;
}

export interface SynthesisComment {
  readonly text: string;
  readonly at: string;
}

export interface SynthesisOptions {
  /** Words that carry no content ("je ne sais pas", "bonjour"): never quoted, the question goes to the consultant. */
  readonly isNonAnswer?: NonAnswerTest;
}


/** Builds the synthesis draft from the record. Pure: `now` only stamps it. */
export function buildSynthesis(record: BilanRecord, flows: readonly Flow[], now: Date, options: SynthesisOptions = {}): Synthesis {
  const isNonAnswer = options.isNonAnswer ?? noContentOnly;
  const questions = declaredQuestions(flows);
  const lines = new Map<SynthesisSectionId, SynthesisLine[]>(SYNTHESIS_SECTIONS.map((id) => [id, []]));
  const add = (section: SynthesisSectionId, ...added: SynthesisLine[]) => lines.get(section)?.push(...added);

  const stories = storyLines(record, questions, isNonAnswer);
  const { answered, unsure } = answerLines(record, questions, isNonAnswer, storyTextKeys(stories));
  for (const { section, line } of answered) add(section, line);
  add('demand', ...dateLine('engaged_at', record.consent.engagedAt), ...dateLine('objectives_confirmed_at', record.consent.objectivesConfirmedAt));
  add('achievements', ...stories);
  lines.set('career', [...jobLines(record), ...(lines.get('career') ?? [])]);

  const projectTexts = answered.filter((a) => a.section === 'project').flatMap(({ line }) => (line.value.kind === 'text' ? [line.value.text] : []));
  const skills = curateSkills(record, [...projectTexts, ...(record.explorations ?? []).map((o) => o.label)]);
  lines.set('competences', [...skillLines(skills), ...(lines.get('competences') ?? [])]);
  if (record.interests?.holland) lines.set('interests', [line('holland', label('holland'), [], { kind: 'holland', code: record.interests.holland }), ...(lines.get('interests') ?? [])]);
  add('explorations', ...occupationLines(record));

  const steps = planSteps(record, questions, isNonAnswer);
  add('project', ...conflictsOf(record, questions, steps).map((c) => line(`conflict.${c}`, label(`conflict.${c}`), [], { kind: 'conflict', conflict: c })));
  lines.set('plan', [...steps.map(({ questions: from, ...step }) => line(`step.${step.index}`, label('step', { n: step.index }), from, { kind: 'step', ...step })), ...(lines.get('plan') ?? [])]);

  add('questions', ...unsure, ...(record.questionsForCounsellor ?? []).filter((q) => !isNonAnswer(q.text)).map((q, i) => line(`asked.${i + 1}`, label('asked'), [q.question], { kind: 'text', text: q.text })));
  add('comments', ...(record.comments ?? []).filter((c) => c.text.trim().length > 0).map((c, i) => line(`comment.${i + 1}`, label('comment'), [], { kind: 'comment', text: c.text, at: c.at })));

  const edited = applyEdits(lines, record.synthesisEdits);
  return {
    status: 'draft',
    generatedAt: now.toISOString(),
    sections: SYNTHESIS_SECTIONS.map((id) => {
      const sectionLines = lines.get(id) ?? [];
      return { id, heading: msg(`synthesis:sections.${id}`), lines: sectionLines, empty: sectionLines.length === 0 };
    }),
    taxonomies: { ...(record.taxonomies ?? {}) },
    edited,
  };
}

/**
 * Lines of the answers declared `line` or `question` (merged by `join`), and the questions left unsure. `said` holds
 * the words already in the document (the achievements'): an answer repeating them is not shown again.
 */
function answerLines(record: BilanRecord, questions: readonly DeclaredQuestion[], isNonAnswer: NonAnswerTest, said: Set<string>) {
  const answered: { section: SynthesisSectionId; line: SynthesisLine }[] = [];
  const unsure: SynthesisLine[] = [];
  const states = questions.map(({ step, use }) => ({ step, use, state: readAnswer(step, record.answers[step.id], isNonAnswer) }));
  const textOf = ({ use, state }: (typeof states)[number]) =>
    state.type === 'content' && state.value.kind === 'text' && use.as !== 'story' && use.as !== 'step' ? textKey(state.value.text) : undefined;
  // The same words typed again for another question (a pasted or repeated answer) are shown once, where they were
  // last given: the later question is the more considered one (the project rather than the first expectations).
  const lastAt = new Map(states.map((s, i) => [textOf(s), i]));
  for (const [i, entry] of states.entries()) {
    const { step, use, state } = entry;
    const key = textOf(entry);
    if (key !== undefined && (said.has(key) || lastAt.get(key) !== i)) continue;
    if (state.type === 'unsure') unsure.push(line(`unsure.${step.id}`, unsureLabel(step.id, use), [step.id], { kind: 'unsure' }));
    if (state.type !== 'content' || use.as === 'story' || use.as === 'step') continue;
    const section = use.as === 'question' ? 'questions' : use.section;
    const joined = use.join ? answered.find((a) => a.line.id === use.join) : undefined;
    if (joined && joined.line.value.kind === 'choice' && state.value.kind === 'choice') {
      const value = joined.line.value;
      const extra = state.value;
      const fresh = extra.values.flatMap((v, i) => (value.values.includes(v) ? [] : [i]));
      const values = [...value.values, ...fresh.map((i) => extra.values[i] as string)];
      const labels = [...value.labels, ...fresh.map((i) => extra.labels[i] as MessageRef)];
      joined.line = { ...joined.line, questions: [...joined.line.questions, step.id], value: { ...value, values, labels } };
      continue;
    }
    answered.push({ section, line: line(use.join ?? step.id, label(use.join ?? step.id), [step.id], state.value) });
  }
  return { answered, unsure };
}

function unsureLabel(id: string, use: DeclaredQuestion['use']): MessageRef {
  if (use.as === 'story' || use.as === 'step') return label(use.as, { n: use.group ?? 1 });
  return label(use.join ?? id);
}

function dateLine(id: string, iso: string | undefined): SynthesisLine[] {
  return iso ? [line(id, label(id), [], { kind: 'date', iso })] : [];
}

/** One line per group: the skills serving the project first, then by kind (savoir, savoir-faire, savoir-être). */
function skillLines(skills: readonly CuratedSkill[]): SynthesisLine[] {
  return SKILL_GROUPS.flatMap((group) => {
    const inGroup = skills.filter((s) => groupOf(s) === group);
    if (inGroup.length === 0) return [];
    const items = inGroup.map((s) => ({ key: s.key, label: s.label, ...(s.id ? { id: s.id } : {}) }));
    return [line(`skills.${group}`, label(`skills.${group}`), [...new Set(inGroup.flatMap((s) => s.questions))], { kind: 'skills', items })];
  });
}

function jobLines(record: BilanRecord): SynthesisLine[] {
  const jobs = record.jobs ?? [];
  if (jobs.length === 0) return [];
  const items = jobs.map((j) => ({ label: j.said ?? j.label, current: j.current === true }));
  return [line('jobs', label('jobs'), [...new Set(jobs.map((j) => j.question))], { kind: 'jobs', items })];
}

function occupationLines(record: BilanRecord): SynthesisLine[] {
  const item = (s: { id: string; label: string }) => ({ key: s.id, label: s.label, id: s.id });
  return (record.explorations ?? []).map((o, i) =>
    line(`occupation.${i + 1}`, label('occupation'), [], { kind: 'occupation', code: o.code, label: o.label, matched: o.matchedSkills.map(item), gaps: o.gaps.map(item) }),
  );
}
