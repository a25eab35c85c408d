import type { Answer, BilanRecord, PendingPrompt, PhaseProgress } from '../bilan/bilan-record.js';
import type { Clock } from '../clock.js';
import { DomainError } from '../errors.js';
import { msg, type MessageRef } from '../messages.js';
import { isSkipRequest, parseAnswer, type AnswerLimits, type Vocabulary } from './answer-parsers.js';
import { findQuestion, findStep } from './flow-catalog.js';
import { resolveNext } from './branching.js';
import { activeProgress, pickRecapItem, recapChoice, toRaw, withoutPending, withProgress, withTrailEntry } from './engine-support.js';
import type { Flow, QuestionStep, RecapStep } from './flow-schema.js';
import { applyAction, confirmRecap, endFlow } from './step-effects.js';
import { rememberLackedSkills } from './pending-prompts.js';
import { PendingCards } from './pending-cards.js';
import type { JobDirectory } from '../jobs/job-directory.js';
import type { Locale } from '../locale.js';
import type { OccupationSuggester } from '../skills/occupation-suggester.js';
import type { WishRanker } from './wish-ranking.js';
import type { SkillExtractor } from '../skills/skill-extractor.js';
import type { SensitiveFinding } from '../sensitive/sensitive-detector.js';
import type { EngineInput, EngineOutput, EngineResult } from './engine-io.js';
import { asAsked, isCurrentPrompt, promptFor } from './flow-prompts.js';
import { notAnAnswer, reflection } from './non-answers.js';
import { goBack, shownBy } from './action-outputs.js';
import { reopenedSkillsCard, skillsCardEntry } from './reopen-card.js';

export interface FlowEngineOptions {
  readonly clock: Clock;
  readonly vocabulary: Vocabulary;
  readonly limits: AnswerLimits;
  /** Finds skills in answers of questions marked `extractSkills`; without it, none are proposed. */
  readonly skills?: SkillExtractor;
  /** Proposes occupations at `proposeOccupations` steps; without it, the step is passed. */
  readonly occupations?: OccupationSuggester;
  /** Ranks occupations from what the person wants, at `proposeOccupations` steps that name their `wishes`. */
  readonly occupationRanker?: WishRanker;
  /** Recognises the jobs named at `confirmJobs` steps and knows their core competences (`jobSkills` questions). */
  readonly jobs?: JobDirectory;
  /** Every flow, so results can show answers given in earlier phases. */
  readonly allFlows?: readonly Flow[];
  /** Finds personal data (GDPR art. 9) and distress in free-text answers; without it, none is looked for. */
  readonly sensitive?: { detect(text: string): SensitiveFinding | undefined };
}

const MAX_STEPS_PER_TURN = 50;

/**
 * Runs a flow (dialogs/*.flow.json) over a bilan record. Pure: (record, input) → (record, outputs);
 * it never touches storage, botbuilder or copy.
 */
export class FlowEngine {
  private readonly cards: PendingCards;

  constructor(private readonly options: FlowEngineOptions) {
    this.cards = new PendingCards(options);
  }

  /** Starts `flow` at its first step. */
  start(record: BilanRecord, flow: Flow, locale: Locale = record.locale ?? 'fr'): EngineResult {
    const progress: PhaseProgress = {
      flowId: flow.id,
      flowVersion: flow.version,
      stepId: flow.start,
      status: 'active',
      startedAt: this.now(),
    };
    return this.runFrom(withProgress(record, flow, progress), flow, flow.start, [], locale);
  }

  /** Shows the current prompt again; if the flow changed since the user left, restarts its phase. */
  resume(record: BilanRecord, flow: Flow, locale: Locale = record.locale ?? 'fr'): EngineResult {
    const progress = record.phases[flow.phase];
    if (!progress || progress.status !== 'active') return this.start(record, flow, locale);
    if (progress.flowVersion !== flow.version || !findStep(flow, progress.stepId)) {
      const restarted = this.start(record, flow, locale);
      return { ...restarted, outputs: [{ type: 'message', message: msg('common:flow.changed') }, ...restarted.outputs] };
    }
    return { record, outputs: promptFor(record, flow, progress), status: 'waiting' };
  }

