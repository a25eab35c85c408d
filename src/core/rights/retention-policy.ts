import type { BilanRecord, RetentionAgreement } from '../bilan/bilan-record.js';
import { PHASES } from '../phases.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest a bilan may be kept after it closes, and only with the user's agreement, for follow-up (R6313-7). */
export const EXTENSION_DAYS = 365;

export interface RetentionPolicy {
  /** Days without any activity after which an unfinished bilan counts as abandoned, hence closed. */
  readonly abandonAfterDays: number;
  /** Days a closed bilan is kept before it is destroyed, without the user's agreement to keep it longer. */
  readonly retentionDays: number;
}

export type ClosureReason = 'completed' | 'refused' | 'abandoned';

/** When and why the bilan action ended. */
export interface Closure {
  readonly reason: ClosureReason;
  readonly closedAt: Date;
}

/**
 * Whether the bilan is closed at `now`: every phase completed, the bilan refused, or nothing happened for
 * `abandonAfterDays` (then it closed on the day it became abandoned). Undefined while it is still open.
 */
export function closureOf(record: BilanRecord, now: Date, policy: RetentionPolicy): Closure | undefined {
  if (record.consent.refusedAt) return { reason: 'refused', closedAt: new Date(record.consent.refusedAt) };
  const completedAt = completionDate(record);
  if (completedAt) return { reason: 'completed', closedAt: completedAt };
  const abandonedAt = Date.parse(record.updatedAt) + policy.abandonAfterDays * DAY_MS;
  return now.getTime() >= abandonedAt ? { reason: 'abandoned', closedAt: new Date(abandonedAt) } : undefined;
}

/** The agreement to keep the bilan one year that is in force (the latest, not revoked), if any. */
export function activeExtension(record: BilanRecord): RetentionAgreement | undefined {
  const latest = record.retentionAgreements?.at(-1);
  return latest && !latest.revokedAt ? latest : undefined;
}

/** When the bilan will be (or was due to be) destroyed; undefined while it is open. */
export function destructionDate(record: BilanRecord, now: Date, policy: RetentionPolicy): Date | undefined {
  const closure = closureOf(record, now, policy);
  if (!closure) return undefined;
  const keptDays = activeExtension(record) && closure.reason !== 'refused' ? EXTENSION_DAYS : policy.retentionDays;
  return new Date(closure.closedAt.getTime() + keptDays * DAY_MS);
}

/** How long before automatic destruction the user is warned in their chat (less when the bilan closed later). */
export const WARN_DAYS_BEFORE_DESTRUCTION = 7;

/**
 * The destruction date the user must be warned about now, if any: the bilan is closed, destruction is less than
 * WARN_DAYS_BEFORE_DESTRUCTION away but not yet due, and no warning was sent for that date (an agreement to keep it
 * one year, or its revocation, moves the date, and a new warning follows).
 */
export function destructionWarningDue(record: BilanRecord, now: Date, policy: RetentionPolicy): Date | undefined {
  const due = destructionDate(record, now, policy);
  if (!due || now.getTime() >= due.getTime()) return undefined;
  if (now.getTime() < due.getTime() - WARN_DAYS_BEFORE_DESTRUCTION * DAY_MS) return undefined;
  return record.destructionWarning?.dueAt === due.toISOString() ? undefined : due;
}

/** Whether the bilan must be destroyed now. */
export function destructionDue(record: BilanRecord, now: Date, policy: RetentionPolicy): boolean {
  const due = destructionDate(record, now, policy);
  return due !== undefined && now.getTime() >= due.getTime();
}

/** Whether the user can agree to a one-year extension: only a bilan they engaged in and did not refuse. */
export function canExtend(record: BilanRecord): boolean {
  return Boolean(record.consent.engagedAt) && !record.consent.refusedAt;
}

/** Records the user's explicit agreement to keep the bilan one year after it closes. */
export function agreeToExtension(record: BilanRecord, at: string): BilanRecord {
  return { ...record, retentionAgreements: [...(record.retentionAgreements ?? []), { agreedAt: at }] };
}

/** Records the revocation of the agreement in force; the ledger keeps the agreement, dated, as proof. */
export function revokeExtension(record: BilanRecord, at: string): BilanRecord {
  const agreements = record.retentionAgreements ?? [];
  return { ...record, retentionAgreements: agreements.map((a, i) => (i === agreements.length - 1 && !a.revokedAt ? { ...a, revokedAt: at } : a)) };
}

function completionDate(record: BilanRecord): Date | undefined {
  const completions = PHASES.map((phase) => record.phases[phase]);
  if (!completions.every((p) => p?.status === 'completed')) return undefined;
  const times = completions.map((p) => Date.parse(p?.completedAt ?? record.updatedAt));
  return new Date(Math.max(...times));
}
