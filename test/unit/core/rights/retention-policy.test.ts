import { expect } from 'chai';
import { emptyRecord, type BilanRecord } from '../../../../src/core/bilan/bilan-record.js';
import { PHASES } from '../../../../src/core/phases.js';
import {
  activeExtension,
  agreeToExtension,
  canExtend,
  closureOf,
  destructionDate,
  destructionDue,
  destructionWarningDue,
  EXTENSION_DAYS,
  revokeExtension,
} from '../../../../src/core/rights/retention-policy.js';
import { teamsUserId } from '../../../support/activities.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const T0 = new Date('2026-01-05T10:00:00.000Z');
const POLICY = { abandonAfterDays: 90, retentionDays: 30 };
const days = (n: number) => new Date(T0.getTime() + n * DAY_MS);

function engaged(lastActive = T0): BilanRecord {
  const record = emptyRecord(teamsUserId('u'), T0);
  return { ...record, consent: { informationAcknowledgedAt: T0.toISOString(), engagedAt: T0.toISOString() }, updatedAt: lastActive.toISOString() };
}

function completed(on: Date): BilanRecord {
  const progress = { flowId: 'f', flowVersion: 1, stepId: 'end', status: 'completed' as const, startedAt: T0.toISOString(), completedAt: on.toISOString() };
  return { ...engaged(on), phases: Object.fromEntries(PHASES.map((p) => [p, progress])) };
}

describe('retention policy', () => {
  describe('closure', () => {
    it('an active bilan is open, whatever its age', () => {
      expect(closureOf(engaged(days(100)), days(120), POLICY)).to.equal(undefined);
      expect(destructionDate(engaged(days(100)), days(120), POLICY)).to.equal(undefined);
    });

    it('a bilan whose phases are all completed closed on the last completion', () => {
      const record = completed(days(40));
      expect(closureOf(record, days(41), POLICY)).to.deep.equal({ reason: 'completed', closedAt: days(40) });
    });

    it('a bilan with a phase still open is not completed', () => {
      const record = completed(days(40));
      const open = { ...record, phases: { ...record.phases, conclusion: { ...record.phases.preliminaire!, status: 'active' as const } } };
      expect(closureOf(open, days(41), POLICY)).to.equal(undefined);
    });

    it('a refused bilan closed when it was refused', () => {
      const record = { ...emptyRecord(teamsUserId('u'), T0), consent: { refusedAt: days(1).toISOString() } };
      expect(closureOf(record, days(2), POLICY)).to.deep.equal({ reason: 'refused', closedAt: days(1) });
    });

    it('an unfinished bilan is abandoned after ABANDON_AFTER_DAYS without activity, and closed on that day', () => {
      const record = engaged(days(10));
      expect(closureOf(record, days(99), POLICY), 'one day before').to.equal(undefined);
      expect(closureOf(record, days(100), POLICY)).to.deep.equal({ reason: 'abandoned', closedAt: days(100) });
    });
  });

  describe('destruction', () => {
    it('is due RETENTION_DAYS after closure, not a moment before', () => {
      const record = completed(days(40));
      expect(destructionDate(record, days(41), POLICY)).to.deep.equal(days(70));
      expect(destructionDue(record, new Date(days(70).getTime() - 1), POLICY)).to.equal(false);
      expect(destructionDue(record, days(70), POLICY)).to.equal(true);
    });

    it('an abandoned bilan is destroyed ABANDON_AFTER_DAYS + RETENTION_DAYS after the last activity', () => {
      const record = engaged(days(10));
      expect(destructionDue(record, days(129), POLICY)).to.equal(false);
      expect(destructionDue(record, days(130), POLICY)).to.equal(true);
    });

    it('RETENTION_DAYS=0 destroys as soon as the bilan closes', () => {
      expect(destructionDue(completed(days(40)), days(40), { ...POLICY, retentionDays: 0 })).to.equal(true);
    });

    it('with the user’s agreement, waits one year after closure instead', () => {
      const record = agreeToExtension(completed(days(40)), days(41).toISOString());
      expect(destructionDate(record, days(41), POLICY)).to.deep.equal(days(40 + EXTENSION_DAYS));
      expect(destructionDue(record, days(70), POLICY)).to.equal(false);
      expect(destructionDue(record, days(40 + EXTENSION_DAYS), POLICY)).to.equal(true);
    });

    it('a revoked agreement brings the ordinary retention back (destroyed at once if it has passed)', () => {
      const kept = agreeToExtension(completed(days(40)), days(41).toISOString());
      const revoked = revokeExtension(kept, days(200).toISOString());
      expect(activeExtension(revoked)).to.equal(undefined);
      expect(revoked.retentionAgreements, 'the ledger keeps the agreement, dated').to.deep.equal([{ agreedAt: days(41).toISOString(), revokedAt: days(200).toISOString() }]);
      expect(destructionDue(revoked, days(200), POLICY)).to.equal(true);
    });

    it('an agreement given again after a revocation is in force', () => {
      const again = agreeToExtension(revokeExtension(agreeToExtension(completed(days(40)), days(41).toISOString()), days(50).toISOString()), days(60).toISOString());
      expect(activeExtension(again)?.agreedAt).to.equal(days(60).toISOString());
      expect(destructionDue(again, days(200), POLICY)).to.equal(false);
    });
  });

  describe('the warning before destruction', () => {
    it('is due from 7 days before the destruction date until it, once per date', () => {
      const record = completed(days(40));
      expect(destructionWarningDue(record, new Date(days(63).getTime() - 1), POLICY), 'more than 7 days before').to.equal(undefined);
      expect(destructionWarningDue(record, days(63), POLICY)).to.deep.equal(days(70));
      const warned = { ...record, destructionWarning: { dueAt: days(70).toISOString(), sentAt: days(63).toISOString() } };
      expect(destructionWarningDue(warned, days(65), POLICY), 'already warned for this date').to.equal(undefined);
      expect(destructionWarningDue(record, days(70), POLICY), 'destruction is due: no warning any more').to.equal(undefined);
    });

    it('is due again for the new date when the user agrees to keep the bilan a year', () => {
      const warned = { ...completed(days(40)), destructionWarning: { dueAt: days(70).toISOString(), sentAt: days(63).toISOString() } };
      const kept = agreeToExtension(warned, days(64).toISOString());
      expect(destructionWarningDue(kept, days(64), POLICY)).to.equal(undefined);
      expect(destructionWarningDue(kept, days(40 + EXTENSION_DAYS - 7), POLICY)).to.deep.equal(days(40 + EXTENSION_DAYS));
    });

    it('is never due for a bilan still open, and is due at closure when the retention is shorter than 7 days', () => {
      expect(destructionWarningDue(engaged(days(10)), days(99), POLICY), 'open: not abandoned yet').to.equal(undefined);
      expect(destructionWarningDue(completed(days(40)), days(40), { ...POLICY, retentionDays: 3 })).to.deep.equal(days(43));
    });
  });

  describe('who can agree to the extension', () => {
    it('someone engaged in the bilan', () => {
      expect(canExtend(engaged())).to.equal(true);
    });

    it('not someone who refused, nor someone who never engaged', () => {
      expect(canExtend({ ...emptyRecord(teamsUserId('u'), T0), consent: { refusedAt: T0.toISOString() } })).to.equal(false);
      expect(canExtend(emptyRecord(teamsUserId('u'), T0))).to.equal(false);
    });
  });
});
