import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { emptyRecord, type BilanRecord } from '../../../../src/core/bilan/bilan-record.js';
import { StoreBilanRepository } from '../../../../src/core/bilan/bilan-repository.js';
import { DomainError } from '../../../../src/core/errors.js';

describe('StoreBilanRepository', () => {
  describe('save()', () => {
    it('should refuse a record that could not be read back, and keep the stored one', async () => {
      const repository = new StoreBilanRepository(new MemoryStorage());
      const good = { ...emptyRecord('aad:user', new Date('2026-03-02T09:00:00Z')), locale: 'fr' as const };
      await repository.save(good, undefined);
      const loaded = await repository.load('aad:user');
      const corrupt = { ...good, locale: Object.prototype } as unknown as BilanRecord;

      let thrown: unknown;
      await repository.save(corrupt, loaded?.eTag).catch((error: unknown) => (thrown = error));

      expect(thrown).to.be.instanceOf(DomainError);
      expect((await repository.load('aad:user'))?.record).to.deep.equal(good);
    });
  });
});
