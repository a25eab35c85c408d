/**
 * Skill extraction as a filter, for evaluation and scripting:
 *
 *   npm run --silent skills:extract < answers.jsonl > skills.jsonl
 *
 * Reads JSON lines {"id", "lang": "fr" | "en", "answer"} on stdin and writes, for each, one line
 * {"id", "skills": [{"id", "label", "kind", "score"}]} on stdout, and nothing else. A line that cannot be read is
 * reported on stderr with its line number; the other lines are still processed, and the exit code is 1.
 */
import { createInterface } from 'node:readline';
import type { SkillExtractor } from '../../src/core/skills/skill-extractor.js';
import { loadSkillExtractor } from '../../src/infra/skills/load-skill-extractor.js';
import { parseAnswerLine } from './answer-line.js';

async function main(extractor: SkillExtractor): Promise<number> {
  let failures = 0;
  let lineNumber = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    const parsed = parseAnswerLine(line);
    if (!parsed.ok) {
      failures++;
      process.stderr.write(`skills:extract: line ${lineNumber}: ${parsed.problem}\n`);
      continue;
    }
    const { id, lang, answer } = parsed.value;
    const skills = extractor.extract(answer, lang).map(({ id: skillId, label, kind, score }) => ({ id: skillId, label, kind, score }));
    process.stdout.write(`${JSON.stringify({ id, skills })}\n`);
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main(loadSkillExtractor());
