import type { FlowEngine } from '../../src/core/flow/flow-engine.js';
import type { EngineInput, EngineOutput, EngineResult } from '../../src/core/flow/engine-io.js';
import type { Flow, QuestionStep } from '../../src/core/flow/flow-schema.js';
import { typeset } from '../../src/bot/render/adaptive-card.js';
import { LOCALES } from '../../src/core/locale.js';
import { msg } from '../../src/core/messages.js';
import { realFlows, realTranslations, text } from './flows.js';

/**
 * Walks the flows the way a user who answers anything would, reading what is asked from the dialog data
 * (dialogs/*.flow.json) rather than from a script: adding or moving a question breaks only the tests about it.
 */

/** Typed answers by question id, for the questions a test cares about; every other question gets `typedAnswerTo`. */
export type Answers = Readonly<Record<string, string>>;

/** Some answer to `question`, whatever it asks: a sentence, "oui", the first option, the lowest value. */
export function typedAnswerTo(question: QuestionStep): string {
  switch (question.kind) {
    case 'text':
      return 'Une réponse de test.';
    case 'yesNo':
      return 'oui';
    case 'singleChoice':
    case 'multiChoice':
    case 'scale':
      return '1';
  }
}

/** How a prompt key reads: the key itself (cimode) or its copy in any language. */
function shown(key: string): string[] {
  return [key, ...LOCALES.map((l) => typeset(realTranslations().translator(l)(msg(key))))];
}

/** The question whose prompt key is `promptKey`, in any flow (several steps may share a prompt: they ask alike). */
export function questionByPrompt(promptKey: string | undefined, flows: readonly Flow[] = realFlows()): QuestionStep | undefined {
  for (const flow of flows) {
    const question = flow.steps.find((s): s is QuestionStep => s.type === 'question' && promptKey !== undefined && shown(s.prompt).includes(promptKey));
    if (question) return question;
  }
  return undefined;
}

/** Whether `prompt` (a key, or its copy) is a question of the flow `flowId`. */
export function isQuestionOf(flowId: string, prompt: string | undefined): boolean {
  return questionByPrompt(prompt, realFlows().filter((f) => f.id === flowId)) !== undefined;
}

/** What the user types to a prompt that is not a question: "oui" confirms a recap or the jobs understood, "non" keeps no proposed skill or occupation. */
function typedToOtherPrompt(output: EngineOutput): string | undefined {
  switch (output.type) {
    case 'recap':
    case 'jobReview':
      return 'oui';
    case 'skillReview':
    case 'occupations':
      return 'non';
    default:
      return undefined;
  }
}

/** The input that answers the prompt the flow waits on after `outputs`, or undefined when nothing waits. */
export function inputFor(outputs: readonly EngineOutput[], answers: Answers = {}): EngineInput | undefined {
  const prompt = [...outputs].reverse().find((o) => o.type !== 'message' && o.type !== 'results' && o.type !== 'derivedFactors' && o.type !== 'offer');
  if (!prompt) return undefined;
  if (prompt.type === 'question') return text(answers[prompt.question.id] ?? typedAnswerTo(prompt.question));
  const typed = typedToOtherPrompt(prompt);
  return typed === undefined ? undefined : text(typed);
}

/** A short name of what waits: `?questionId`, `recap:stepId`, `skills`, `occupations`, or undefined. */
export function waitingFor(outputs: readonly EngineOutput[]): string | undefined {
  const prompt = [...outputs].reverse().find((o) => o.type !== 'message' && o.type !== 'results' && o.type !== 'derivedFactors' && o.type !== 'offer');
  if (!prompt) return undefined;
  if (prompt.type === 'question') return `?${prompt.question.id}`;
  if (prompt.type === 'recap' || prompt.type === 'recapChoose') return `recap:${prompt.step.id}`;
  return prompt.type;
}

const MAX_TURNS = 200;

