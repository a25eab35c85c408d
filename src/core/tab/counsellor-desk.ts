import type { BilanRepository } from '../bilan/bilan-repository.js';
import type { Clock } from '../clock.js';
import type { Flow } from '../flow/flow-schema.js';
import type { SharedBilanIndex } from '../sharing/shared-index.js';
import type { SynthesisOptions } from '../synthesis/synthesis.js';
import { sharedBilanDetail, sharedSummary, type SharedBilanDetail, type SharedBilanSummary } from './shared-bilan-view.js';

/**
 * What the counsellor tab reads: the bilans whose owner currently shares their summary with the counsellor, found by
 * the share's id (an opaque id per agreement: once revoked, it leads nowhere, even if the user shares again later).
 */
export class CounsellorDesk {
  constructor(
    private readonly repository: BilanRepository,
    private readonly index: SharedBilanIndex,
    private readonly flows: readonly Flow[],
    private readonly clock: Clock,
    private readonly synthesis: SynthesisOptions = {},
  ) {}

  async list(): Promise<SharedBilanSummary[]> {
    const summaries = await Promise.all((await this.index.list()).map(async (userId) => sharedSummary((await this.repository.load(userId))?.record)));
    return summaries.filter((s): s is SharedBilanSummary => s !== undefined).sort((a, b) => b.sharedAt.localeCompare(a.sharedAt));
  }

  /** The owner of the bilan shared under `shareId`, while that agreement is in force. */
  async ownerOf(shareId: string): Promise<string | undefined> {
    for (const userId of await this.index.list()) {
      if (sharedSummary((await this.repository.load(userId))?.record)?.shareId === shareId) return userId;
    }
    return undefined;
  }

  async detail(shareId: string): Promise<SharedBilanDetail | undefined> {
    const owner = await this.ownerOf(shareId);
    const record = owner && (await this.repository.load(owner))?.record;
    return record ? sharedBilanDetail(record, this.flows, this.clock.now(), this.synthesis) : undefined;
  }
}
