import { fileURLToPath } from 'node:url';
import type { BilanRecord } from '../../src/core/bilan/bilan-record.js';
import type { Clock } from '../../src/core/clock.js';
import type { Vocabulary } from '../../src/core/flow/answer-parsers.js';
import { FlowEngine } from '../../src/core/flow/flow-engine.js';
import type { EngineInput, EngineOutput, EngineResult } from '../../src/core/flow/engine-io.js';
import { flowSchema, type Flow } from '../../src/core/flow/flow-schema.js';
import type { KeyChecker } from '../../src/core/flow/flow-validation.js';
import { vocabularyFrom } from '../../src/infra/i18n/vocabulary.js';
import { loadFlows } from '../../src/infra/files/load-flows.js';
import { Translations } from '../../src/infra/i18n/create-i18n.js';
import { readLocaleResources } from '../../src/infra/i18n/locale-resources.js';
import { withSynthesisNamespace } from '../../src/infra/synthesis/template.js';

export const DIALOGS_DIR = fileURLToPath(new URL('../../dialogs/', import.meta.url));
export const LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

export const T0 = new Date('2025-03-14T09:00:00.000Z');

/** A clock that only moves when a test says so. */
export class FixedClock implements Clock {
  private current: Date;

  constructor(start: Date = T0) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  iso(): string {
    return this.current.toISOString();
  }
}

let translations: Translations | undefined;

/** The real translations (locales/), loaded once. */
export function realTranslations(): Translations {
  // As the app builds them: with the synthesis labels of locales/<lng>/synthesis.md, which the flows' `synthesis` fields name.
  translations ??= new Translations(withSynthesisNamespace(readLocaleResources(LOCALES_DIR), LOCALES_DIR));
  return translations;
}

/** The yes/no/skip words of every locale, exactly as the app builds them. */
export function realVocabulary(): Vocabulary {
  return vocabularyFrom(realTranslations());
}

/** dialogs/*.flow.json, validated against the real locales. */
export function realFlows(): Flow[] {
  return loadFlows(DIALOGS_DIR, realTranslations().keyChecker());
}

export function preliminaireFlow(): Flow {
  const flow = realFlows().find((f) => f.id === 'preliminaire');
  if (!flow) throw new Error('dialogs/preliminaire.flow.json is missing');
  return flow;
}

/** A KeyChecker that knows every key, except `missing` keys in the locales listed for them. */
export function fakeKeys(missing: Record<string, readonly string[]> = {}): KeyChecker {
  return { locales: ['fr', 'en'], has: (locale, key) => !(missing[key] ?? []).includes(locale) };
}

export const MAX_ANSWER_LENGTH = 40;

export function engineWith(clock: Clock): FlowEngine {
  return new FlowEngine({ clock, vocabulary: realVocabulary(), limits: { maxAnswerLength: MAX_ANSWER_LENGTH } });
}

/**
 * A small flow using every step type and question kind:
 * hello → ack → q_name → q_yes ─yes→ q_choice ─c→ c_note → q_multi → q_scale5 → q_scale10 → recap → done
 *                              ─skipped→ skipped_note ─→ q_scale5 ; default (no) → q_scale5
 */
