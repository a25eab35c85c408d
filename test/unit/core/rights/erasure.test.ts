import { expect } from 'chai';
import { emptyRecord } from '../../../../src/core/bilan/bilan-record.js';
import { categoriesFound, settleProof, type ErasureProof } from '../../../../src/core/rights/erasure.js';
import { teamsUserId } from '../../../support/activities.js';

const AT = '2026-03-01T08:00:00.000Z';
const NOTHING_ELSE = { dialogState: false, conversationReference: false, channelPosts: 0 };

describe('erasure proof', () => {
  it('names only the categories that held something', () => {
    expect(categoriesFound(undefined, NOTHING_ELSE)).to.deep.equal([]);
    expect(categoriesFound(emptyRecord(teamsUserId('u'), new Date(AT)), { ...NOTHING_ELSE, conversationReference: true })).to.deep.equal(['bilanRecord', 'conversationReference']);
  });

  it('names the consent ledgers and the channel posts when there were some', () => {
    const record = {
      ...emptyRecord(teamsUserId('u'), new Date(AT)),
      sharing: [{ id: 's1', recipient: 'counsellor' as const, parts: ['conclusionSummary' as const], grantedAt: AT }],
      retentionAgreements: [{ agreedAt: AT }],
    };
    expect(categoriesFound(record, { dialogState: true, conversationReference: true, channelPosts: 1 })).to.deep.equal([
      'bilanRecord',
      'consentLedger',
      'retentionAgreements',
      'dialogState',
      'conversationReference',
      'channelPosts',
    ]);
  });

  it('is completed, dated, once the last pending channel post is gone, and stays pending otherwise', () => {
    const proof: ErasureProof = { id: 'p', subject: 'h', erasedAt: AT, reason: 'userRequest', categories: ['channelPosts'], channelPostsPending: 2 };
    expect(settleProof(proof, 1, AT)).to.deep.equal({ ...proof, channelPostsPending: 1 });
    expect(settleProof(proof, 0, '2026-03-02T00:00:00.000Z')).to.deep.equal({ ...proof, channelPostsPending: 0, completedAt: '2026-03-02T00:00:00.000Z' });
  });

  it('never carries content: only dates, a pseudonym, a reason and category names', () => {
    const proof: ErasureProof = settleProof({ id: 'p', subject: 'h', erasedAt: AT, reason: 'retention', closure: 'abandoned', categories: ['bilanRecord'], channelPostsPending: 0 }, 0, AT);
    expect(Object.keys(proof).sort()).to.deep.equal(['categories', 'channelPostsPending', 'closure', 'erasedAt', 'id', 'reason', 'subject']);
  });
});
