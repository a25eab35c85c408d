import { expect } from 'chai';
import { bilanRecordSchema, emptyRecord, type BilanRecord } from '../../../../src/core/bilan/bilan-record.js';
import { teamsUserId } from '../../../support/activities.js';

const AT = '2026-03-02T09:00:00.000Z';

/** A record using every part of the schema, as a bilan near its end holds it. */
function fullRecord(): BilanRecord {
  return {
    ...emptyRecord(teamsUserId('user'), new Date(AT)),
    locale: 'fr',
    consent: { informationAcknowledgedAt: AT, engagedAt: AT, objectivesConfirmedAt: AT },
    phases: {
      preliminaire: { flowId: 'preliminaire', flowVersion: 1, stepId: 'done', status: 'completed', startedAt: AT, completedAt: AT, recapConfirmedAt: AT },
      investigation: {
        flowId: 'investigation',
        flowVersion: 1,
        stepId: 'i02_missions_current',
        status: 'active',
        startedAt: AT,
        recap: { mode: 'editing', questionId: 'i01_career_path' },
        pending: { type: 'skillReview', questionId: 'i02_missions_current', candidates: [{ id: 'rome:1', label: 'Gérer un planning', kind: 'savoir-faire', evidence: ['plannings'] }] },
      },
    },
    answers: {
      p01_trigger: { value: 'Envie de changer', at: AT, flow: 'preliminaire', flowVersion: 1 },
      p02_event: { skipped: true, at: AT, flow: 'preliminaire', flowVersion: 1 },
      p07_prior_steps: { value: ['nothing_yet'], at: AT, flow: 'preliminaire', flowVersion: 1 },
      p08_clarity: { value: 5, at: AT, flow: 'preliminaire', flowVersion: 1 },
    },
    skills: [{ id: 'rome:1', label: 'Gérer un planning', kind: 'savoir-faire', source: 'extracted', evidence: ['plannings'], question: 'i02_missions_current', confirmedAt: AT }],
    interests: { holland: 'SEC', scores: { S: 4, E: 3, C: 2 }, computedAt: AT },
    explorations: [{ code: 'D1301', label: 'Management de magasin', matchedSkills: [{ id: 'rome:1', label: 'Gérer un planning' }], gaps: [], keptAt: AT }],
    taxonomies: { rome: '4.0' },
    sharing: [{ id: 'share-1', recipient: 'counsellor', parts: ['conclusionSummary'], grantedAt: AT, posted: { conversationId: 'c', activityId: 'a' }, acknowledged: { by: 'oid', at: AT } }],
    comments: [{ text: 'Relu avec ma conseillère', at: AT }],
    reminders: { lastSentAt: AT },
    retentionAgreements: [{ agreedAt: AT }],
    appliedTurns: ['activity-1'],
  };
}

type JsonObject = Record<string, unknown>;

/** The object at `path` inside `record`. */
function at(record: JsonObject, ...path: string[]): JsonObject {
  return path.reduce((object, key) => object[key] as JsonObject, record);
}

/** The record with `change` applied to a JSON copy (as if read back from storage). */
function tampered(change: (record: JsonObject) => void): unknown {
  const copy = JSON.parse(JSON.stringify(fullRecord())) as JsonObject;
  change(copy);
  return copy;
}

describe('bilanRecordSchema', () => {
  it('should accept a record using every part of the schema, and give it back unchanged', () => {
    const parsed = bilanRecordSchema.safeParse(JSON.parse(JSON.stringify(fullRecord())));

    expect(parsed.success).to.equal(true);
    expect(parsed.data).to.deep.equal(fullRecord());
  });

  it('should accept a new, empty record', () => {
    expect(bilanRecordSchema.safeParse(emptyRecord(teamsUserId('user'), new Date(AT))).success).to.equal(true);
  });

  const refused: [string, (record: JsonObject) => void][] = [
    ['an unknown top-level field', (r) => (r['extra'] = 1)],
    ['an unknown field in an answer', (r) => (at(r, 'answers', 'p01_trigger')['comment'] = 'x')],
    ['an answer value that is an object', (r) => (at(r, 'answers', 'p01_trigger')['value'] = { text: 'x' })],
    ['an answer value that is a boolean', (r) => (at(r, 'answers', 'p01_trigger')['value'] = true)],
    ['an answer value that is a list of numbers', (r) => (at(r, 'answers', 'p07_prior_steps')['value'] = [1, 2])],
    ['an answer date that is not an ISO instant', (r) => (at(r, 'answers', 'p01_trigger')['at'] = '2 mars 2026')],
    ['a phase that does not exist', (r) => (at(r, 'phases')['bonus'] = at(r, 'phases')['preliminaire'])],
    ['a phase status that does not exist', (r) => (at(r, 'phases', 'investigation')['status'] = 'paused')],
    ['a pending card of an unknown type', (r) => (at(r, 'phases', 'investigation', 'pending')['type'] = 'quiz')],
    ['a recap in an unknown mode', (r) => (at(r, 'phases', 'investigation')['recap'] = { mode: 'reviewing' })],
    ['a language the bot does not speak', (r) => (r['locale'] = 'de')],
    ['another schema version', (r) => (r['schemaVersion'] = 2)],
    ['an empty user id', (r) => (r['userId'] = '')],
    ['a missing consent', (r) => delete r['consent']],
    ['a share without any part', (r) => (at(r, 'sharing', '0')['parts'] = [])],
    ['a skill of an unknown kind', (r) => (at(r, 'skills', '0')['kind'] = 'talent')],
  ];
  for (const [what, change] of refused) {
    it(`should refuse ${what}`, () => {
      expect(bilanRecordSchema.safeParse(tampered(change)).success).to.equal(false);
    });
  }
});
