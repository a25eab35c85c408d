import type { ZodIssue } from 'zod';
import { DataValidationError } from '../errors.js';
import { flowSchema, type Flow, type FlowStep, type Next, type QuestionStep, type SynthesisUse } from './flow-schema.js';

/** A flow file as read from dialogs/, not yet trusted. */
export interface FlowSource {
  readonly file: string;
  readonly data: unknown;
}

/** Tells whether a translation key exists, and is non-empty, in a locale. */
export interface KeyChecker {
  readonly locales: readonly string[];
  has(locale: string, key: string): boolean;
}

const YES_NO = ['yes', 'no'];

/**
 * Parses and cross-checks every flow. Throws one DataValidationError listing every problem
 * as `file#/json/path: what is wrong`, so a content editor can fix them all in one pass.
 */
export function validateFlows(sources: readonly FlowSource[], keys: KeyChecker): Flow[] {
  const problems: string[] = [];
  const flows: Flow[] = [];
  for (const source of sources) {
    const parsed = flowSchema.safeParse(source.data);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => `${source.file}#/${issue.path.join('/')}: ${describeIssue(issue)}`));
      continue;
    }
    problems.push(...checkFlow(source.file, parsed.data, keys));
    flows.push(parsed.data);
  }
  problems.push(...checkAcrossFlows(sources, flows));
  if (problems.length > 0) throw new DataValidationError(`Invalid dialog trees in dialogs/ (${problems.length} problems):`, problems);
  return flows;
}

function describeIssue(issue: ZodIssue): string {
  if (issue.code === 'invalid_union_discriminator') {
    return `unknown step type. Permitted: ${issue.options.map(String).join(', ')}`;
  }
  if (issue.code === 'invalid_enum_value') return `'${String(issue.received)}' is not allowed. Permitted: ${issue.options.join(', ')}`;
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
  return issue.message;
}

function checkFlow(file: string, flow: Flow, keys: KeyChecker): string[] {
  const at = (index: number, field: string) => `${file}#/steps/${index}/${field}`;
  const ids = new Map<string, number>();
  const problems: string[] = [];
  flow.steps.forEach((step, index) => {
    if (ids.has(step.id)) problems.push(`${at(index, 'id')}: duplicate step id '${step.id}'`);
    ids.set(step.id, index);
  });
  const known = [...ids.keys()].join(', ');
  const target = (where: string, id: string) => (ids.has(id) ? [] : [`${where}: target '${id}' does not exist. Known steps: ${known}`]);
  if (!ids.has(flow.start)) problems.push(`${file}#/start: target '${flow.start}' does not exist. Known steps: ${known}`);
  flow.steps.forEach((step, index) => {
    for (const edge of edgesOf(step)) problems.push(...target(at(index, edge.path), edge.id));
    problems.push(...checkStep(flow, step, (field) => at(index, field)));
    for (const ref of keysOf(step)) problems.push(...missingKeys(at(index, ref.path), ref.key, keys));
  });
  problems.push(...unreachable(file, flow));
  return problems;
}

function checkStep(flow: Flow, step: FlowStep, at: (field: string) => string): string[] {
  const problems = step.type === 'question' ? checkQuestionShape(step, at) : [];
  if (step.type === 'action') problems.push(...checkActionInput(flow, step, at));
  if (step.type === 'recap') {
    problems.push(...step.items.flatMap((item, i) =>
      isQuestion(flow, item.question) ? [] : [`${at(`items/${i}/question`)}: '${item.question}' is not a question of this flow`],
    ));
  }
  if (step.type === 'end' || typeof step.next === 'string') return problems;
  return [...problems, ...step.next.branches.flatMap((branch, i) => checkCondition(flow, branch.when, at(`next/branches/${i}/when`)))];
}

function checkQuestionShape(step: QuestionStep, at: (field: string) => string): string[] {
  const problems: string[] = [];
  const choice = step.kind === 'singleChoice' || step.kind === 'multiChoice';
  if (choice && !step.options) problems.push(`${at('options')}: a ${step.kind} question needs at least 2 options`);
  if (!choice && step.options) problems.push(`${at('options')}: only singleChoice and multiChoice questions have options`);
  if (step.kind === 'scale' && !step.scale) problems.push(`${at('scale')}: a scale question needs { "min": 1, "max": 5 | 10 }`);
  if (step.kind !== 'scale' && step.scale) problems.push(`${at('scale')}: only scale questions have a scale`);
  const values = (step.options ?? []).map((o) => o.value);
  if (new Set(values).size !== values.length) problems.push(`${at('options')}: option values must be unique`);
  if (step.extractSkills && step.kind !== 'text') problems.push(`${at('extractSkills')}: only text questions can have their skills extracted`);
  if (step.jobSkills && step.kind !== 'text') problems.push(`${at('jobSkills')}: only text questions offer a job's core competences`);
  if (step.synthesis) problems.push(...checkSynthesisUse(step, step.synthesis, values, (field) => at(`synthesis/${field}`)));
  return problems;
}

