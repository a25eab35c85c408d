import { z } from 'zod';
import { PHASES } from '../phases.js';

/** Step and question ids: stable snake_case, never renumbered (answers are stored under them). */
const stepId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case (a-z, 0-9, _)');
/** i18n keys as `namespace:area.item`; the copy itself lives in locales/. */
const i18nKey = z.string().regex(/^[a-z]+:[A-Za-z0-9_.]+$/, "must look like 'namespace:area.item'");
const optionValue = z.string().regex(/^[a-z0-9_]+$/, 'must be snake_case');

export const QUESTION_KINDS = ['text', 'singleChoice', 'multiChoice', 'yesNo', 'scale'] as const;
export const ACTIONS = [
  'acknowledgeInformation',
  'recordEngagement',
  'recordRefusal',
  /** Scores the RIASEC letters of the options chosen in `question` (values start with `r_`, `i_`, `a_`, `s_`, `e_`, `c_`). */
  'computeHollandCode',
  /** Proposes ROME occupations from the confirmed skills and the Holland code; the user keeps those to explore. */
  'proposeOccupations',
  /** One skills card for the answers to `questions` (each a text question with `extractSkills`), instead of one each. */
  'reviewSkills',
  /** Shows the jobs recognised in the answer to `question` (a career path) for the person to confirm or correct. */
  'confirmJobs',
  /** Shows the detailed results: confirmed skills by kind, Holland code, values, potentials, occupations kept. */
  'showResults',
  /** Shows the factors derived from the answers: skill gaps of the occupations kept, constraints stated. */
  'showDerivedFactors',
] as const;
export const END_OUTCOMES = ['completed', 'refused', 'postponed'] as const;

const condition = z.union([
  z.object({ answer: stepId, in: z.array(optionValue).min(1) }).strict(),
  z.object({ answer: stepId, skipped: z.literal(true) }).strict(),
]);

const next = z.union([
  stepId,
  z
    .object({
      branches: z.array(z.object({ when: condition, goto: stepId }).strict()).min(1),
      default: stepId,
    })
    .strict(),
]);

const option = z.object({ value: optionValue, label: i18nKey }).strict();

const scale = z
  .object({
    min: z.literal(1),
    max: z.union([z.literal(5), z.literal(10)]),
    minLabel: i18nKey.optional(),
    maxLabel: i18nKey.optional(),
  })
  .strict();

/** The sections of the document de synthèse, in document order (domain.md §2.6); numbered in the templates. */
export const SYNTHESIS_SECTIONS = [
  'demand',
  'career',
  'achievements',
  'competences',
  'interests',
  'explorations',
  'project',
  'plan',
  'questions',
  'comments',
] as const;

/**
 * How an answer feeds the synthesis. `line` (default): a labelled line; `story`: part `part` of achievement `group`;
 * `step`: part `part` of action-plan step `group` (`months` turns a horizon option into a due date); `question`: a
 * question the person asks, for the consultant. `join` merges the lines sharing it into one (e.g. three values).
 * `fact` names what the feasibility checks read (funding, mobility, time for training, constraints).
 */
const synthesisUse = z
  .object({
    section: z.enum(SYNTHESIS_SECTIONS),
    as: z.enum(['line', 'story', 'step', 'question']).optional(),
    group: z.number().int().positive().optional(),
    part: z.enum(['situation', 'stakes', 'actions', 'result', 'difficulties', 'action', 'horizon', 'routes']).optional(),
    months: z.record(optionValue, z.number().int().positive()).optional(),
    join: stepId.optional(),
    fact: z.enum(['funding', 'mobility', 'trainingTime', 'constraints']).optional(),
  })
  .strict();

const common = {
  id: stepId,
  description: z.string().min(1).optional(),
};

const sayStep = z.object({ ...common, type: z.literal('say'), messages: z.array(i18nKey).min(1), next }).strict();

