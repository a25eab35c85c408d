import type { Answer, BilanRecord, ConfirmedSkill } from '../bilan/bilan-record.js';
import type { Flow, QuestionStep } from '../flow/flow-schema.js';
import { msg, type MessageRef } from '../messages.js';
import { SKILL_KINDS, type SkillKind } from '../skills/skill-extractor.js';

/**
 * The *document de synthèse* (L6313-4; practice structure from the old R6322-38/39, domain.md §1.6 and §2.6), as a
 * locale-free model: labels are i18n keys (`synthesis:…` keys live in the per-locale template, others in locales/),
 * values are the user's raw answers or the option label keys. Every line is a draft to validate with the counsellor.
 */
export const SYNTHESIS_SECTIONS = ['circumstances', 'competences', 'explorations', 'project', 'comments'] as const;
export type SynthesisSectionId = (typeof SYNTHESIS_SECTIONS)[number];

/** The namespace of the synthesis' own wording; it is resolved from locales/<locale>/synthesis.md, not from the JSON namespaces. */
export const SYNTHESIS_NS = 'synthesis';

export type SynthesisValue =
  /** The user's own words, as typed. */
  | { readonly kind: 'text'; readonly text: string }
  /** One or more options chosen: the raw values and, in the same order, their label keys. */
  | { readonly kind: 'choice'; readonly values: readonly string[]; readonly labels: readonly MessageRef[] }
  | { readonly kind: 'scale'; readonly value: number; readonly max: number }
  | { readonly kind: 'yesNo'; readonly value: boolean; readonly label: MessageRef }
  /** A date of the bilan (ISO 8601), formatted per locale by the renderer. */
  | { readonly kind: 'date'; readonly iso: string }
  /** Holland (RIASEC) code, strongest letter first. */
  | { readonly kind: 'holland'; readonly code: string }
  /** A skill the user confirmed, with the words of their answers it comes from. */
  | { readonly kind: 'skill'; readonly label: string; readonly id?: string; readonly source: ConfirmedSkill['source']; readonly evidence: readonly string[] }
  /** An occupation kept for exploration: skills the user already has and those to develop. */
  | { readonly kind: 'occupation'; readonly code: string; readonly label: string; readonly matched: readonly string[]; readonly gaps: readonly string[] }
  /** A step of the action plan: what, by when (option), with which routes (options). */
  | {
      readonly kind: 'step';
      readonly index: number;
      readonly action?: string;
      readonly horizon?: SynthesisValue & { kind: 'choice' };
      readonly routes?: SynthesisValue & { kind: 'choice' };
    }
  /** A comment the user added to the draft. */
  | { readonly kind: 'comment'; readonly text: string; readonly at: string };

export interface SynthesisLine {
  /** Stable id of the line (e.g. `p10_initiative`, `skill.savoir-faire.2`, `step.1`). */
  readonly id: string;
  readonly label: MessageRef;
  /** The question ids the line comes from, if any. */
  readonly questions: readonly string[];
  readonly value: SynthesisValue;
  /** Always true: a bot-built line is a *proposition à valider* with the counsellor, never final. */
  readonly draft: true;
}

export interface SynthesisSection {
  readonly id: SynthesisSectionId;
  readonly heading: MessageRef;
  readonly lines: readonly SynthesisLine[];
  /** True when nothing is answered yet: the section is still shown and says so. */
  readonly empty: boolean;
}

export interface Synthesis {
  readonly status: 'draft';
  readonly generatedAt: string;
  readonly sections: readonly SynthesisSection[];
  /** Versions of the taxonomies skills and occupations come from (e.g. { rome: "4.0 v460" }), for the sources note. */
  readonly taxonomies: Readonly<Record<string, string>>;
}

export interface SynthesisComment {
  readonly text: string;
  readonly at: string;
}

/** Answers that never enter the synthesis: consent internals, wellbeing and pressure questions, the satisfaction score. */
export const EXCLUDED_QUESTIONS: ReadonlySet<string> = new Set([
  'p17_information_read',
  'p00_engagement',
  'p11_agreement',
  'p12_freedom',
  'p13_worries',
  'p16_adjustments',
  'p16_adjustment_types',
  'c17_satisfaction',
]);

const CIRCUMSTANCES = [
  'p10_initiative',
  'p11_funding',
  'p15_format',
  'p01_trigger',
  'p03_situation',
  'p05_questions',
] as const;
const VALUES = ['i25_values_first', 'i25_values_second', 'i25_values_third'] as const;
const POTENTIALS = ['i28_energy_gives'] as const;
const EXPLORATIONS_BEFORE = ['i47_evolution_options', 'i43_attracting_jobs'] as const;
const EXPLORATIONS_AFTER = ['i53_missing', 'i54_vae', 'i56_training_time'] as const;
const PROJECT = ['c01_main_project', 'c07_alternative', 'c03_confidence', 'p14_constraints', 'c05_hindering_factors'] as const;
const PROJECT_AFTER = ['c12_indicator', 'c15_follow_up'] as const;
const STEPS = [1, 2] as const;

const label = (id: string): MessageRef => msg(`${SYNTHESIS_NS}:labels.${id}`);

