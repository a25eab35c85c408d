import type { BilanRecord, PhaseProgress } from '../bilan/bilan-record.js';
import { emptyRecord } from '../bilan/bilan-record.js';
import { DomainError } from '../errors.js';
import type { RawAnswer, Vocabulary } from './answer-parsers.js';
import type { EngineInput } from './engine-io.js';
import type { Flow, RecapStep } from './flow-schema.js';

/** Record and input helpers of the flow engine: pure functions, no state. */
export function toRaw(input: EngineInput): RawAnswer {
  return input.type === 'text' ? { type: 'text', text: input.text } : { type: 'value', value: input.value };
}

export function recapChoice(input: EngineInput, vocabulary: Vocabulary): 'confirm' | 'correct' | 'later' | undefined {
  if (input.type === 'submit') {
    if (input.skip) return 'later';
    return input.value === 'confirm' || input.value === 'correct' ? input.value : undefined;
  }
  if (vocabulary.yes.matches(input.text)) return 'confirm';
  if (vocabulary.no.matches(input.text)) return 'correct';
  if (vocabulary.skip.matches(input.text)) return 'later';
  return undefined;
}

export type RecapPick = { readonly type: 'back' } | { readonly type: 'item'; readonly questionId: string };

export function pickRecapItem(step: RecapStep, input: EngineInput): RecapPick | undefined {
  if (input.type === 'submit' && (input.skip || input.value === 'back')) return { type: 'back' };
  const typed = input.type === 'text' ? input.text.trim() : '';
  const item = input.type === 'submit' ? step.items.find((i) => i.question === input.value) : /^\d{1,2}$/.test(typed) ? step.items[Number(typed) - 1] : undefined;
  return item ? { type: 'item', questionId: item.question } : undefined;
}

export function activeProgress(record: BilanRecord, flow: Flow): PhaseProgress {
  const progress = record.phases[flow.phase];
  if (!progress) throw new DomainError(`No progress for phase ${flow.phase}`);
  return progress;
}

export function withoutPending(progress: PhaseProgress): PhaseProgress {
  const { pending: _pending, ...rest } = progress;
  return rest;
}

export function withProgress(record: BilanRecord, flow: Flow, progress: PhaseProgress): BilanRecord {
  return { ...record, phases: { ...record.phases, [flow.phase]: progress } };
}

/** A refusal keeps nothing but itself: no answer, no progress, no preference. */
export function refusalOnly(record: BilanRecord, now: Date): BilanRecord {
  return { ...emptyRecord(record.userId, now), consent: { refusedAt: now.toISOString() } };
}

/** Forgets a flow the user postponed before engaging: its progress, its answers and the acknowledgement. */
export function forgetFlow(record: BilanRecord, flow: Flow, at: string): BilanRecord {
  const { [flow.phase]: _dropped, ...phases } = record.phases;
  const answers = Object.fromEntries(Object.entries(record.answers).filter(([, a]) => a.flow !== flow.id));
  return { ...record, consent: {}, phases, answers, updatedAt: at };
}

/** The record with `entry` last on the active phase's trail (what « retour » goes back to), once. */
export function withTrailEntry(record: BilanRecord, flow: Flow, entry: string): BilanRecord {
  const progress = record.phases[flow.phase];
  if (!progress) return record;
  return withProgress(record, flow, { ...progress, trail: [...(progress.trail ?? []).filter((id) => id !== entry), entry] });
}