const STORY_PARTS = ['situation', 'stakes', 'actions', 'result', 'difficulties'];
const STEP_PARTS = ['action', 'horizon', 'routes'];

/** A story or a step names its number and its part; a horizon's months and a fact read option values. */
function checkSynthesisUse(step: QuestionStep, use: SynthesisUse, values: readonly string[], at: (field: string) => string): string[] {
  const problems: string[] = [];
  const parts = use.as === 'story' ? STORY_PARTS : use.as === 'step' ? STEP_PARTS : [];
  if (parts.length > 0 && (use.group === undefined || use.part === undefined)) problems.push(`${at('as')}: a ${use.as} needs "group" (its number) and "part"`);
  if (use.part !== undefined && !parts.includes(use.part)) problems.push(`${at('part')}: '${use.part}' is not a part of a ${use.as ?? 'line'}. Permitted: ${parts.join(', ') || 'none'}`);
  if (parts.length === 0 && use.group !== undefined) problems.push(`${at('group')}: only a story or a step has a group`);
  if (use.as === 'step' && use.part === 'horizon' && step.kind !== 'singleChoice') problems.push(`${at('part')}: a step's horizon is a singleChoice question`);
  if (use.as === 'step' && use.part === 'routes' && step.kind !== 'multiChoice') problems.push(`${at('part')}: a step's routes are a multiChoice question`);
  const unknown = Object.keys(use.months ?? {}).filter((v) => !values.includes(v));
  if (use.months && use.part !== 'horizon') problems.push(`${at('months')}: only a step's horizon has months`);
  if (unknown.length > 0) problems.push(`${at('months')}: ${unknown.join(', ')} not options of '${step.id}'`);
  if (use.fact && values.length === 0) problems.push(`${at('fact')}: a fact is read from the options of a choice question`);
  return problems;
}

/** The template label a synthesis line of this question shows (stories and steps have their own). */
export function synthesisLabelKey(step: QuestionStep): string | undefined {
  const use = step.synthesis;
  if (!use || use.as === 'story' || use.as === 'step') return undefined;
  return `synthesis:labels.${use.join ?? step.id}`;
}

/** computeHollandCode reads a multiChoice question whose option values start with a RIASEC letter. */
function checkActionInput(flow: Flow, step: Extract<FlowStep, { type: 'action' }>, at: (field: string) => string): string[] {
  const showsAnswers = step.action === 'showResults' || step.action === 'showDerivedFactors';
  const misplacedItems = step.items && !showsAnswers ? [`${at('items')}: only showResults and showDerivedFactors show answers`] : [];
  if (step.action === 'reviewSkills') return [...misplacedItems, ...checkGatheredQuestions(flow, step, at)];
  if (step.questions) return [...misplacedItems, `${at('questions')}: only reviewSkills gathers questions`];
  const misplacedAlso = step.alsoFrom && step.action !== 'confirmJobs' ? [`${at('alsoFrom')}: only confirmJobs reads other answers`] : [];
  if (misplacedAlso.length > 0) return [...misplacedItems, ...misplacedAlso];
  if (step.action === 'confirmJobs') {
    const read = flow.steps.find((s): s is QuestionStep => s.type === 'question' && s.id === step.question);
    return [...misplacedItems, ...(read?.kind === 'text' ? [] : [`${at('question')}: confirmJobs needs the id of a text question of this flow`])];
  }
  if (step.action !== 'computeHollandCode') {
    return [...misplacedItems, ...(step.question ? [`${at('question')}: only computeHollandCode and confirmJobs read a question`] : [])];
  }
  const question = flow.steps.find((s): s is QuestionStep => s.type === 'question' && s.id === step.question);
  if (!question || question.kind !== 'multiChoice') return [`${at('question')}: computeHollandCode needs the id of a multiChoice question of this flow`];
  const unlettered = (question.options ?? []).map((o) => o.value).filter((v) => !/^[riasec]_/.test(v));
  return unlettered.length === 0 ? [] : [`${at('question')}: options of '${question.id}' must start with r_, i_, a_, s_, e_ or c_: ${unlettered.join(', ')}`];
}

/** reviewSkills gathers text questions of this flow that look for skills. */
function checkGatheredQuestions(flow: Flow, step: Extract<FlowStep, { type: 'action' }>, at: (field: string) => string): string[] {
  if (!step.questions) return [`${at('questions')}: reviewSkills needs the questions whose skills it gathers`];
  return step.questions.flatMap((id, i) => {
    const question = flow.steps.find((s): s is QuestionStep => s.type === 'question' && s.id === id);
    return question?.extractSkills ? [] : [`${at(`questions/${i}`)}: '${id}' is not a question of this flow with extractSkills`];
  });
}

