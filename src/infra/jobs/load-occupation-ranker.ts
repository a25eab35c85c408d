import { OccupationRanker } from '../../core/jobs/occupation-ranker.js';
import { JobCatalog } from '../../core/jobs/job-catalog.js';
import { loadOccupationSuggester } from '../skills/rome-occupation-suggester.js';
import { readFicheSkills } from './fiche-skills-file.js';
import { DEFAULT_JOBS_DATA_DIR, readJobsData } from './jobs-file.js';
import { RomeSkillSide } from './rome-skill-side.js';

/** The job catalog and the occupation ranker over data/occupations/ (read once; indexes built on first use). */
export function loadOccupationRanker(dataDir: string = DEFAULT_JOBS_DATA_DIR): { catalog: JobCatalog; ranker: OccupationRanker } {
  const data = readJobsData(dataDir);
  const catalog = new JobCatalog(data);
  const skills = new RomeSkillSide(loadOccupationSuggester(dataDir), readFicheSkills(dataDir));
  return { catalog, ranker: new OccupationRanker(catalog, skills, data.negations) };
}