  /** Applies the user's input to the step the flow waits on. */
  answer(record: BilanRecord, flow: Flow, input: EngineInput, locale: Locale = record.locale ?? 'fr'): EngineResult {
    const progress = record.phases[flow.phase];
    if (!progress || progress.status !== 'active') throw new DomainError(`Flow ${flow.id} is not active`);
    if (progress.flowVersion !== flow.version) return this.resume(record, flow, locale);
    if (input.type === 'submit' && !isCurrentPrompt(progress, input)) {
      return this.reprompt(record, flow, progress, msg('common:answer.staleCard'));
    }
    if (input.type === 'text' && this.options.vocabulary.back.matches(input.text)) return this.back(record, flow, progress, locale);
    if (progress.pending) return this.answerPending(record, flow, progress, progress.pending, input, locale);
    const step = findStep(flow, progress.stepId);
    if (step?.type === 'recap') return this.answerRecap(record, flow, step, progress, input, locale);
    if (step?.type !== 'question') throw new DomainError(`Flow ${flow.id} waits on a non-question step ${progress.stepId}`);
    const next = (r: BilanRecord) => this.runFrom(r, flow, resolveNext(r, step.next), [], locale);
    // A kept personal answer is stored, never analysed: no skill is looked for in it.
    return this.answerQuestion(record, flow, step, input, (r, kept) => {
      const noted = kept ? r : this.rememberLacks(r, step, locale);
      return (kept ? undefined : this.reviewSkills(noted, flow, step, locale)) ?? next(noted);
    });
  }

  /** Notes the skills the answer says the person lacks, so that no later step proposes them. */
  private rememberLacks(record: BilanRecord, question: QuestionStep, locale: Locale): BilanRecord {
    const text = record.answers[question.id]?.value;
    if (!question.extractSkills || typeof text !== 'string') return record;
    const lacked = this.options.skills?.lacked?.(text, locale) ?? [];
    return rememberLackedSkills(record, lacked, question.id, this.now());
  }

  /** After an answer that carries skills: asks the user which of them are really theirs (unless a later card gathers them). */
  private reviewSkills(record: BilanRecord, flow: Flow, question: QuestionStep, locale: Locale): EngineResult | undefined {
    const gatheredLater = flow.steps.some((s) => s.type === 'action' && s.action === 'reviewSkills' && s.questions?.includes(question.id));
    const pending = gatheredLater ? undefined : this.cards.skillReview(record, question, locale);
    return pending ? this.wait(record, flow, pending) : undefined;
  }

  /** « retour »: the skills card just answered, else the last question answered in this phase. */
  private back(record: BilanRecord, flow: Flow, progress: PhaseProgress, locale: Locale): EngineResult {
    const reopened = reopenedSkillsCard(record, flow, progress, this.cards, locale);
    if (!reopened) return goBack(record, flow, progress) ?? this.reprompt(record, flow, progress, msg('common:back.nothing'));
    const updated = withProgress(this.touch(reopened.record), flow, reopened.progress);
    return { record: updated, outputs: [{ type: 'message', message: msg('common:back.done') }, ...promptFor(updated, flow, reopened.progress)], status: 'waiting' };
  }

  private answerPending(record: BilanRecord, flow: Flow, progress: PhaseProgress, pending: PendingPrompt, input: EngineInput, locale: Locale): EngineResult {
    const step = findStep(flow, pending.type === 'skillReview' ? pending.questionId : progress.stepId);
    if (!step || step.type === 'end') throw new DomainError(`Flow ${flow.id} has no step to continue after ${progress.stepId}`);
    const outcome = this.cards.answer(withProgress(record, flow, withoutPending(progress)), pending, input, locale, this.now());
    if (outcome.kind === 'unreadable') return this.reprompt(record, flow, progress, outcome.reason);
    if (outcome.kind === 'again') {
      const waiting = this.wait(record, flow, outcome.pending);
      return { ...waiting, outputs: [...outcome.notes, ...waiting.outputs] };
    }
    const answered = pending.type === 'skillReview' ? withTrailEntry(outcome.record, flow, skillsCardEntry(pending.questionId)) : outcome.record;
    return this.runFrom(answered, flow, resolveNext(answered, step.next), [...outcome.notes], locale);
  }

