import type { BilanRecord } from '../bilan/bilan-record.js';
import type { Condition, Next } from './flow-schema.js';

/** Whether the user's stored answers satisfy a branch condition. */
export function holds(record: BilanRecord, condition: Condition): boolean {
  const answer = record.answers[condition.answer];
  // « je ne sais pas » passes a question as a skip does: a story not told, a step not planned.
  if ('skipped' in condition) return answer?.skipped === true || answer?.unsure === true;
  const value = answer?.value;
  const given = Array.isArray(value) ? value : value === undefined ? [] : [String(value)];
  return given.some((v) => condition.in.includes(v));
}

/** The step that follows, given the answers: the first branch that holds, else the default. */
export function resolveNext(record: BilanRecord, next: Next): string {
  if (typeof next === 'string') return next;
  return next.branches.find((b) => holds(record, b.when))?.goto ?? next.default;
}
