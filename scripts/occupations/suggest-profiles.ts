import type { OccupationRanker } from '../../src/core/jobs/occupation-ranker.js';
import type { SkillExtractor } from '../../src/core/skills/skill-extractor.js';
import type { ProfileLine } from './profile-line.js';

const MAX_JOBS_SHOWN = 3;
const MAX_OCCUPATIONS = 5;

export interface SuggestLine {
  readonly id: string;
  readonly jobs: readonly { code: string; label: string }[];
  readonly occupations: readonly { code: string; label: string; matched: readonly string[]; gaps: readonly string[] }[];
}

/**
 * The contract line of one profile. The skills the person states in their answers stand for confirmed skills (in
 * the bilan they are proposed and confirmed before occupations are shown).
 */
export function suggestLine(profile: ProfileLine, ranker: OccupationRanker, extractor: SkillExtractor): SuggestLine {
  const { answers, lang } = profile;
  const stated = [answers.currentMissions, answers.moreOf, answers.outsideWork].filter((text): text is string => typeof text === 'string');
  const skillIds = [...new Set(stated.flatMap((text) => extractor.extract(text, lang).map((skill) => skill.id)))];
  const ranking = ranker.rank({ answers, locale: lang, skillIds, limit: MAX_OCCUPATIONS });
  return {
    id: profile.id,
    jobs: ranking.jobs.slice(0, MAX_JOBS_SHOWN).map((job) => ({ code: job.code, label: job.label })),
    occupations: ranking.occupations.map((o) => ({ code: o.code, label: o.label, matched: o.matchedSkills.map((s) => s.label), gaps: o.gaps.map((s) => s.label) })),
  };
}