  private wait(record: BilanRecord, flow: Flow, pending: PendingPrompt): EngineResult {
    const progress: PhaseProgress = { ...activeProgress(record, flow), pending };
    const updated = withProgress(record, flow, progress);
    return { record: updated, outputs: promptFor(updated, flow, progress), status: 'waiting' };
  }

  private answerQuestion(
    record: BilanRecord,
    flow: Flow,
    question: QuestionStep,
    input: EngineInput,
    then: (record: BilanRecord, keptPersonal: boolean) => EngineResult,
  ): EngineResult {
    const raw = toRaw(input);
    const vocabulary = this.options.vocabulary;
    // A bare « non » to an open question (« une autre réalisation ? ») declines it, like a skip.
    const declined = input.type === 'text' && question.kind === 'text' && vocabulary.no.matches(input.text);
    const skipped = input.type === 'submit' ? input.skip === true : declined || isSkipRequest(raw, vocabulary);
    if (skipped) return then(this.store(record, flow, question.id, { skipped: true }), false);
    if (input.type === 'submit' && input.rewrite) return this.reprompt(record, flow, activeProgress(record, flow), msg('common:sensitive.rewriteHint'));
    const typed = input.type === 'text' ? notAnAnswer(question, input.text, vocabulary) : undefined;
    if (typed === 'clarify') return this.reprompt(record, flow, activeProgress(record, flow), msg('common:answer.clarify'));
    if (typed === 'unsure') return this.storeUnsure(record, flow, question, then);
    if (typed === 'question' && input.type === 'text') return this.noteQuestion(record, flow, question, input.text);
    const parsed = parseAnswer(asAsked(question, record), raw, vocabulary, this.options.limits);
    if (!parsed.ok && input.type === 'text' && vocabulary.unsure.matches(input.text)) return this.storeUnsure(record, flow, question, then);
    if (!parsed.ok) return this.reprompt(record, flow, activeProgress(record, flow), parsed.reason);
    const kept = input.type === 'submit' && input.keep === true;
    const finding = !kept && question.kind === 'text' && typeof parsed.value === 'string' ? this.options.sensitive?.detect(parsed.value) : undefined;
    if (finding && typeof parsed.value === 'string') return this.checkSensitive(record, flow, question, parsed.value, finding);
    const stored = this.store(record, flow, question.id, { value: parsed.value, ...(parsed.note ? { note: parsed.note } : {}) });
    const result = then(stored, kept);
    const understood = question.kind === 'text' && !kept ? reflection(question, flow.phase, result, stored) : undefined;
    return understood ? { ...result, outputs: [{ type: 'message', message: understood }, ...result.outputs] } : result;
  }

  /** « je ne sais pas »: recorded as unsure (no text), for the counsellor to explore; the flow goes on. */
  private storeUnsure(record: BilanRecord, flow: Flow, question: QuestionStep, then: (record: BilanRecord, keptPersonal: boolean) => EngineResult): EngineResult {
    const result = then(this.store(record, flow, question.id, { unsure: true }), false);
    const variant = Object.keys(record.answers).length % 2 === 0 ? 'a' : 'b';
    return { ...result, outputs: [{ type: 'message', message: msg(`common:answer.unsureNoted.${variant}`) }, ...result.outputs] };
  }

  /** A question the user asks instead of answering: kept for the counsellor (and the synthesis); the question stays open. */
  private noteQuestion(record: BilanRecord, flow: Flow, question: QuestionStep, text: string): EngineResult {
    const asked = [...(record.questionsForCounsellor ?? []), { text: text.trim(), question: question.id, at: this.now() }];
    const updated = this.touch({ ...record, questionsForCounsellor: asked });
    return this.reprompt(updated, flow, activeProgress(updated, flow), msg('common:answer.questionNoted'));
  }

