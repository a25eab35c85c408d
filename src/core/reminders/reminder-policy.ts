import { PHASES } from '../phases.js';
import type { BilanRecord } from '../bilan/bilan-record.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a user should get a reminder now: they engaged, have not finished, refused or opted out, have been
 * inactive for `afterDays`, and got no reminder since they were last active (one per absence, never a series).
 */
export function reminderDue(record: BilanRecord, now: Date, afterDays: number): boolean {
  if (afterDays <= 0 || !record.consent.engagedAt || record.consent.refusedAt || record.reminders?.optedOutAt) return false;
  if (PHASES.every((phase) => record.phases[phase]?.status === 'completed')) return false;
  const lastActive = Date.parse(record.updatedAt);
  if (now.getTime() - lastActive < afterDays * DAY_MS) return false;
  const lastSent = record.reminders?.lastSentAt;
  return !lastSent || Date.parse(lastSent) < lastActive;
}