function checkCondition(flow: Flow, when: { answer: string; in?: string[] }, where: string): string[] {
  const question = flow.steps.find((s): s is QuestionStep => s.type === 'question' && s.id === when.answer);
  if (!question) return [`${where}/answer: '${when.answer}' is not a question of this flow`];
  if (!when.in) return [];
  const allowed = question.kind === 'yesNo' ? YES_NO : (question.options ?? []).map((o) => o.value);
  const unknown = when.in.filter((v) => !allowed.includes(v));
  return unknown.length === 0 ? [] : [`${where}/in: ${unknown.join(', ')} not answers of '${question.id}'. Permitted: ${allowed.join(', ')}`];
}

function isQuestion(flow: Flow, id: string): boolean {
  return flow.steps.some((s) => s.type === 'question' && s.id === id);
}

function edgesOf(step: FlowStep): { path: string; id: string }[] {
  return step.type === 'end' ? [] : nextEdges(step.next);
}

function nextEdges(next: Next): { path: string; id: string }[] {
  if (typeof next === 'string') return [{ path: 'next', id: next }];
  return [
    ...next.branches.map((b, i) => ({ path: `next/branches/${i}/goto`, id: b.goto })),
    { path: 'next/default', id: next.default },
  ];
}

function keysOf(step: FlowStep): { path: string; key: string }[] {
  switch (step.type) {
    case 'say':
    case 'end':
      return step.messages.map((key, i) => ({ path: `messages/${i}`, key }));
    case 'action':
      return (step.items ?? []).map((item, i) => ({ path: `items/${i}/label`, key: item.label }));
    case 'recap':
      return [{ path: 'prompt', key: step.prompt }, ...step.items.map((item, i) => ({ path: `items/${i}/label`, key: item.label }))];
    case 'question':
      return [
        { path: 'prompt', key: step.prompt },
        { path: 'purpose', key: step.purpose },
        ...(step.hint ? [{ path: 'hint', key: step.hint }] : []),
        ...(step.scale?.minLabel ? [{ path: 'scale/minLabel', key: step.scale.minLabel }] : []),
        ...(step.scale?.maxLabel ? [{ path: 'scale/maxLabel', key: step.scale.maxLabel }] : []),
        ...(step.options ?? []).map((o, i) => ({ path: `options/${i}/label`, key: o.label })),
        ...labelOf(step),
      ];
  }
}

function labelOf(step: QuestionStep): { path: string; key: string }[] {
  const key = synthesisLabelKey(step);
  return key ? [{ path: 'synthesis', key }] : [];
}

function missingKeys(where: string, key: string, keys: KeyChecker): string[] {
  const missing = keys.locales.filter((locale) => !keys.has(locale, key));
  return missing.length === 0 ? [] : [`${where}: key '${key}' is missing or empty in locales/${missing.join(', locales/')}`];
}

function unreachable(file: string, flow: Flow): string[] {
  const seen = new Set<string>();
  const queue = [flow.start];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const step = flow.steps.find((s) => s.id === id);
    if (step) queue.push(...edgesOf(step).map((e) => e.id));
  }
  return flow.steps.flatMap((step, index) =>
    seen.has(step.id) ? [] : [`${file}#/steps/${index}: step '${step.id}' is unreachable from start '${flow.start}'`],
  );
}

function checkAcrossFlows(sources: readonly FlowSource[], flows: readonly Flow[]): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  flows.forEach((flow, i) => {
    const file = sources.find((s) => (s.data as { id?: unknown } | null)?.id === flow.id)?.file ?? `flow ${i}`;
    for (const question of flow.steps.filter((s) => s.type === 'question')) {
      const other = owner.get(question.id);
      if (other) problems.push(`${file}: question id '${question.id}' is also used in ${other}; answers are stored by question id`);
      owner.set(question.id, file);
    }
  });
  const allQuestions = new Set(flows.flatMap((flow) => flow.steps.filter((s) => s.type === 'question').map((s) => s.id)));
  for (const flow of flows) {
    for (const step of flow.steps) {
      if (step.type !== 'action') continue;
      for (const item of step.items ?? []) {
        if (!allQuestions.has(item.question)) problems.push(`flow ${flow.id}, step ${step.id}: '${item.question}' is not a question of any flow`);
      }
    }
  }
  const phases = flows.map((f) => f.phase);
  for (const phase of new Set(phases)) {
    if (phases.filter((p) => p === phase).length > 1) problems.push(`dialogs/: more than one flow conducts phase '${phase}'`);
  }
  return problems;
}
