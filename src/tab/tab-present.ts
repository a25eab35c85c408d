import { msg } from '../core/messages.js';
import type { MyBilanView } from '../core/tab/my-bilan-view.js';
import type { SharedBilanDetail, SharedBilanSummary } from '../core/tab/shared-bilan-view.js';
import type { Translate } from '../infra/i18n/create-i18n.js';
import { describeValue } from '../bot/render/synthesis-card.js';

/**
 * The tab API's answers: the core views with their content labels translated here, from the same locales as the chat
 * (phase names, skill kinds, synthesis labels). The page's own wording comes from locales/<lang>/tab.json.
 */
export function presentMyBilan(view: MyBilanView, t: Translate, synthesis: { pdf: string; md: string } | undefined) {
  return {
    started: view.started,
    refused: view.refused,
    phases: view.phases.map((p) => ({ ...p, label: t(msg(`common:phases.${p.phase}`)) })),
    skills: view.skills.map((g) => ({ kind: g.kind, label: t(msg(`synthesis:labels.skills.${g.kind}`)), items: g.labels })),
    sharing: view.sharing,
    synthesis: synthesis ?? null,
  };
}

export function presentSummary(summary: SharedBilanSummary) {
  return { shareId: summary.shareId, sharedAt: summary.sharedAt, acknowledgedAt: summary.acknowledged?.at ?? null };
}

export function presentDetail(detail: SharedBilanDetail, t: Translate) {
  return {
    ...presentSummary(detail),
    sections: detail.sections.map((s) => ({ id: s.id, heading: t(s.heading), lines: s.lines.map((l) => ({ label: t(l.label), value: describeValue(l.value, t) })) })),
  };
}
