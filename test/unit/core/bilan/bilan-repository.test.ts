import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { emptyRecord, type BilanRecord } from '../../../../src/core/bilan/bilan-record.js';
import { StoreBilanRepository } from '../../../../src/core/bilan/bilan-repository.js';
import { DomainError, StorageError } from '../../../../src/core/errors.js';
import { teamsUserId } from '../../../support/activities.js';

describe('StoreBilanRepository', () => {
  describe('load()', () => {
    it('should refuse a stored record that does not match the schema, and leave it as it is', async () => {
      const storage = new MemoryStorage();
      const repository = new StoreBilanRepository(storage);
      await repository.save({ ...emptyRecord(teamsUserId('user'), new Date('2026-03-02T09:00:00Z')), locale: 'fr' }, undefined);
      const key = `bilan/records/${teamsUserId('user')}`;
      const stored = (await storage.read([key]))[key] as { record: Record<string, unknown> };
      await storage.write({ [key]: { ...stored, record: { ...stored.record, status: 'hacked' } } });

      let thrown: unknown;
      await repository.load(teamsUserId('user')).catch((error: unknown) => (thrown = error));

      expect(thrown).to.be.instanceOf(StorageError);
      expect(((await storage.read([key]))[key] as typeof stored).record['status']).to.equal('hacked');
    });
  });

  describe('save()', () => {
    it('should refuse a record that could not be read back, and keep the stored one', async () => {
      const repository = new StoreBilanRepository(new MemoryStorage());
      const good = { ...emptyRecord(teamsUserId('user'), new Date('2026-03-02T09:00:00Z')), locale: 'fr' as const };
      await repository.save(good, undefined);
      const loaded = await repository.load(teamsUserId('user'));
      const corrupt = { ...good, locale: Object.prototype } as unknown as BilanRecord;

      let thrown: unknown;
      await repository.save(corrupt, loaded?.eTag).catch((error: unknown) => (thrown = error));

      expect(thrown).to.be.instanceOf(DomainError);
      expect((await repository.load(teamsUserId('user')))?.record).to.deep.equal(good);
    });
  });
});