/** Answers whatever `flow` asks, from `start`, until `until(waitingFor)` holds or the flow ends. */
export function walkEngine(engine: FlowEngine, flow: Flow, start: EngineResult, until: (waiting: string | undefined) => boolean, answers: Answers = {}): EngineResult {
  let result = start;
  for (let i = 0; i < MAX_TURNS; i++) {
    const waiting = waitingFor(result.outputs);
    if (until(waiting) || result.status !== 'waiting') return result;
    const input = inputFor(result.outputs, answers);
    if (!input) return result;
    result = engine.answer(result.record, flow, input);
  }
  throw new Error(`walkEngine: still walking after ${MAX_TURNS} answers`);
}

/** The préliminaire up to its recap, on the shortest path (no adjustment, no tripartite agreement). */
export const SHORTEST_PRELIMINAIRE: Answers = { p16_adjustments: 'non', p10_initiative: '1', p11_funding: '1' };

/** A chat over HTTP that {@link walkChat} can drive: in cimode every card TextBlock is an i18n key. */
export interface WalkableChat {
  say(text: string): Promise<unknown>;
  currentPrompt(): string | undefined;
  readonly latestCard?: unknown;
  readonly replies: readonly { attachments?: unknown[] }[];
}

/**
 * Answers by typing whatever the bot asks, as read from the flows, until `until(promptKey)` holds: a finished phase
 * is resumed with « reprendre », a recap confirmed, proposed skills and occupations declined. Returns the ids of the
 * questions it answered, in order.
 */
export async function walkChat(chat: WalkableChat, until: (promptKey: string | undefined) => boolean, answers: Answers = {}): Promise<string[]> {
  const answered: string[] = [];
  for (let i = 0; i < MAX_TURNS; i++) {
    const cardShown = chat.replies.some((a) => (a.attachments?.length ?? 0) > 0);
    const offersResume = JSON.stringify(chat.latestCard ?? {}).includes('"command":"resume"');
    const prompt = cardShown && !offersResume ? chat.currentPrompt() : undefined;
    if (until(prompt)) return answered;
    if (!prompt) {
      await chat.say('reprendre');
      continue;
    }
    const question = questionByPrompt(prompt);
    const recap = isRecapPrompt(prompt);
    const pending = ['common:skills.reviewTitle', 'common:skills.jobReviewTitle', 'common:occupations.title'].some((key) => shown(key).includes(prompt));
    const confirming = recap || shown('common:jobs.reviewTitle').includes(prompt);
    const recapOrPending = confirming ? 'oui' : pending ? 'non' : undefined;
    const typed = question ? (answers[question.id] ?? typedAnswerTo(question)) : recapOrPending;
    if (typed === undefined) throw new Error(`walkChat: do not know how to answer ${prompt}`);
    if (question) answered.push(question.id);
    await chat.say(typed);
  }
  throw new Error(`walkChat: still walking after ${MAX_TURNS} answers`);
}

function isRecapPrompt(prompt: string, flows: readonly Flow[] = realFlows()): boolean {
  return flows.some((f) => f.steps.some((s) => s.type === 'recap' && shown(s.prompt).includes(prompt)));
}

/** The flow that holds the question `questionId`, and that question. */
export function questionById(questionId: string, flows: readonly Flow[] = realFlows()): { flow: Flow; question: QuestionStep } {
  for (const flow of flows) {
    const question = flow.steps.find((s): s is QuestionStep => s.type === 'question' && s.id === questionId);
    if (question) return { flow, question };
  }
  throw new Error(`no question ${questionId} in dialogs/`);
}

/**
 * Answers by typing, as {@link walkChat} does, until the question `questionId` is asked (the first time its prompt
 * is shown); throws if its phase reaches its recap first, so a branch that should lead to it is checked too.
 */
