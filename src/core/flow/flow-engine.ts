import type { Answer, BilanRecord, PhaseProgress } from '../bilan/bilan-record.js';
import { emptyRecord } from '../bilan/bilan-record.js';
import type { Clock } from '../clock.js';
import { DomainError } from '../errors.js';
import { msg, type MessageRef } from '../messages.js';
import { isSkipRequest, parseAnswer, type AnswerLimits, type RawAnswer, type Vocabulary } from './answer-parsers.js';
import { findQuestion, findStep } from './flow-catalog.js';
import { resolveNext } from './branching.js';
import type { ActionName, EndOutcome, Flow, QuestionStep, RecapStep } from './flow-schema.js';

/** Something the user sent while a flow waits: typed text or a card submission naming the prompt it answers. */
export type EngineInput =
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'submit';
      readonly flowId: string;
      readonly flowVersion: number;
      readonly promptId: string;
      readonly value?: unknown;
      readonly skip?: boolean;
    };

export interface RecapLine {
  readonly label: string;
  readonly question: QuestionStep;
  readonly answer: Answer | undefined;
}

/** What the engine wants shown, in order. Render turns these into Teams activities. */
export type EngineOutput =
  | { readonly type: 'message'; readonly message: MessageRef }
  | { readonly type: 'question'; readonly flow: Flow; readonly question: QuestionStep; readonly promptId: string }
  | { readonly type: 'recap'; readonly flow: Flow; readonly step: RecapStep; readonly lines: readonly RecapLine[]; readonly promptId: string }
  | { readonly type: 'recapChoose'; readonly flow: Flow; readonly step: RecapStep; readonly lines: readonly RecapLine[]; readonly promptId: string };

export type FlowStatus = 'waiting' | EndOutcome;

export interface EngineResult {
  readonly record: BilanRecord;
  readonly outputs: readonly EngineOutput[];
  readonly status: FlowStatus;
}

export interface FlowEngineOptions {
  readonly clock: Clock;
  readonly vocabulary: Vocabulary;
  readonly limits: AnswerLimits;
}

const MAX_STEPS_PER_TURN = 50;
const CHOOSE_SUFFIX = '#choose';

/**
 * Runs a flow (dialogs/*.flow.json) over a bilan record. Pure: (record, input) → (record, outputs);
 * it never touches storage, botbuilder or copy.
 */
export class FlowEngine {
  constructor(private readonly options: FlowEngineOptions) {}

  /** Starts `flow` at its first step. */
  start(record: BilanRecord, flow: Flow): EngineResult {
    const progress: PhaseProgress = {
      flowId: flow.id,
      flowVersion: flow.version,
      stepId: flow.start,
      status: 'active',
      startedAt: this.now(),
    };
    return this.runFrom(withProgress(record, flow, progress), flow, flow.start, []);
  }

  /** Shows the current prompt again; if the flow changed since the user left, restarts its phase. */
  resume(record: BilanRecord, flow: Flow): EngineResult {
    const progress = record.phases[flow.phase];
    if (!progress || progress.status !== 'active') return this.start(record, flow);
    if (progress.flowVersion !== flow.version || !findStep(flow, progress.stepId)) {
      const restarted = this.start(record, flow);
      return { ...restarted, outputs: [{ type: 'message', message: msg('common:flow.changed') }, ...restarted.outputs] };
    }
    return { record, outputs: this.promptFor(record, flow, progress), status: 'waiting' };
  }

  /** Applies the user's input to the step the flow waits on. */
  answer(record: BilanRecord, flow: Flow, input: EngineInput): EngineResult {
    const progress = record.phases[flow.phase];
    if (!progress || progress.status !== 'active') throw new DomainError(`Flow ${flow.id} is not active`);
    if (progress.flowVersion !== flow.version) return this.resume(record, flow);
    if (input.type === 'submit' && !this.isCurrentPrompt(progress, input)) {
      return this.reprompt(record, flow, progress, msg('common:answer.staleCard'));
    }
    const step = findStep(flow, progress.stepId);
    if (step?.type === 'recap') return this.answerRecap(record, flow, step, progress, input);
    if (step?.type !== 'question') throw new DomainError(`Flow ${flow.id} waits on a non-question step ${progress.stepId}`);
    return this.answerQuestion(record, flow, step, input, (r) => this.runFrom(r, flow, resolveNext(r, step.next), []));
  }

