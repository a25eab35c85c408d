import type { Clock } from '../clock.js';
import type { FlowEngine } from '../flow/flow-engine.js';
import type { EngineInput, EngineOutput, EngineResult } from '../flow/engine-io.js';
import type { FlowCatalog } from '../flow/flow-catalog.js';
import { answeredBy } from './answered-by.js';
import type { Locale } from '../locale.js';
import { msg } from '../messages.js';
import { PHASES, type PhaseId } from '../phases.js';
import { currentPhase, emptyRecord, type BilanRecord } from './bilan-record.js';
import type { BilanRepository, LoadedBilan } from './bilan-repository.js';
import { statusOf, type BilanStatus } from './bilan-status.js';
import { eventsBetween, type CountedEvent, type WeeklyCounts } from '../stats/weekly-counts.js';
import { ConcurrencyError, StorageError } from '../errors.js';
import type { SensitiveFinding } from '../sensitive/sensitive-detector.js';
import type { Pause } from './retry-on-conflict.js';
import { isApplied, withAppliedTurn, type TurnId } from './applied-turns.js';
import { afterPhase, notAvailable, notAvailableOutputs } from './after-phase.js';
import { RecordSaver } from './record-saver.js';
import { message, NOTHING, type CommentOutcome, type OpenedTurn, type TurnResult } from './turn-result.js';

export type { CommentOutcome, OpenedTurn, TurnResult } from './turn-result.js';

export interface BilanServiceOptions {
  readonly repository: BilanRepository;
  readonly catalog: FlowCatalog;
  readonly engine: FlowEngine;
  readonly clock: Clock;
  /** After this long without a message, a typed message greets the user back instead of answering. */
  readonly resumeAfterMs: number;
  /** Anonymous weekly counts for HR (bilans started and completed); none when absent. */
  readonly counts?: WeeklyCounts;
  /** Days a closed bilan is kept: when given, the end of the bilan says so and offers the one-year extension. */
  readonly retentionDays?: number;
  /** Finds personal data of special categories, or distress, in what the user writes (comments included). */
  readonly sensitive?: { detect(text: string): SensitiveFinding | undefined };
  /** Wait between two attempts of a save that conflicted (tests make it instant). */
  readonly pause?: Pause;
}

/**
 * The use cases of a bilan for one user: start or resume, answer, pause, restart, language, status.
 * Every change is saved with the eTag it was read with (or as a create-only write for a new user), so a
 * concurrent turn can never be overwritten, in this process or on another instance. A change that conflicts is
 * started over from what is stored now (retryOnConflict); an answer records its turn id in the same write,
 * so a redelivered message is answered but stored once.
 */
export class BilanService {
  private readonly records: RecordSaver;

  constructor(private readonly options: BilanServiceOptions) {
    this.records = new RecordSaver(options);
  }

  /** Starts the first phase not yet completed, or says where the user stands. */
  startOrResume(userId: string, locale?: Locale, turnId?: TurnId): Promise<TurnResult> {
    return this.records.retrying(() => this.startOrResumeOnce(userId, locale, turnId));
  }

  /**
   * The welcome when the app is installed in `conversationId`: starts or resumes the bilan, once per conversation.
   * Teams sends two install events, possibly to two instances: the first to record the conversation in the record
   * (an eTag-checked write, not counted as activity) welcomes; the other finds it and says nothing. Someone with no
   * record yet gets none from a welcome (nothing is stored before they read the information): this instance
   * remembers in memory for a while that it welcomed them, and another instance may welcome them a second time.
   */
  welcome(userId: string, conversationId: string, locale?: Locale, turnId?: TurnId): Promise<TurnResult> {
    return this.records.retrying(async () => {
      const loaded = await this.records.loadForTurn(userId);
      if (loaded?.record.welcomedIn === conversationId) return NOTHING;
      if (!loaded) return this.records.unstored.firstWelcome(userId, conversationId) ? this.startOrResumeOnce(userId, locale, turnId) : NOTHING;
      await this.options.repository.save({ ...loaded.record, welcomedIn: conversationId }, loaded.eTag);
      return this.startOrResumeOnce(userId, locale, turnId);
    });
  }

