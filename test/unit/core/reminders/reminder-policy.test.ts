import { expect } from 'chai';
import { emptyRecord, type BilanRecord, type PhaseProgress } from '../../../../src/core/bilan/bilan-record.js';
import { reminderDue } from '../../../../src/core/reminders/reminder-policy.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const T0 = new Date('2026-11-02T09:00:00.000Z');
const later = (days: number) => new Date(T0.getTime() + days * DAY_MS);
const done: PhaseProgress = { flowId: 'f', flowVersion: 1, stepId: 'x', status: 'completed', startedAt: T0.toISOString(), completedAt: T0.toISOString() };

describe('reminderDue()', () => {
  const engaged: BilanRecord = { ...emptyRecord('u', T0), consent: { engagedAt: T0.toISOString() } };

  it('should remind an engaged user after the delay, once per absence', () => {
    expect(reminderDue(engaged, later(6), 7)).to.equal(false);
    expect(reminderDue(engaged, later(7), 7)).to.equal(true);
    const reminded = { ...engaged, reminders: { lastSentAt: later(7).toISOString() } };
    expect(reminderDue(reminded, later(30), 7)).to.equal(false);
  });

  it('should never remind a user who finished, refused, opted out, never engaged, or when reminders are off', () => {
    const finished = { ...engaged, phases: { preliminaire: done, investigation: done, conclusion: done } };
    expect(reminderDue(finished, later(30), 7)).to.equal(false);
    expect(reminderDue({ ...engaged, consent: { ...engaged.consent, refusedAt: T0.toISOString() } }, later(30), 7)).to.equal(false);
    expect(reminderDue({ ...engaged, reminders: { optedOutAt: T0.toISOString() } }, later(30), 7)).to.equal(false);
    expect(reminderDue(emptyRecord('u', T0), later(30), 7)).to.equal(false);
    expect(reminderDue(engaged, later(30), 0)).to.equal(false);
  });
});
