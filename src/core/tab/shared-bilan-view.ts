import type { BilanRecord, ShareEntry } from '../bilan/bilan-record.js';
import type { Flow } from '../flow/flow-schema.js';
import { activeShare } from '../sharing/consent-ledger.js';
import { CONCLUSION_SUMMARY_SECTIONS } from '../sharing/shared-parts.js';
import { buildSynthesis, type SynthesisLine } from '../synthesis/synthesis.js';

/** The groups of the counsellor's detail view, in display order. */
export const SHARED_GROUPS = ['skills', 'interests', 'values', 'potentials', 'project', 'actionPlan'] as const;
export type SharedGroup = (typeof SHARED_GROUPS)[number];

/** One bilan shared with the counsellor, as listed in the counsellor tab (no content). */
export interface SharedBilanSummary {
  readonly shareId: string;
  readonly sharedAt: string;
  readonly acknowledged: ShareEntry['acknowledged'];
}

/** The shared part of a bilan, grouped for the counsellor: exactly the conclusion summary the user agreed to share. */
export interface SharedBilanDetail extends SharedBilanSummary {
  readonly groups: readonly { readonly id: SharedGroup; readonly lines: readonly SynthesisLine[] }[];
}

/** The summary share in force, or undefined: a bilan is shared with the counsellor only while its owner agrees. */
export function sharedSummary(record: BilanRecord | undefined): SharedBilanSummary | undefined {
  const share = record && activeShare(record, 'counsellor', 'conclusionSummary');
  return share && { shareId: share.id, sharedAt: share.grantedAt, acknowledged: share.acknowledged };
}

export function sharedBilanDetail(record: BilanRecord, flows: readonly Flow[], now: Date): SharedBilanDetail | undefined {
  const summary = sharedSummary(record);
  if (!summary) return undefined;
  const lines = buildSynthesis(record, flows, now)
    .sections.filter((s) => CONCLUSION_SUMMARY_SECTIONS.includes(s.id))
    .flatMap((s) => s.lines);
  return { ...summary, groups: SHARED_GROUPS.map((id) => ({ id, lines: lines.filter((l) => groupOf(l) === id) })) };
}

function groupOf(line: SynthesisLine): SharedGroup {
  if (line.id.startsWith('skill.')) return 'skills';
  if (line.id === 'holland' || line.id === 'i32_work_with') return 'interests';
  if (line.id.startsWith('i25_')) return 'values';
  if (['i41_transferable', 'i22_use_more', 'i23_develop'].includes(line.id)) return 'potentials';
  if (line.id.startsWith('step.')) return 'actionPlan';
  return 'project';
}