  /** Gives the user's input to the flow that waits for it. */
  answer(userId: string, input: EngineInput, locale?: Locale, turnId?: TurnId): Promise<TurnResult> {
    return this.records.retrying(() => this.answerOnce(userId, input, locale, turnId));
  }

  private async startOrResumeOnce(userId: string, locale: Locale | undefined, turnId: TurnId | undefined): Promise<TurnResult> {
    const loaded = await this.records.loadForTurn(userId);
    if (loaded && isApplied(loaded.record, turnId)) return this.replay(loaded.record, locale);
    const record = loaded?.record ?? emptyRecord(userId, this.options.clock.now());
    if (record.consent.refusedAt) return message('common:refused.again');
    const active = currentPhase(record);
    if (active) return this.run(loaded, record, turnId, (r) => this.resumeFlow(r, active, Boolean(r.pausedAt) || this.isReturningAfterAWhile(r), locale));
    const phase = PHASES.find((p) => record.phases[p]?.status !== 'completed');
    const flow = phase && this.options.catalog.flowForPhase(phase);
    if (!phase || !flow) return notAvailable(phase);
    return this.run(loaded, record, turnId, (r) => this.options.engine.start(r, flow, locale ?? r.locale));
  }

  private async answerOnce(userId: string, input: EngineInput, locale: Locale | undefined, turnId: TurnId | undefined): Promise<TurnResult> {
    const loaded = await this.records.loadForTurn(userId);
    if (!loaded) return this.answerBeforeAnyRecord(userId, input, locale, turnId);
    if (isApplied(loaded.record, turnId)) return this.replay(loaded.record, locale);
    const phase = currentPhase(loaded.record);
    if (!phase || loaded.record.pausedAt) return this.startOrResumeOnce(userId, locale, turnId);
    const flow = this.options.catalog.flowForPhase(phase);
    if (!flow) return notAvailable(phase);
    if (input.type === 'text' && this.isReturningAfterAWhile(loaded.record)) {
      return this.run(loaded, loaded.record, turnId, (r) => this.resumeFlow(r, phase, true, locale));
    }
    let after: BilanRecord | undefined;
    const result = await this.run(loaded, loaded.record, turnId, (r) => {
      const answered = this.options.engine.answer(r, flow, input, locale ?? r.locale);
      after = answered.record;
      return answered;
    });
    return { ...result, ...answeredBy(input, loaded.record, after, flow) };
  }

  /**
   * Someone with no record is, as far as the bot knows, at the start of the first flow: they were shown the
   * information and asked whether they read it (nothing was stored then). An input that answers that question is
   * taken as its answer, and a card submission gets the engine's answer (a stale card is said so); any other typed
   * text starts the flow, i.e. shows the information and asks again.
   */
  private async answerBeforeAnyRecord(userId: string, input: EngineInput, locale: Locale | undefined, turnId: TurnId | undefined): Promise<TurnResult> {
    const phase = PHASES[0];
    const flow = this.options.catalog.flowForPhase(phase);
    if (!flow) return notAvailable(phase);
    const started = this.options.engine.start(emptyRecord(userId, this.options.clock.now()), flow, locale);
    const answered = started.status === 'waiting' ? this.options.engine.answer(started.record, flow, input, locale) : undefined;
    if (!answered || (input.type === 'text' && answered.record === started.record)) return this.startOrResumeOnce(userId, locale, turnId);
    return this.run(undefined, started.record, turnId, () => answered);
  }

  /** Marks the bilan paused; the next message resumes it where it stopped. */
  pause(userId: string): Promise<boolean> {
    return this.records.retrying(async () => {
      const loaded = await this.records.load(userId);
      if (!loaded || !currentPhase(loaded.record)) return false;
      await this.records.save({ ...loaded.record, pausedAt: this.records.now() }, loaded.eTag);
      return true;
    });
  }

