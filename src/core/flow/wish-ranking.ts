import type { BilanRecord } from '../bilan/bilan-record.js';
import type { Ranking, RankingQuery, WishAnswers } from '../jobs/occupation-ranker.js';
import type { Locale } from '../locale.js';
import type { FlowStep } from './flow-schema.js';

export interface WishRanker {
  rank(query: RankingQuery): Ranking;
}

type Wishes = Extract<FlowStep, { type: 'action' }>['wishes'];

/** Occupations ranked from the answers the step names as wishes; none without a ranker, wishes or answers. */
export function occupationsFromWishes(
  ranker: WishRanker | undefined,
  record: BilanRecord,
  wishes: Wishes,
  query: { readonly skillIds: readonly string[]; readonly locale: Locale; readonly limit: number; readonly confirmedJobs?: readonly string[] },
): Ranking['occupations'] {
  if (!ranker || !wishes) return [];
  const answers: Record<string, string> = {};
  for (const [field, questionId] of Object.entries(wishes)) {
    const value = questionId === undefined ? undefined : record.answers[questionId]?.value;
    if (typeof value === 'string' && value.trim() !== '') answers[field] = value;
  }
  if (Object.keys(answers).length === 0) return [];
  const given: WishAnswers = answers;
  return ranker.rank({ answers: given, holland: record.interests?.holland, ...query }).occupations;
}
