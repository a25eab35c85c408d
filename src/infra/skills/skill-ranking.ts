import type { SkillKind, SkillMatch } from '../../core/skills/skill-extractor.js';
import type { MatchingSettings } from './resource-files.js';

/** A skill found in the answer before ranking: already at the level it will be shown at. */
export interface FoundSkill {
  readonly id: string;
  readonly label: string;
  readonly kind: SkillKind;
  readonly score: number;
  readonly tokens: readonly number[];
  /** ROME items win ties: they are the French reference and roll up to macro-compétences. */
  readonly rome: boolean;
  /** Found by a reviewed lexicon trigger rather than a taxonomy label: wins ties. */
  readonly curated: boolean;
}

/**
 * Merges findings of the same skill, drops a finding whose words are mostly evidence of a better one (one
 * phrase, one skill), and keeps the best ones.
 */
export function rankSkills(found: readonly FoundSkill[], words: readonly string[], settings: MatchingSettings): SkillMatch[] {
  const merged = new Map<string, FoundSkill>();
  for (const skill of found) {
    const previous = merged.get(skill.id);
    merged.set(
      skill.id,
      previous ? { ...previous, score: Math.max(previous.score, skill.score), tokens: [...new Set([...previous.tokens, ...skill.tokens])] } : skill,
    );
  }
  const ordered = [...merged.values()]
    .filter((skill) => skill.score >= settings.scores.minimum)
    .sort(
      (a, b) =>
        b.score - a.score || b.tokens.length - a.tokens.length || Number(b.curated) - Number(a.curated) || Number(b.rome) - Number(a.rome) || a.id.localeCompare(b.id),
    );
  const kept: FoundSkill[] = [];
  for (const skill of ordered) {
    if (kept.some((better) => mostlyShared(skill.tokens, better.tokens))) continue;
    kept.push(skill);
    if (kept.length === settings.maxSkills) break;
  }
  return kept.map((skill) => ({
    id: skill.id,
    label: skill.label,
    kind: skill.kind,
    score: Math.round(skill.score * 1000) / 1000,
    evidence: [...skill.tokens].sort((a, b) => a - b).map((t) => words[t] ?? '').filter(Boolean),
  }));
}

/** At least half of `tokens` are already evidence of `better`: the same words, said once, name one skill. */
function mostlyShared(tokens: readonly number[], better: readonly number[]): boolean {
  const shared = tokens.filter((t) => better.includes(t)).length;
  return shared * 2 >= tokens.length;
}
