import { OccupationRanker, type Ranking, type RankingQuery } from '../../core/jobs/occupation-ranker.js';
import { JobCatalog } from '../../core/jobs/job-catalog.js';
import { loadOccupationSuggester } from '../skills/rome-occupation-suggester.js';
import { readFicheSkills } from './fiche-skills-file.js';
import { DEFAULT_JOBS_DATA_DIR, readJobsData } from './jobs-file.js';
import { RomeSkillSide } from './rome-skill-side.js';

/** The job catalog and the occupation ranker over data/occupations/ (read once; indexes built on first use). */
export function loadOccupationRanker(dataDir: string = DEFAULT_JOBS_DATA_DIR): { catalog: JobCatalog; ranker: OccupationRanker; skills: RomeSkillSide } {
  const data = readJobsData(dataDir);
  const catalog = new JobCatalog(data);
  const skills = new RomeSkillSide(loadOccupationSuggester(dataDir), readFicheSkills(dataDir));
  return { catalog, ranker: new OccupationRanker(catalog, skills, data.negations), skills };
}

/**
 * The ranker, read from disk and indexed on first use (or by warmUp()): building the title indexes takes seconds
 * on a busy machine, which neither start-up nor the turns right after it should wait for.
 */
export class LazyOccupationRanker {
  private loaded: ReturnType<typeof loadOccupationRanker> | undefined;

  constructor(private readonly dataDir: string = DEFAULT_JOBS_DATA_DIR) {}

  warmUp(): void {
    this.parts().catalog.warmUp();
  }

  rank(query: RankingQuery): Ranking {
    return this.parts().ranker.rank(query);
  }

  private parts(): ReturnType<typeof loadOccupationRanker> {
    return (this.loaded ??= loadOccupationRanker(this.dataDir));
  }
}
