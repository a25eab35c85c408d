import type { BilanRecord, PendingPrompt, PhaseProgress } from '../bilan/bilan-record.js';
import type { Locale } from '../locale.js';
import { findStep } from './flow-catalog.js';
import type { Flow } from './flow-schema.js';
import type { PendingCards } from './pending-cards.js';

/** The trail entry of a skills card answered after step `id` (a question, or a reviewSkills step). */
export const skillsCardEntry = (id: string): string => `${id}#skills`;
const SUFFIX = skillsCardEntry('');

/**
 * « retour » right after a skills card: the card again, with the skills confirmed on it taken back so that they
 * can be ticked anew. Undefined when the last thing answered was not a skills card, or it has nothing to offer now.
 */
export function reopenedSkillsCard(record: BilanRecord, flow: Flow, progress: PhaseProgress, cards: PendingCards, locale: Locale): { record: BilanRecord; progress: PhaseProgress } | undefined {
  const last = progress.trail?.at(-1);
  if (progress.pending || !last?.endsWith(SUFFIX)) return undefined;
  const id = last.slice(0, -SUFFIX.length);
  const step = findStep(flow, id);
  const sources = new Set([id, ...(step?.type === 'action' ? (step.questions ?? []) : [])]);
  const taken = { ...record, skills: (record.skills ?? []).filter((s) => !sources.has(s.question)) };
  const pending: PendingPrompt | undefined =
    step?.type === 'action' ? cards.gatheredReview(taken, step, locale) : step?.type === 'question' ? cards.skillReview(taken, step, locale) : undefined;
  if (!pending) return undefined;
  const { recap: _recap, ...rest } = progress;
  return { record: taken, progress: { ...rest, stepId: id, pending, trail: (progress.trail ?? []).slice(0, -1) } };
}
