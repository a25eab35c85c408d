/**
 * Occupation suggestion as a filter (contract: ../shared/occupations-eval/README.md):
 *
 *   npm run --silent occupations:suggest < profiles.jsonl > suggestions.jsonl
 *
 * Reads JSON lines {"id", "lang", "answers"} on stdin; writes one line {"id", "jobs", "occupations"} per profile, in
 * input order, and nothing else. A line that cannot be read is reported on stderr with its line number; the others
 * are still answered, and the exit code is 1.
 */
import { createInterface } from 'node:readline';
import { loadOccupationRanker } from '../../src/infra/jobs/load-occupation-ranker.js';
import { loadSkillExtractor } from '../../src/infra/skills/load-skill-extractor.js';
import { parseProfileLine } from './profile-line.js';
import { suggestLine } from './suggest-profiles.js';

const { ranker } = loadOccupationRanker();
const extractor = loadSkillExtractor();
let failures = 0;
let lineNumber = 0;
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  lineNumber++;
  if (line.trim() === '') continue;
  const parsed = parseProfileLine(line);
  if (!parsed.ok) {
    failures++;
    process.stderr.write(`occupations:suggest: line ${lineNumber}: ${parsed.problem}\n`);
    continue;
  }
  process.stdout.write(`${JSON.stringify(suggestLine(parsed.value, ranker, extractor))}\n`);
}
process.exitCode = failures === 0 ? 0 : 1;