/** Builds the synthesis draft from the record. Pure: `now` only stamps it; `comments` are the user's own. */
export function buildSynthesis(
  record: BilanRecord,
  flows: readonly Flow[],
  now: Date,
  comments: readonly SynthesisComment[] = [],
): Synthesis {
  const questions = indexQuestions(flows);
  const answerLine = (id: string): SynthesisLine | undefined => {
    if (EXCLUDED_QUESTIONS.has(id)) return undefined;
    const question = questions.get(id);
    const value = question && answerValue(question, record.answers[id]);
    return value && line(id, label(id), [id], value);
  };
  const answerLines = (ids: readonly string[]) => ids.map(answerLine).filter((l): l is SynthesisLine => l !== undefined);

  const circumstances = [
    ...answerLines(CIRCUMSTANCES),
    ...dateLine('engaged_at', record.consent.engagedAt),
    ...dateLine('objectives_confirmed_at', record.consent.objectivesConfirmedAt),
  ];

  const competences = [
    ...skillLines(record.skills ?? []),
    ...(record.interests?.holland ? [line('holland', label('holland'), [], { kind: 'holland', code: record.interests.holland })] : []),
    ...answerLines(['i32_work_with', ...VALUES, ...POTENTIALS]),
  ];

  const explorations = [
    ...answerLines(EXPLORATIONS_BEFORE),
    ...(record.explorations ?? []).map((o, i) =>
      line(`occupation.${i + 1}`, label('occupation'), [], {
        kind: 'occupation',
        code: o.code,
        label: o.label,
        matched: o.matchedSkills.map((s) => s.label),
        gaps: o.gaps.map((s) => s.label),
      }),
    ),
    ...answerLines(EXPLORATIONS_AFTER),
  ];

  const project = [
    ...answerLines(PROJECT),
    ...STEPS.flatMap((n) => stepLine(n, questions, record)),
    ...answerLines(PROJECT_AFTER),
  ];

  const commentLines = comments
    .filter((c) => c.text.trim().length > 0)
    .map((c, i) => line(`comment.${i + 1}`, label('comment'), [], { kind: 'comment', text: c.text, at: c.at }));

  const byId: Record<SynthesisSectionId, SynthesisLine[]> = { circumstances, competences, explorations, project, comments: commentLines };
  return {
    status: 'draft',
    generatedAt: now.toISOString(),
    sections: SYNTHESIS_SECTIONS.map((id) => ({ id, heading: msg(`${SYNTHESIS_NS}:sections.${id}`), lines: byId[id], empty: byId[id].length === 0 })),
    taxonomies: { ...(record.taxonomies ?? {}) },
  };
}

function line(id: string, lineLabel: MessageRef, questions: readonly string[], value: SynthesisValue): SynthesisLine {
  return { id, label: lineLabel, questions, value, draft: true };
}

function dateLine(id: string, iso: string | undefined): SynthesisLine[] {
  return iso ? [line(id, label(id), [], { kind: 'date', iso })] : [];
}

/** Confirmed skills by kind (savoir, savoir-faire, savoir-être), then those the user added without a kind. */
function skillLines(skills: readonly ConfirmedSkill[]): SynthesisLine[] {
  const groups: (SkillKind | 'other')[] = [...SKILL_KINDS, 'other'];
  return groups.flatMap((kind) =>
    skills
      .filter((s) => (s.kind ?? 'other') === kind)
      .map((s, i) =>
        line(`skill.${kind}.${i + 1}`, label(`skill.${kind}`), [s.question], {
          kind: 'skill',
          label: s.label,
          ...(s.id ? { id: s.id } : {}),
          source: s.source,
          evidence: s.evidence,
        }),
      ),
  );
}

function stepLine(n: number, questions: ReadonlyMap<string, QuestionStep>, record: BilanRecord): SynthesisLine[] {
  const ids = { action: `c09_step${n}_action`, date: `c09_step${n}_date`, resources: `c10_step${n}_resources` };
  const value = (id: string) => {
    const question = questions.get(id);
    return question && answerValue(question, record.answers[id]);
  };
  const action = value(ids.action);
  const horizon = value(ids.date);
  const routes = value(ids.resources);
  if (!action && !horizon && !routes) return [];
  const answered = Object.values(ids).filter((id) => value(id) !== undefined);
  return [
    line(`step.${n}`, msg(`${SYNTHESIS_NS}:labels.step`, { n }), answered, {
      kind: 'step',
      index: n,
      ...(action?.kind === 'text' ? { action: action.text } : {}),
      ...(horizon?.kind === 'choice' ? { horizon } : {}),
      ...(routes?.kind === 'choice' ? { routes } : {}),
    }),
  ];
}

/** The value of an answer as the synthesis shows it, or undefined when skipped, empty or unreadable. */
function answerValue(question: QuestionStep, answer: Answer | undefined): SynthesisValue | undefined {
  if (!answer || answer.skipped || answer.value === undefined) return undefined;
  const raw = answer.value;
  switch (question.kind) {
    case 'text':
      return typeof raw === 'string' && raw.trim().length > 0 ? { kind: 'text', text: raw } : undefined;
    case 'scale':
      return typeof raw === 'number' ? { kind: 'scale', value: raw, max: question.scale?.max ?? 10 } : undefined;
    case 'yesNo':
      if (raw !== 'yes' && raw !== 'no') return undefined;
      return { kind: 'yesNo', value: raw === 'yes', label: msg(raw === 'yes' ? 'common:card.yes' : 'common:card.no') };
    case 'singleChoice':
    case 'multiChoice': {
      const values = (Array.isArray(raw) ? raw : [String(raw)]).filter((v) => v.length > 0);
      if (values.length === 0) return undefined;
      const keys = new Map((question.options ?? []).map((o) => [o.value, o.label]));
      // An unknown value (e.g. from an older flow version) reads back as itself rather than disappearing.
      const labels = values.map((v) => {
        const key = keys.get(v);
        return key ? msg(key) : msg(`${SYNTHESIS_NS}:raw`, { value: v });
      });
      return { kind: 'choice', values, labels };
    }
  }
}

function indexQuestions(flows: readonly Flow[]): Map<string, QuestionStep> {
  const out = new Map<string, QuestionStep>();
  for (const flow of flows) for (const step of flow.steps) if (step.type === 'question') out.set(step.id, step);
  return out;
}
