import type { Locale } from '../locale.js';
import type { OccupationSkill } from '../skills/occupation-suggester.js';
import type { SkillKind } from '../skills/skill-extractor.js';

/** A job a person named, resolved to a ROME fiche and labelled in their language. */
export interface NamedJob {
  readonly code: string;
  readonly label: string;
  /** The title as the person wrote it (a taxonomy title). */
  readonly said: string;
  /** The job they hold now (at most one per text). */
  readonly current: boolean;
  /** Named as theirs (« je suis… », at the start of a sentence), not as someone they work with (« à l'infirmière »). */
  readonly own: boolean;
}

/** A core competence of a fiche, offered for the person to tick. */
export interface CoreSkill {
  /** ROME 4.0 `code_ogr` or ESCO concept URI, as the skill extractor reports them. */
  readonly id: string;
  readonly label: string;
  readonly kind: SkillKind;
  /** A compétence of this macro-compétence in the fiche, to make it concrete (French only). */
  readonly example?: string;
}

/** Port: the jobs named in a text, and what each job's core competences are. */
export interface JobDirectory {
  /** The jobs named in `text`, in reading order, once each. */
  named(text: string, locale: Locale): readonly NamedJob[];
  /** The fiche's core competences to tick: ROME coeur de métier (French) or ESCO essential skills (English). */
  coreSkills(code: string, locale: Locale): readonly CoreSkill[];
  /**
   * The fiche a job typed by the person names, or the one closest to their words when no title matches, with the
   * confirmed skills it uses and its gaps; undefined when the words are about no fiche at all.
   */
  typedOccupation(text: string, skillIds: readonly string[], locale: Locale): TypedOccupation | undefined;
}

export interface TypedOccupation {
  readonly code: string;
  readonly label: string;
  /** No title matched: the fiche is the closest to the words. */
  readonly approximate: boolean;
  readonly matchedSkills: readonly OccupationSkill[];
  readonly gaps: readonly OccupationSkill[];
}
