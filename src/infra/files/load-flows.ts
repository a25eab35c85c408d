import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataValidationError } from '../../core/errors.js';
import type { Flow } from '../../core/flow/flow-schema.js';
import { validateFlows, type FlowSource, type KeyChecker } from '../../core/flow/flow-validation.js';

/** Reads and validates every dialogs/*.flow.json; one DataValidationError lists all problems. */
export function loadFlows(dialogsDir: string, keys: KeyChecker): Flow[] {
  const sources: FlowSource[] = [];
  const problems: string[] = [];
  for (const name of readdirSync(dialogsDir).filter((f) => f.endsWith('.flow.json')).sort()) {
    const file = join(dialogsDir, name);
    try {
      sources.push({ file, data: JSON.parse(readFileSync(file, 'utf8')) as unknown });
    } catch (error: unknown) {
      problems.push(`${file}: not valid JSON (${(error as Error).message})`);
    }
  }
  if (problems.length > 0) throw new DataValidationError('Invalid dialog trees in dialogs/:', problems);
  return validateFlows(sources, keys);
}
