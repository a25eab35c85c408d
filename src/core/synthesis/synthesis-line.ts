import { msg, type MessageRef } from '../messages.js';
import type { SynthesisLine, SynthesisValue } from './synthesis.js';

/** The namespace of the synthesis' own wording; it is resolved from locales/<locale>/synthesis.md. */
export const SYNTHESIS_NS = 'synthesis';

export const label = (id: string, params?: Record<string, string | number>): MessageRef => msg(`${SYNTHESIS_NS}:labels.${id}`, params);

export function line(id: string, lineLabel: MessageRef, questions: readonly string[], value: SynthesisValue): SynthesisLine {
  return { id, label: lineLabel, questions, value };
}