  private answerQuestion(
    record: BilanRecord,
    flow: Flow,
    question: QuestionStep,
    input: EngineInput,
    then: (record: BilanRecord) => EngineResult,
  ): EngineResult {
    const raw = toRaw(input);
    const skipped = input.type === 'submit' ? input.skip === true : isSkipRequest(raw, this.options.vocabulary);
    if (skipped) return then(this.store(record, flow, question.id, { skipped: true }));
    const parsed = parseAnswer(question, raw, this.options.vocabulary, this.options.limits);
    if (!parsed.ok) return this.reprompt(record, flow, activeProgress(record, flow), parsed.reason);
    return then(this.store(record, flow, question.id, { value: parsed.value }));
  }

  private answerRecap(record: BilanRecord, flow: Flow, step: RecapStep, progress: PhaseProgress, input: EngineInput): EngineResult {
    const mode = progress.recap;
    if (mode?.mode === 'editing') {
      const question = findQuestion(flow, mode.questionId);
      if (!question) return this.setRecapMode(record, flow, undefined);
      return this.answerQuestion(record, flow, question, input, (r) => this.setRecapMode(r, flow, undefined));
    }
    if (mode?.mode === 'choosing') return this.chooseCorrection(record, flow, step, input);
    const choice = recapChoice(input, this.options.vocabulary);
    if (choice === 'confirm') {
      const confirmed = this.touch({ ...record, consent: { ...record.consent, objectivesConfirmedAt: this.now() } });
      return this.runFrom(confirmed, flow, resolveNext(confirmed, step.next), []);
    }
    if (choice === 'later') return this.runFrom(record, flow, resolveNext(record, step.next), []);
    if (choice === 'correct') return this.setRecapMode(record, flow, { mode: 'choosing' });
    return this.reprompt(record, flow, progress, msg('common:recap.useButtons'));
  }

  private chooseCorrection(record: BilanRecord, flow: Flow, step: RecapStep, input: EngineInput): EngineResult {
    const picked = pickRecapItem(step, input);
    if (picked?.type === 'back') return this.setRecapMode(record, flow, undefined);
    if (!picked) return this.reprompt(record, flow, activeProgress(record, flow), msg('common:recap.chooseItem'));
    return this.setRecapMode(record, flow, { mode: 'editing', questionId: picked.questionId });
  }

  private setRecapMode(record: BilanRecord, flow: Flow, recap: PhaseProgress['recap']): EngineResult {
    const { recap: _previous, ...rest } = activeProgress(record, flow);
    const progress: PhaseProgress = recap ? { ...rest, recap } : rest;
    const updated = withProgress(record, flow, progress);
    return { record: updated, outputs: this.promptFor(updated, flow, progress), status: 'waiting' };
  }

  private runFrom(record: BilanRecord, flow: Flow, stepId: string, outputs: EngineOutput[]): EngineResult {
    let current = record;
    let id = stepId;
    for (let i = 0; i < MAX_STEPS_PER_TURN; i++) {
      const step = findStep(flow, id);
      if (!step) throw new DomainError(`Flow ${flow.id} has no step ${id}`);
      // After recordRefusal the record keeps no progress at all, so there is nothing to move forward.
      const progress = current.phases[flow.phase];
      if (progress) current = withProgress(current, flow, { ...progress, stepId: id });
      switch (step.type) {
        case 'say':
          outputs.push(...step.messages.map((key) => ({ type: 'message' as const, message: msg(key) })));
          id = resolveNext(current, step.next);
          break;
        case 'action':
          current = this.apply(current, step.action);
          id = resolveNext(current, step.next);
          break;
        case 'question':
        case 'recap':
          return { record: current, outputs: [...outputs, ...this.promptFor(current, flow, activeProgress(current, flow))], status: 'waiting' };
        case 'end':
          outputs.push(...step.messages.map((key) => ({ type: 'message' as const, message: msg(key) })));
          return { record: this.end(current, flow, step.outcome), outputs, status: step.outcome };
      }
    }
    throw new DomainError(`Flow ${flow.id} ran ${MAX_STEPS_PER_TURN} steps without waiting for the user`);
  }

  private promptFor(record: BilanRecord, flow: Flow, progress: PhaseProgress): EngineOutput[] {
    const step = findStep(flow, progress.stepId);
    if (step?.type === 'question') return [{ type: 'question', flow, question: step, promptId: step.id }];
    if (step?.type !== 'recap') return [];
    const lines = step.items.flatMap((item) => {
      const question = findQuestion(flow, item.question);
      return question ? [{ label: item.label, question, answer: record.answers[question.id] }] : [];
    });
    const mode = progress.recap;
    if (mode?.mode === 'editing') {
      const question = findQuestion(flow, mode.questionId);
      return question ? [{ type: 'question', flow, question, promptId: question.id }] : [];
    }
    if (mode?.mode === 'choosing') return [{ type: 'recapChoose', flow, step, lines, promptId: step.id + CHOOSE_SUFFIX }];
    return [{ type: 'recap', flow, step, lines, promptId: step.id }];
  }