export async function walkTo(chat: WalkableChat, questionId: string, answers: Answers = {}): Promise<string[]> {
  const { flow, question } = questionById(questionId);
  const asked = (prompt: string | undefined): boolean => {
    if (prompt !== undefined && isRecapPrompt(prompt, [flow])) throw new Error(`walkTo: ${flow.id} reached its recap before asking ${questionId}`);
    return prompt !== undefined && shown(question.prompt).includes(prompt);
  };
  return walkChat(chat, asked, answers);
}

/** Answers by typing, as {@link walkChat} does, until a free-text question is asked; returns that question. */
export async function walkToTextQuestion(chat: WalkableChat, answers: Answers = {}): Promise<QuestionStep> {
  await walkChat(chat, (prompt) => questionByPrompt(prompt)?.kind === 'text', answers);
  const question = questionByPrompt(chat.currentPrompt());
  if (!question) throw new Error('walkToTextQuestion: no question is open');
  return question;
}

/** What a user types to pick the options `values` of the choice question `questionId`: their numbers, as listed. */
export function typedChoice(questionId: string, ...values: string[]): string {
  const options = questionById(questionId).question.options ?? [];
  return values
    .map((value) => {
      const index = options.findIndex((o) => o.value === value);
      if (index < 0) throw new Error(`${questionId} has no option ${value}`);
      return String(index + 1);
    })
    .join(', ');
}

/**
 * What a user types to go through `flow` from its first question to its end, answering `answers` where given and
 * anything elsewhere (recap confirmed): a fixed script, for tests that replay turns, derived from the flow data.
 */
export function typedScript(engine: FlowEngine, flow: Flow, start: EngineResult, answers: Answers = {}): string[] {
  const typed: string[] = [];
  let result = start;
  for (let i = 0; i < MAX_TURNS && result.status === 'waiting'; i++) {
    const input = inputFor(result.outputs, answers);
    if (input?.type !== 'text') return typed;
    typed.push(input.text);
    result = engine.answer(result.record, flow, input);
  }
  return typed;
}

/** Typed answers that take the préliminaire from its first question to its recap on the shortest path. */
export function preliminaireToRecap(engine: FlowEngine, flow: Flow, start: EngineResult): string[] {
  const typed = typedScript(engine, flow, start, SHORTEST_PRELIMINAIRE);
  return typed.slice(0, -1); // the last one confirms the recap
}

/**
 * The question asked right after the step `stepId` of `flowId` when the flow goes straight on (each `next` is a step
 * id, say and action steps passed), as read from the dialog data; undefined when what follows depends on the answer.
 */
export function questionAfter(flowId: string, stepId: string, flows: readonly Flow[] = realFlows()): QuestionStep | undefined {
  const flow = flows.find((f) => f.id === flowId);
  let step = flow?.steps.find((s) => s.id === stepId);
  for (let i = 0; flow && i < flow.steps.length && step && 'next' in step && typeof step.next === 'string'; i++) {
    const nextId: string = step.next;
    step = flow.steps.find((s) => s.id === nextId);
    if (step?.type === 'question') return step;
  }
  return undefined;
}

/** The prompt key of the question asked right after the question `questionId` (see {@link questionAfter}). */
export function promptAfter(questionId: string, flows: readonly Flow[] = realFlows()): string | undefined {
  const flow = flows.find((f) => f.steps.some((s) => s.type === 'question' && s.id === questionId));
  return flow ? questionAfter(flow.id, questionId, flows)?.prompt : undefined;
}

/** {@link questionAfter}, for a test that needs one: throws when the flow branches there. */
export function nextQuestion(flowId: string, stepId: string): QuestionStep {
  const question = questionAfter(flowId, stepId);
  if (!question) throw new Error(`dialogs/${flowId}.flow.json: no question straight after ${stepId}`);
  return question;
}

/** The first question of the préliminaire's needs analysis: the one asked right after the engagement. */
export function firstNeedsQuestion(): QuestionStep {
  return nextQuestion('preliminaire', 'record_engagement');
}
