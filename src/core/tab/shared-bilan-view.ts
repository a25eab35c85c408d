import type { BilanRecord, ShareEntry } from '../bilan/bilan-record.js';
import type { Flow } from '../flow/flow-schema.js';
import { activeShare } from '../sharing/consent-ledger.js';
import { CONCLUSION_SUMMARY_SECTIONS } from '../sharing/shared-parts.js';
import { buildSynthesis, type SynthesisOptions, type SynthesisSection } from '../synthesis/synthesis.js';

/** One bilan shared with the counsellor, as listed in the counsellor tab (no content). */
export interface SharedBilanSummary {
  readonly shareId: string;
  readonly sharedAt: string;
  readonly acknowledged: ShareEntry['acknowledged'];
}

/**
 * The shared part of a bilan for the counsellor: exactly the sections of the conclusion summary the person agreed to
 * share, numbered as in their document, in the version they edited.
 */
export interface SharedBilanDetail extends SharedBilanSummary {
  readonly sections: readonly SynthesisSection[];
}

/** The summary share in force, or undefined: a bilan is shared with the counsellor only while its owner agrees. */
export function sharedSummary(record: BilanRecord | undefined): SharedBilanSummary | undefined {
  const share = record && activeShare(record, 'counsellor', 'conclusionSummary');
  return share && { shareId: share.id, sharedAt: share.grantedAt, acknowledged: share.acknowledged };
}

export function sharedBilanDetail(record: BilanRecord, flows: readonly Flow[], now: Date, options: SynthesisOptions = {}): SharedBilanDetail | undefined {
  const summary = sharedSummary(record);
  if (!summary) return undefined;
  const sections = buildSynthesis(record, flows, now, options).sections.filter((s) => CONCLUSION_SUMMARY_SECTIONS.includes(s.id));
  return { ...summary, sections };
}