  private reprompt(record: BilanRecord, flow: Flow, progress: PhaseProgress, reason: MessageRef): EngineResult {
    return { record, outputs: [{ type: 'message', message: reason }, ...this.promptFor(record, flow, progress)], status: 'waiting' };
  }

  private isCurrentPrompt(progress: PhaseProgress, input: Extract<EngineInput, { type: 'submit' }>): boolean {
    const expected = progress.recap?.mode === 'editing' ? progress.recap.questionId
      : progress.recap?.mode === 'choosing' ? progress.stepId + CHOOSE_SUFFIX
      : progress.stepId;
    return input.flowId === progress.flowId && input.flowVersion === progress.flowVersion && input.promptId === expected;
  }

  private store(record: BilanRecord, flow: Flow, questionId: string, answer: Pick<Answer, 'value' | 'skipped'>): BilanRecord {
    const stored: Answer = { ...answer, at: this.now(), flow: flow.id, flowVersion: flow.version };
    return this.touch({ ...record, answers: { ...record.answers, [questionId]: stored } });
  }

  private apply(record: BilanRecord, action: ActionName): BilanRecord {
    const at = this.now();
    switch (action) {
      case 'acknowledgeInformation':
        return this.touch({ ...record, consent: { ...record.consent, informationAcknowledgedAt: at } });
      case 'recordEngagement':
        return this.touch({ ...record, consent: { ...record.consent, engagedAt: at } });
      case 'recordRefusal':
        return refusalOnly(record, this.options.clock.now());
    }
  }

  private end(record: BilanRecord, flow: Flow, outcome: EndOutcome): BilanRecord {
    if (outcome === 'refused') return record;
    if (outcome === 'postponed') return forgetFlow(record, flow, this.now());
    const at = this.now();
    const { recap: _recap, ...progress } = activeProgress(record, flow);
    return this.touch(withProgress(record, flow, { ...progress, status: 'completed', completedAt: at }));
  }

  private touch(record: BilanRecord): BilanRecord {
    return { ...record, updatedAt: this.now() };
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }
}

function toRaw(input: EngineInput): RawAnswer {
  return input.type === 'text' ? { type: 'text', text: input.text } : { type: 'value', value: input.value };
}

function recapChoice(input: EngineInput, vocabulary: Vocabulary): 'confirm' | 'correct' | 'later' | undefined {
  if (input.type === 'submit') {
    if (input.skip) return 'later';
    return input.value === 'confirm' || input.value === 'correct' ? input.value : undefined;
  }
  if (vocabulary.yes.matches(input.text)) return 'confirm';
  if (vocabulary.no.matches(input.text)) return 'correct';
  if (vocabulary.skip.matches(input.text)) return 'later';
  return undefined;
}

type RecapPick = { readonly type: 'back' } | { readonly type: 'item'; readonly questionId: string };

function pickRecapItem(step: RecapStep, input: EngineInput): RecapPick | undefined {
  if (input.type === 'submit' && (input.skip || input.value === 'back')) return { type: 'back' };
  const typed = input.type === 'text' ? input.text.trim() : '';
  const item = input.type === 'submit' ? step.items.find((i) => i.question === input.value) : /^\d{1,2}$/.test(typed) ? step.items[Number(typed) - 1] : undefined;
  return item ? { type: 'item', questionId: item.question } : undefined;
}

function activeProgress(record: BilanRecord, flow: Flow): PhaseProgress {
  const progress = record.phases[flow.phase];
  if (!progress) throw new DomainError(`No progress for phase ${flow.phase}`);
  return progress;
}

function withProgress(record: BilanRecord, flow: Flow, progress: PhaseProgress): BilanRecord {
  return { ...record, phases: { ...record.phases, [flow.phase]: progress } };
}

/** A refusal keeps nothing but itself: no answer, no progress, no preference. */
function refusalOnly(record: BilanRecord, now: Date): BilanRecord {
  return { ...emptyRecord(record.userId, now), consent: { refusedAt: now.toISOString() } };
}

/** Forgets a flow the user postponed before engaging: its progress, its answers and the acknowledgement. */
function forgetFlow(record: BilanRecord, flow: Flow, at: string): BilanRecord {
  const { [flow.phase]: _dropped, ...phases } = record.phases;
  const answers = Object.fromEntries(Object.entries(record.answers).filter(([, a]) => a.flow !== flow.id));
  return { ...record, consent: {}, phases, answers, updatedAt: at };
}