const questionStep = z
  .object({
    ...common,
    type: z.literal('question'),
    kind: z.enum(QUESTION_KINDS),
    prompt: i18nKey,
    hint: i18nKey.optional(),
    /** Information shown in full one tap away on the question's card (P17: the rights before engaging). */
    details: z.array(i18nKey).min(1).optional(),
    /** Why the bilan needs this answer (L6313-4: a direct and necessary link); shown on demand. */
    purpose: i18nKey,
    /** True when the counsellor must debrief the answer with the beneficiary. */
    debrief: z.boolean().optional(),
    /** Options already chosen in these questions are not offered again (a ranking asked one rank at a time). */
    distinctFrom: z.array(stepId).min(1).optional(),
    /** Free-text answers only: what the answer gives the bilan, named back to the user in one line (never quoting it). */
    understood: z.enum(['achievement', 'job', 'path', 'project']).optional(),
    /** Free-text answers that are questions are this question's answers, not questions for the counsellor (P05). */
    welcomesQuestions: z.boolean().optional(),
    /** Free-text answers only: look for skills in the answer and ask the user to confirm them. */
    extractSkills: z.boolean().optional(),
    /** Free-text answers only: the skills card after the answer also offers the current job's core competences to tick. */
    jobSkills: z.boolean().optional(),
    /** Which synthesis section the answer feeds, and how; a question without it stays out of the synthesis. */
    synthesis: synthesisUse.optional(),
    options: z.array(option).min(2).optional(),
    scale: scale.optional(),
    next,
  })
  .strict();

const recapItem = z.object({ question: stepId, label: i18nKey }).strict();

const actionStep = z
  .object({
    ...common,
    type: z.literal('action'),
    action: z.enum(ACTIONS),
    question: stepId.optional(),
    /** reviewSkills: the questions whose skills the card gathers. */
    questions: z.array(stepId).min(1).optional(),
    /** confirmJobs: other answers (of any phase) where a job the person names as theirs counts too (« je suis… »). */
    alsoFrom: z.array(stepId).min(1).optional(),
    /** showResults and showDerivedFactors: answers (of any phase) shown with them, e.g. values, constraints. */
    items: z.array(recapItem).min(1).optional(),
    /**
     * proposeOccupations: the questions whose answers say what the person does and wants (career path, missions,
     * more of, less of, targets, outside work); occupations are then ranked from them (docs/occupations.md).
     */
    wishes: z
      .object({
        careerPath: stepId.optional(),
        currentMissions: stepId.optional(),
        moreOf: stepId.optional(),
        lessOf: stepId.optional(),
        targets: stepId.optional(),
        outsideWork: stepId.optional(),
      })
      .strict()
      .optional(),
    next,
  })
  .strict();

const recapStep = z
  .object({
    ...common,
    type: z.literal('recap'),
    prompt: i18nKey,
    items: z.array(recapItem).min(1),
    /** What a confirmation records besides the phase's recap date: `objectives` for the préliminaire (P19). */
    confirms: z.enum(['objectives']).optional(),
    next,
  })
  .strict();

const endStep = z
  .object({ ...common, type: z.literal('end'), outcome: z.enum(END_OUTCOMES), messages: z.array(i18nKey).min(1) })
  .strict();

export const flowStepSchema = z.discriminatedUnion('type', [sayStep, questionStep, actionStep, recapStep, endStep]);

export const flowSchema = z
  .object({
    id: stepId,
    version: z.number().int().positive(),
    phase: z.enum(PHASES),
    description: z.string().min(1),
    start: stepId,
    steps: z.array(flowStepSchema).min(1),
  })
  .strict();

export type Flow = z.infer<typeof flowSchema>;
export type FlowStep = z.infer<typeof flowStepSchema>;
export type QuestionStep = z.infer<typeof questionStep>;
export type SynthesisUse = z.infer<typeof synthesisUse>;
export type SynthesisSectionId = (typeof SYNTHESIS_SECTIONS)[number];
export type RecapStep = z.infer<typeof recapStep>;
export type Next = z.infer<typeof next>;
export type Condition = z.infer<typeof condition>;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type ActionName = (typeof ACTIONS)[number];
export type EndOutcome = (typeof END_OUTCOMES)[number];
export type StepType = FlowStep['type'];