  /** Stores nothing: says what the answer mentions, that sharing it is not required, and lets the user choose. */
  private checkSensitive(record: BilanRecord, flow: Flow, question: QuestionStep, answer: string, finding: SensitiveFinding): EngineResult {
    const support: EngineOutput[] = finding.type === 'distress' ? [{ type: 'message', message: msg('common:wellbeing.support') }] : [];
    return { record, outputs: [...support, { type: 'sensitiveCheck', flow, question, answer, finding, promptId: question.id }], status: 'waiting' };
  }

  private answerRecap(record: BilanRecord, flow: Flow, step: RecapStep, progress: PhaseProgress, input: EngineInput, locale: Locale): EngineResult {
    const mode = progress.recap;
    if (mode?.mode === 'editing') {
      const question = findQuestion(flow, mode.questionId);
      if (!question) return this.setRecapMode(record, flow, undefined);
      return this.answerQuestion(record, flow, question, input, (r) => this.setRecapMode(r, flow, undefined));
    }
    if (mode?.mode === 'choosing') return this.chooseCorrection(record, flow, step, input);
    const choice = recapChoice(input, this.options.vocabulary);
    if (choice === 'confirm') {
      const confirmed = confirmRecap(record, flow, step, this.now());
      return this.runFrom(confirmed, flow, resolveNext(confirmed, step.next), [], locale);
    }
    if (choice === 'later') return this.runFrom(record, flow, resolveNext(record, step.next), [], locale);
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
    return { record: updated, outputs: promptFor(updated, flow, progress), status: 'waiting' };
  }

  private runFrom(record: BilanRecord, flow: Flow, stepId: string, outputs: EngineOutput[], locale: Locale): EngineResult {
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
        case 'action': {
          const pending = step.action === 'proposeOccupations' ? this.cards.occupations(current, step, locale)
            : step.action === 'confirmJobs' ? this.cards.jobs(current, step, locale)
            : step.action === 'reviewSkills' ? this.cards.gatheredReview(current, step, locale)
            : undefined;
          if (pending) {
            const waiting = this.wait(current, flow, pending);
            return { ...waiting, outputs: [...outputs, ...waiting.outputs] };
          }
          outputs.push(...shownBy(current, step, this.options.allFlows ?? []));
          current = applyAction(current, step, this.options.clock);
          id = resolveNext(current, step.next);
          break;
        }
        case 'question':
        case 'recap':
          return { record: current, outputs: [...outputs, ...promptFor(current, flow, activeProgress(current, flow))], status: 'waiting' };
        case 'end':
          outputs.push(...step.messages.map((key) => ({ type: 'message' as const, message: msg(key) })));
          return { record: endFlow(current, flow, step.outcome, this.now()), outputs, status: step.outcome };
      }
    }
    throw new DomainError(`Flow ${flow.id} ran ${MAX_STEPS_PER_TURN} steps without waiting for the user`);
  }

  private reprompt(record: BilanRecord, flow: Flow, progress: PhaseProgress, reason: MessageRef): EngineResult {
    return { record, outputs: [{ type: 'message', message: reason }, ...promptFor(record, flow, progress)], status: 'waiting' };
  }

  private store(record: BilanRecord, flow: Flow, questionId: string, answer: Pick<Answer, 'value' | 'skipped' | 'unsure' | 'note'>): BilanRecord {
    const stored: Answer = { ...answer, at: this.now(), flow: flow.id, flowVersion: flow.version };
    const progress = record.phases[flow.phase];
    const onPath = progress && progress.stepId === questionId && !progress.recap;
    const withTrail = onPath ? withTrailEntry(record, flow, questionId) : record;
    return this.touch({ ...withTrail, answers: { ...record.answers, [questionId]: stored } });
  }

  private touch(record: BilanRecord): BilanRecord {
    return { ...record, updatedAt: this.now() };
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }
}
