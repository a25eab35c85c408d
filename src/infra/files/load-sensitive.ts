import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DataValidationError } from '../../core/errors.js';
import type { EvalCase } from '../../core/sensitive/sensitive-eval.js';
import { compileLexicon, SENSITIVE_CATEGORIES, type SensitiveDetector } from '../../core/sensitive/sensitive-detector.js';

/** The sensitive-content detector built from data/sensitive/lexicon.json; invalid data stops the start. */
export function loadSensitiveDetector(dir: string): SensitiveDetector {
  const file = join(dir, 'lexicon.json');
  return compileLexicon(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
}

const evalCaseSchema = z.object({ lang: z.enum(['fr', 'en']), text: z.string().min(1), expect: z.enum(['none', 'distress', ...SENSITIVE_CATEGORIES]) }).strict();

/** Hand-labelled sentences: data/sensitive/eval.jsonl (development set) or heldout.jsonl. */
export function loadSensitiveEval(dir: string, name: 'eval.jsonl' | 'heldout.jsonl'): EvalCase[] {
  const file = join(dir, name);
  const lines = readFileSync(file, 'utf8').split('\n').map((line, i) => ({ line, number: i + 1 })).filter((l) => l.line.trim().length > 0);
  const problems: string[] = [];
  const cases = lines.flatMap(({ line, number }) => {
    const parsed = evalCaseSchema.safeParse(JSON.parse(line));
    if (parsed.success) return [parsed.data];
    problems.push(`${file}:${number}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return [];
  });
  if (problems.length > 0) throw new DataValidationError(`${file} has invalid lines:`, problems);
  return cases;
}