export function demoFlowData(): Record<string, unknown> {
  const q = (id: string, kind: string, next: unknown, extra: Record<string, unknown> = {}) => ({
    id,
    type: 'question',
    kind,
    prompt: `demo:${id}.prompt`,
    purpose: `demo:${id}.purpose`,
    ...extra,
    next,
  });
  const options = (...values: string[]) => values.map((value) => ({ value, label: `demo:options.${value}` }));
  return {
    id: 'demo',
    version: 1,
    phase: 'preliminaire',
    description: 'Test fixture',
    start: 'hello',
    steps: [
      { id: 'hello', type: 'say', messages: ['demo:hello.one', 'demo:hello.two'], next: 'ack' },
      { id: 'ack', type: 'action', action: 'acknowledgeInformation', next: 'q_name' },
      q('q_name', 'text', 'q_yes'),
      q('q_yes', 'yesNo', {
        branches: [
          { when: { answer: 'q_yes', in: ['yes'] }, goto: 'q_choice' },
          { when: { answer: 'q_yes', skipped: true }, goto: 'skipped_note' },
        ],
        default: 'q_scale5',
      }),
      { id: 'skipped_note', type: 'say', messages: ['demo:skipped.note'], next: 'q_scale5' },
      q('q_choice', 'singleChoice', { branches: [{ when: { answer: 'q_choice', in: ['c'] }, goto: 'c_note' }], default: 'q_multi' }, {
        options: options('a', 'b', 'c'),
      }),
      { id: 'c_note', type: 'say', messages: ['demo:choice.c_note'], next: 'q_multi' },
      q('q_multi', 'multiChoice', 'q_scale5', { options: options('x', 'y', 'z') }),
      q('q_scale5', 'scale', 'q_scale10', { scale: { min: 1, max: 5 } }),
      q('q_scale10', 'scale', 'recap', { scale: { min: 1, max: 10, minLabel: 'demo:scale.min', maxLabel: 'demo:scale.max' } }),
      {
        id: 'recap',
        type: 'recap',
        prompt: 'demo:recap.prompt',
        confirms: 'objectives',
        items: [
          { question: 'q_name', label: 'demo:recap.name' },
          { question: 'q_choice', label: 'demo:recap.choice' },
          { question: 'q_scale10', label: 'demo:recap.scale' },
        ],
        next: 'done',
      },
      { id: 'done', type: 'end', outcome: 'completed', messages: ['demo:done.thanks'] },
    ],
  };
}

export function demoFlow(overrides: Partial<Flow> = {}): Flow {
  return { ...flowSchema.parse(demoFlowData()), ...overrides };
}

/** A one-question flow for the investigation phase, to make that phase "available". */
export function investigationFlow(): Flow {
  return flowSchema.parse({
    id: 'investigation',
    version: 1,
    phase: 'investigation',
    description: 'Test fixture',
    start: 'i_first',
    steps: [
      { id: 'i_first', type: 'question', kind: 'text', prompt: 'inv:i_first.prompt', purpose: 'inv:i_first.purpose', next: 'i_done' },
      { id: 'i_done', type: 'end', outcome: 'completed', messages: ['inv:done'] },
    ],
  });
}

/** A card submission answering the prompt with id `promptId` (flow version 1 unless said otherwise). */
export function submit(flow: Flow, promptId: string, fields: { value?: unknown; skip?: boolean; keep?: boolean; rewrite?: boolean; flowVersion?: number } = {}): EngineInput {
  const { flowVersion = flow.version, ...rest } = fields;
  return { type: 'submit', flowId: flow.id, flowVersion, promptId, ...rest };
}

export function text(value: string): EngineInput {
  return { type: 'text', text: value };
}

/** Outputs as short strings: message keys, `?questionId`, `recap:stepId`, `choose:stepId`. */
export function keysOf(outputs: readonly EngineOutput[]): string[] {
  return outputs.map((o) => {
    switch (o.type) {
      case 'message':
        return o.message.key;
      case 'question':
        return `?${o.question.id}`;
      case 'recap':
        return `recap:${o.step.id}`;
      case 'recapChoose':
        return `choose:${o.step.id}`;
      case 'skillReview':
        return `skills:${o.promptId}`;
      case 'occupations':
        return `occupations:${o.promptId}`;
      case 'jobReview':
        return `jobs:${o.promptId}${o.correcting ? ':correcting' : ''}`;
      case 'results':
        return 'results';
      case 'derivedFactors':
        return 'derivedFactors';
      case 'offer':
        return `offer:${o.message.key}`;
      case 'sensitiveCheck':
        return `sensitive:${o.finding.type === 'distress' ? 'distress' : o.finding.categories.join(',')}:${o.promptId}`;
    }
  });
}

/** The prompt the flow waits on after `result` (the last question/recap output), or undefined. */
export function waitingOn(outputs: readonly EngineOutput[]): string | undefined {
  return keysOf(outputs).filter((k) => k.startsWith('?') || k.startsWith('recap:') || k.startsWith('choose:')).at(-1);
}

/** Applies typed answers one after the other, returning the last result. */
export function answerAll(engine: FlowEngine, flow: Flow, start: EngineResult, inputs: readonly (string | EngineInput)[]): EngineResult {
  return inputs.reduce((result, input) => engine.answer(result.record, flow, typeof input === 'string' ? text(input) : input), start);
}

/** The stored answer values of a record, without timestamps: `{ q: value | 'skipped' }`. */
export function answerValues(record: BilanRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record.answers).map(([id, a]) => [id, a.skipped ? 'skipped' : a.value]));
}
