import type { SkillSide } from '../../core/jobs/occupation-ranker.js';
import type { Locale } from '../../core/locale.js';
import type { OccupationSkill } from '../../core/skills/occupation-suggester.js';
import type { RomeOccupationSuggester } from '../skills/rome-occupation-suggester.js';
import type { FicheSkills } from './fiche-skills-file.js';

const POOL = 25;
const MAX_GAPS = 5;

/**
 * Skill proximity from the ROME skill suggester (cosine over fiche skills, RIASEC bonus), scaled to [0, 1]. Gaps in
 * English are the ESCO essential skills of the fiche's occupations not confirmed (ROME skills have few English labels).
 */
export class RomeSkillSide implements SkillSide {
  constructor(
    private readonly suggester: RomeOccupationSuggester,
    private readonly ficheSkills: FicheSkills,
  ) {}

  proximity(skillIds: readonly string[], holland: string | undefined, locale: Locale): ReadonlyMap<string, number> {
    const suggestions = this.suggester.suggest({ skillIds, holland, locale, limit: POOL });
    const best = suggestions[0]?.score ?? 0;
    return new Map(best > 0 ? suggestions.map((s) => [s.code, s.score / best]) : []);
  }

  describe(code: string, skillIds: readonly string[], locale: Locale): { matched: readonly OccupationSkill[]; gaps: readonly OccupationSkill[] } {
    const suggestion = this.suggester.describe(code, skillIds, locale);
    const matched = suggestion?.matchedSkills ?? [];
    if (locale === 'fr') return { matched, gaps: suggestion?.gaps ?? [] };
    const confirmed = new Set(skillIds);
    const gaps = this.ficheSkills.essentials(code).filter((skill) => !confirmed.has(skill.id)).map(({ id, label }) => ({ id, label }));
    return { matched: matched.filter((skill) => this.suggester.labelIn(skill.id, 'en') !== undefined), gaps: gaps.slice(0, MAX_GAPS) };
  }
}
