import type { CoreSkill, JobDirectory, NamedJob, TypedOccupation } from '../../core/jobs/job-directory.js';
import type { Ranking, RankingQuery } from '../../core/jobs/occupation-ranker.js';
import type { Locale } from '../../core/locale.js';
import type { WishRanker } from '../../core/flow/wish-ranking.js';
import type { RomeOccupationSuggester } from '../skills/rome-occupation-suggester.js';
import { DEFAULT_JOBS_DATA_DIR } from './jobs-file.js';
import { loadOccupationRanker, type OccupationRankerParts } from './load-occupation-ranker.js';

/** Most core competences offered for one job (a ROME fiche has six at most; ESCO essentials are more). */
const MAX_CORE_SKILLS = 6;

interface Loaded {
  readonly parts: OccupationRankerParts;
}

/** Read-only data, read once per process and directory however many apps (tests) are created. */
const loadedByDir = new Map<string, Loaded>();

function load(jobsDir: string, suggester: (() => RomeOccupationSuggester) | undefined): Loaded {
  let loaded = loadedByDir.get(jobsDir);
  if (!loaded) {
    loaded = { parts: loadOccupationRanker(jobsDir, suggester?.()) };
    loadedByDir.set(jobsDir, loaded);
  }
  return loaded;
}

/**
 * Job recognition, core competences and occupation ranking over data/occupations/, read and indexed on first use
 * or by warmUp(), which the app runs just after listening.
 */
export class JobServices implements JobDirectory, WishRanker {
  constructor(
    private readonly jobsDir: string = DEFAULT_JOBS_DATA_DIR,
    /** The skill-based occupation suggester already loaded elsewhere (the app's), so it is not read twice. */
    private readonly suggester?: () => RomeOccupationSuggester,
  ) {}

  warmUp(): void {
    this.loaded().parts.catalog.warmUp();
  }

  named(text: string, locale: Locale): readonly NamedJob[] {
    return this.loaded().parts.catalog.named(text, locale);
  }

  coreSkills(code: string, locale: Locale): readonly CoreSkill[] {
    const { fiches } = this.loaded().parts;
    if (locale === 'en') return fiches.essentials(code).slice(0, MAX_CORE_SKILLS);
    return fiches.groups(code).slice(0, MAX_CORE_SKILLS).map((group) => ({
      id: group.id,
      label: group.label,
      kind: group.kind,
      ...(group.items[0] ? { example: group.items[0] } : {}),
    }));
  }

  typedOccupation(text: string, skillIds: readonly string[], locale: Locale): TypedOccupation | undefined {
    const { catalog, skills } = this.loaded().parts;
    const named = catalog.named(text, locale)[0]?.code;
    const closest = named ?? [...catalog.relevance(text, locale)].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (!closest) return undefined;
    const { matched, gaps } = skills.describe(closest, skillIds, locale);
    return { code: closest, label: catalog.label(closest, locale), approximate: named === undefined, matchedSkills: matched, gaps };
  }

  rank(query: RankingQuery): Ranking {
    return this.loaded().parts.ranker.rank(query);
  }

  private loaded(): Loaded {
    return load(this.jobsDir, this.suggester);
  }
}
