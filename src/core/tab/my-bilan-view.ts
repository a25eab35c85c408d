import type { BilanRecord } from '../bilan/bilan-record.js';
import type { Flow } from '../flow/flow-schema.js';
import { percentDone } from '../flow/flow-progress.js';
import { PHASES, type PhaseId } from '../phases.js';
import { activeShare } from '../sharing/consent-ledger.js';
import { SKILL_KINDS, type SkillKind } from '../skills/skill-extractor.js';
import { editedSkills } from '../synthesis/synthesis-edits.js';

export type PhaseState = 'notStarted' | 'active' | 'completed';

/** The employee's own bilan as the "My bilan" tab shows it: progress, confirmed skills (as edited), what is shared. */
export interface MyBilanView {
  /** False before the user engaged in the chat (or after a refusal): there is nothing else to show. */
  readonly started: boolean;
  readonly refused: boolean;
  readonly phases: readonly { readonly phase: PhaseId; readonly state: PhaseState; readonly percent: number }[];
  readonly skills: readonly { readonly kind: SkillKind | 'other'; readonly labels: readonly string[] }[];
  readonly sharing: {
    readonly summary:
      | { readonly shared: false }
      | { readonly shared: true; readonly grantedAt: string; readonly acknowledgedAt: string | undefined };
  };
}

export function myBilanView(record: BilanRecord | undefined, flows: readonly Flow[]): MyBilanView {
  const started = Boolean(record?.consent.engagedAt && !record.consent.refusedAt);
  const share = record && activeShare(record, 'counsellor', 'conclusionSummary');
  const skills = record ? editedSkills(record) : [];
  return {
    started,
    refused: Boolean(record?.consent.refusedAt),
    phases: PHASES.map((phase) => phaseOf(record, flows, phase)),
    skills: [...SKILL_KINDS, 'other' as const]
      .map((kind) => ({ kind, labels: skills.filter((s) => (s.kind ?? 'other') === kind).map((s) => s.label) }))
      .filter((group) => group.labels.length > 0),
    sharing: { summary: share ? { shared: true, grantedAt: share.grantedAt, acknowledgedAt: share.acknowledged?.at } : { shared: false } },
  };
}

function phaseOf(record: BilanRecord | undefined, flows: readonly Flow[], phase: PhaseId): MyBilanView['phases'][number] {
  const progress = record?.phases[phase];
  if (!record || !progress) return { phase, state: 'notStarted', percent: 0 };
  if (progress.status === 'completed') return { phase, state: 'completed', percent: 100 };
  const flow = flows.find((f) => f.phase === phase);
  return { phase, state: 'active', percent: flow ? percentDone(flow, record) : 0 };
}
