import type { Locale } from '../locale.js';

/** A skill as shown next to an occupation: what the user has, or what the occupation asks for. */
export interface OccupationSkill {
  readonly id: string;
  readonly label: string;
}

/** A ROME occupation (fiche métier) worth exploring, with the user's matching skills and the gaps. */
export interface OccupationSuggestion {
  /** ROME code, e.g. "M1805". */
  readonly code: string;
  readonly label: string;
  /** Confirmed skills of the user that this occupation uses. */
  readonly matchedSkills: readonly OccupationSkill[];
  /** Core skills of the occupation the user has not confirmed (at most a handful, most important first). */
  readonly gaps: readonly OccupationSkill[];
  /** The occupation's RIASEC major letter, when ROME gives one. */
  readonly riasec: string | undefined;
  readonly score: number;
  /** The person's words that named it as a target, when its label says something else ("health and safety advisor"). */
  readonly said?: string;
}

export interface OccupationQuery {
  /** Ids of the user's confirmed skills (ROME code_ogr or ESCO URIs; unknown ids are ignored). */
  readonly skillIds: readonly string[];
  /** The user's Holland code, strongest letter first (e.g. "SEC"), if known. */
  readonly holland: string | undefined;
  readonly locale: Locale;
  readonly limit: number;
}

/** Port: proposes occupations close to a person's skills and interests. Suggestions are prompts for reflection. */
export interface OccupationSuggester {
  suggest(query: OccupationQuery): readonly OccupationSuggestion[];
  /** The taxonomy versions the suggestions come from, recorded in the bilan (e.g. { rome: "4.0 v460" }). */
  readonly taxonomyVersions: Readonly<Record<string, string>>;
}
