import { MemoryStorage } from 'botbuilder';
import { expect } from 'chai';
import { emptyRecord, type BilanRecord } from '../../../../src/core/bilan/bilan-record.js';
import { StoreBilanRepository } from '../../../../src/core/bilan/bilan-repository.js';
import { SharingService, type PostedRef, type SummaryPublisher } from '../../../../src/core/sharing/sharing-service.js';
import { FixedClock } from '../../../support/flows.js';
import { teamsUserId } from '../../../support/activities.js';

/** Records what would reach the counsellor channel; posts once per share id, like the real poster. */
class FakePublisher implements SummaryPublisher {
  channel = true;
  failWithdraw = false;
  readonly posts = new Map<string, PostedRef>();
  readonly withdrawn: string[] = [];
  ready() {
    return Promise.resolve(this.channel);
  }
  publish(_userId: string, shareId: string) {
    const posted = this.posts.get(shareId) ?? { conversationId: `19:c;messageid=${this.posts.size + 1}`, activityId: String(this.posts.size + 1) };
    this.posts.set(shareId, posted);
    return Promise.resolve(posted);
  }
  withdraw(shareId: string) {
    this.withdrawn.push(shareId);
    return Promise.resolve(this.failWithdraw ? ('pending' as const) : ('withdrawn' as const));
  }
  refresh(_userId: string, shareId: string) {
    return Promise.resolve(this.posts.has(shareId) ? ('updated' as const) : ('gone' as const));
  }
}

describe('SharingService: the consent ledger for the counsellor', () => {
  const USER = teamsUserId('share');
  let clock: FixedClock;
  let repository: StoreBilanRepository;
  let publisher: FakePublisher;
  let sharing: SharingService;
  let ids: number;

  beforeEach(async () => {
    clock = new FixedClock();
    repository = new StoreBilanRepository(new MemoryStorage());
    publisher = new FakePublisher();
    ids = 0;
    sharing = new SharingService(repository, publisher, clock, () => `share-${++ids}`);
    const engaged: BilanRecord = { ...emptyRecord(USER, clock.now()), consent: { engagedAt: clock.iso() } };
    await repository.save(engaged, undefined);
  });

  const ledger = async () => (await repository.load(USER))?.record.sharing ?? [];

  it('should share nothing by default', async () => {
    expect(await ledger()).to.deep.equal([]);
    expect(publisher.posts.size).to.equal(0);
  });

  it('should record the agreement with its date, then post once, and remember where', async () => {
    expect(await sharing.share(USER, 'fr')).to.equal('shared');
    const [entry] = await ledger();
    expect(entry).to.deep.include({ id: 'share-1', recipient: 'counsellor', parts: ['conclusionSummary'], grantedAt: clock.iso() });
    expect(entry?.posted).to.deep.equal({ conversationId: '19:c;messageid=1', activityId: '1' });
    expect(await sharing.share(USER, 'fr')).to.equal('alreadyShared');
    expect(publisher.posts.size).to.equal(1);
  });

  it('should take the post down and keep a dated revocation in the ledger', async () => {
    await sharing.share(USER, 'fr');
    clock.advance(60_000);
    expect(await sharing.revoke(USER)).to.equal('revoked');
    expect(publisher.withdrawn).to.have.length(1);
    const [entry] = await ledger();
    expect(entry?.revokedAt).to.equal(clock.iso());
    expect(await sharing.revoke(USER)).to.equal('nothingShared');
  });

  it('should record the revocation at once when the card deletion is still going on, and say so', async () => {
    await sharing.share(USER, 'fr');
    publisher.failWithdraw = true;
    expect(await sharing.revoke(USER)).to.equal('revokedPending');
    expect((await ledger())[0]?.revokedAt).to.equal(clock.iso());
    expect(await sharing.revoke(USER)).to.equal('nothingShared');
  });

  it('should share again after a revocation, as a new dated agreement', async () => {
    await sharing.share(USER, 'fr');
    await sharing.revoke(USER);
    expect(await sharing.share(USER, 'en')).to.equal('shared');
    expect((await ledger()).map((e) => [e.id, Boolean(e.revokedAt)])).to.deep.equal([['share-1', true], ['share-2', false]]);
  });

  it('should refuse when no counsellor channel is configured, recording nothing', async () => {
    publisher.channel = false;
    expect(await sharing.share(USER, 'fr')).to.equal('noChannel');
    expect(await ledger()).to.deep.equal([]);
  });

  it('should refuse for a user who has not engaged or who refused', async () => {
    await repository.save({ ...emptyRecord(teamsUserId('other'), clock.now()), consent: { refusedAt: clock.iso() } }, undefined);
    expect(await sharing.share(teamsUserId('other'), 'fr')).to.equal('notStarted');
    expect(await sharing.share(teamsUserId('nobody'), 'fr')).to.equal('notStarted');
  });
});