  /**
   * Erases every answer and the progress, keeping the language and the consent ledger, then starts again. The ledger
   * stays because it is the proof of what the user agreed to and the only trace of the cards posted with that
   * agreement: a share still in force stays revocable, and an erasure still finds every card.
   */
  async restart(userId: string, locale?: Locale): Promise<TurnResult> {
    await this.records.retrying(async () => {
      const loaded = await this.records.load(userId);
      const fresh = emptyRecord(userId, this.options.clock.now());
      const previous = loaded?.record;
      const kept = { ...fresh, ...(previous?.locale ? { locale: previous.locale } : {}), ...(previous?.sharing ? { sharing: previous.sharing } : {}) };
      await this.records.save(kept, loaded?.eTag);
    });
    return this.startOrResume(userId, locale);
  }

  /**
   * Adds the user's comment to their draft synthesis. A comment that discloses something personal of a special
   * category, or distress, is not stored until the user confirms it (`confirmed`), as for answers.
   */
  addComment(userId: string, text: string, confirmed = false): Promise<CommentOutcome> {
    return this.records.retrying(async () => {
      const loaded = await this.records.load(userId);
      if (!loaded?.record.consent.engagedAt || loaded.record.consent.refusedAt) return { type: 'nothingToComment' };
      const finding = confirmed ? undefined : this.options.sensitive?.detect(text);
      if (finding) return { type: 'check', finding };
      const comments = [...(loaded.record.comments ?? []), { text, at: this.records.now() }];
      await this.records.save({ ...loaded.record, comments }, loaded.eTag);
      return { type: 'saved' };
    });
  }

  /** The person's edits to their draft synthesis (removed or reworded items), merged with earlier ones. */
  editSynthesis(userId: string, removed: readonly string[], reworded: Readonly<Record<string, string>>): Promise<void> {
    return this.records.change(userId, (record) => {
      const before = record.synthesisEdits ?? { removed: [], reworded: {} };
      return { ...record, synthesisEdits: { removed: [...new Set([...before.removed, ...removed])], reworded: { ...before.reworded, ...reworded }, at: this.records.now() } };
    });
  }

  /** The user asked for no reminders: recorded, and the reminder job skips them from now on. */
  stopReminders(userId: string): Promise<void> {
    return this.records.change(userId, (record) => ({ ...record, reminders: { ...record.reminders, optedOutAt: this.records.now() } }));
  }

  /** The language the user chose; before they have a record it is remembered in memory only, until the first save. */
  setLocale(userId: string, locale: Locale): Promise<void> {
    return this.records.retrying(async () => {
      const loaded = await this.records.load(userId);
      if (loaded) await this.records.save({ ...loaded.record, locale }, loaded.eTag);
      else this.records.unstored.chooseLocale(userId, locale);
    });
  }

  /** What a turn needs to know before anything else; the record read is handed to this turn's answer (RecentLoads). */
  async openTurn(userId: string): Promise<OpenedTurn> {
    const loaded = await this.records.load(userId);
    this.records.keepForTurn(userId, loaded);
    return { locale: loaded ? loaded.record.locale : this.records.unstored.localeOf(userId), erasureAskedAt: loaded?.record.erasureAskedAt, stored: loaded !== undefined };
  }

  /** Whether the user has a record now (after a turn that may have created the first one). */
  async isStored(userId: string): Promise<boolean> {
    return (await this.records.load(userId)) !== undefined;
  }

  /** The user was just asked to confirm the deletion of their data: their next message may answer it. */
  askedErasure(userId: string): Promise<void> {
    return this.records.change(userId, (record) => ({ ...record, erasureAskedAt: this.records.now() }));
  }

