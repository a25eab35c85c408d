import { OccupationRanker } from '../../core/jobs/occupation-ranker.js';
import { JobCatalog } from '../../core/jobs/job-catalog.js';
import { WishConcepts } from '../../core/jobs/wish-concepts.js';
import { loadOccupationSuggester, type RomeOccupationSuggester } from '../skills/rome-occupation-suggester.js';
import { readFicheSkills, type FicheSkills } from './fiche-skills-file.js';
import { DEFAULT_JOBS_DATA_DIR, readJobsData } from './jobs-file.js';
import { RomeSkillSide } from './rome-skill-side.js';

export interface OccupationRankerParts {
  readonly catalog: JobCatalog;
  readonly ranker: OccupationRanker;
  readonly skills: RomeSkillSide;
  readonly fiches: FicheSkills;
}

/**
 * The job catalog and the occupation ranker over data/occupations/ (read once; indexes built on first use), with the
 * skill-based suggester given (the app's own) or read from the same directory.
 */
export function loadOccupationRanker(dataDir: string = DEFAULT_JOBS_DATA_DIR, suggester?: RomeOccupationSuggester): OccupationRankerParts {
  const data = readJobsData(dataDir);
  const catalog = new JobCatalog(data);
  const fiches = readFicheSkills(dataDir);
  const skills = new RomeSkillSide(suggester ?? loadOccupationSuggester(dataDir), fiches);
  return { catalog, ranker: new OccupationRanker(catalog, skills, data.negations, new WishConcepts(data.concepts, data.fiches)), skills, fiches };
}
