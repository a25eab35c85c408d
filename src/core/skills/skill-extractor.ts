import type { Locale } from '../locale.js';

/** The three families a counsellor sorts skills into (ROME 4.0 vocabulary). */
export const SKILL_KINDS = ['savoir', 'savoir-faire', 'savoir-être'] as const;

export type SkillKind = (typeof SKILL_KINDS)[number];

/**
 * One skill found in a free-text answer, already collapsed to a level a person recognises
 * (a ROME macro-compétence, savoir or savoir-être, or an ESCO concept when ROME has nothing closer).
 */
export interface SkillMatch {
  /** ROME 4.0 `code_ogr` (e.g. "300361") or ESCO concept URI. */
  readonly id: string;
  /** Label in the language of the answer. */
  readonly label: string;
  /** Taken from the taxonomy entry that matched, never guessed. */
  readonly kind: SkillKind;
  /** Confidence in ]0, 1]; matches are returned best first. */
  readonly score: number;
  /** The words of the answer that triggered the match, as written. */
  readonly evidence: readonly string[];
}

/** Port: finds the skills a person states they have. Skills they say they lack are never returned by extract(). */
export interface SkillExtractor {
  extract(text: string, locale: Locale): readonly SkillMatch[];
  /** The skills the person says they lack or cannot do, so that the bilan never proposes them later. */
  lacked?(text: string, locale: Locale): readonly SkillMatch[];
}
