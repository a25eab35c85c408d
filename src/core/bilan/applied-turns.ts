import type { BilanRecord } from './bilan-record.js';

/**
 * One delivery of a user's message (the Teams activity id). Teams redelivers an activity it got no answer for,
 * possibly to another instance: a turn id already recorded in the record is answered, never applied again.
 */
export type TurnId = string;

/** How many recent turn ids a record keeps: redeliveries come within seconds, so a few suffice. */
const APPLIED_TURNS_KEPT = 20;

/** Whether this delivery's changes are already in the record. */
export function isApplied(record: BilanRecord, turnId: TurnId | undefined): boolean {
  return turnId !== undefined && (record.appliedTurns ?? []).includes(turnId);
}

/** The record with this delivery's id added, in the same write as its changes (the oldest ids dropped). */
export function withAppliedTurn(record: BilanRecord, turnId: TurnId | undefined): BilanRecord {
  if (turnId === undefined) return record;
  return { ...record, appliedTurns: [...(record.appliedTurns ?? []), turnId].slice(-APPLIED_TURNS_KEPT) };
}