  /** The deletion question is answered or dropped: a later « oui » is an ordinary answer. */
  forgetErasureQuestion(userId: string): Promise<void> {
    return this.records.retrying(async () => {
      const loaded = await this.records.load(userId);
      if (loaded?.record.erasureAskedAt === undefined) return;
      const { erasureAskedAt: _asked, ...rest } = loaded.record;
      await this.records.save(rest, loaded.eTag);
    });
  }

  async status(userId: string): Promise<BilanStatus> {
    const record = (await this.records.load(userId))?.record;
    return statusOf(record, this.options.catalog);
  }

  /** The prompt the user is expected to answer now, without changing anything. */
  async currentPrompt(userId: string, locale?: Locale): Promise<TurnResult> {
    const loaded = await this.records.load(userId);
    // Someone with no record stands at the information, which is shown again (nothing is saved before they read it).
    return loaded ? this.promptOf(loaded.record, locale) : this.startOrResumeOnce(userId, locale, undefined);
  }

  private promptOf(record: BilanRecord | undefined, locale: Locale | undefined): TurnResult {
    const phase = record && !record.pausedAt ? currentPhase(record) : undefined;
    const flow = phase && this.options.catalog.flowForPhase(phase);
    if (!record || !flow) return NOTHING;
    const resumed = this.options.engine.resume(record, flow, locale ?? record.locale);
    return { outputs: resumed.outputs, waiting: true };
  }

  private resumeFlow(record: BilanRecord, phase: PhaseId, greet: boolean, locale: Locale | undefined): EngineResult {
    const flow = this.options.catalog.flowForPhase(phase);
    const unpaused = withoutPause(record);
    if (!flow) return { record: unpaused, outputs: notAvailableOutputs(phase), status: 'completed' };
    const resumed = this.options.engine.resume(unpaused, flow, locale ?? unpaused.locale);
    const welcome: EngineOutput[] = greet ? [{ type: 'message', message: msg('common:commands.resume.welcomeBack') }] : [];
    return { ...resumed, outputs: [...welcome, ...resumed.outputs] };
  }

  /** A redelivered turn, already applied: says again what the user is asked now, changes nothing. */
  private replay(record: BilanRecord, locale: Locale | undefined): TurnResult {
    const prompt = this.promptOf(record, locale);
    return prompt.outputs.length > 0 ? prompt : { outputs: this.afterPhase(record), waiting: false };
  }

  private async run(loaded: LoadedBilan | undefined, record: BilanRecord, turnId: TurnId | undefined, step: (r: BilanRecord) => EngineResult): Promise<TurnResult> {
    const result = step(record);
    const outputs = [...result.outputs];
    if (result.status === 'completed') outputs.push(...this.afterPhase(result.record));
    if (result.record !== loaded?.record && (await this.records.save(withAppliedTurn(result.record, turnId), loaded?.eTag))) {
      await this.count(eventsBetween(loaded?.record, result.record));
    }
    return { outputs, waiting: result.status === 'waiting' };
  }

  /** Counts for HR what the saved turn changed. Its failure must not be taken for a conflict of the saved turn. */
  private async count(events: readonly CountedEvent[]): Promise<void> {
    try {
      for (const event of events) await this.options.counts?.add(event, this.options.clock.now());
    } catch (error: unknown) {
      // Retrying the turn would apply its input a second time: the record is already saved.
      throw error instanceof ConcurrencyError ? new StorageError('Could not update the weekly counts', { cause: error }) : error;
    }
  }

  private afterPhase(record: BilanRecord): EngineOutput[] {
    return afterPhase(record, this.options.catalog, this.options.retentionDays);
  }

  private isReturningAfterAWhile(record: BilanRecord): boolean {
    return this.options.clock.now().getTime() - Date.parse(record.updatedAt) > this.options.resumeAfterMs;
  }
}

function withoutPause(record: BilanRecord): BilanRecord {
  const { pausedAt: _pausedAt, ...rest } = record;
  return rest;
}
