import { DataValidationError } from '../../core/errors.js';
import type { WishConcept } from '../../core/jobs/wish-concepts.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * data/occupations/wish-concepts.json, its work contexts and kinds of savoir named by their ROME labels (jobs.json
 * `contexts`: id → label, `knowledgeKinds`) and read as ids; a DataValidationError naming the file and the concept otherwise.
 */
export function readWishConcepts(path: string, taxonomy: { contexts: Readonly<Record<string, string>>; knowledgeKinds: readonly string[] }, readJson: (path: string) => unknown): WishConcept[] {
  const data = readJson(path);
  const { contexts, knowledgeKinds } = taxonomy;
  const idByLabel = new Map(Object.entries(contexts).map(([id, label]) => [label, id]));
  if (!isRecord(data) || !Array.isArray(data.concepts)) throw new DataValidationError(`Invalid job data file ${path}:`, ['#/concepts: must be a list']);
  const problems: string[] = [];
  const concepts = data.concepts.map((raw: unknown, i): WishConcept => {
    const c = isRecord(raw) ? raw : {};
    const labels = c.contexts ?? [];
    const kinds = c.knowledge ?? [];
    if (typeof c.id !== 'string' || !isTextList(c.fr) || !isTextList(c.en) || typeof c.words !== 'boolean' || !isTextList(labels) || !isTextList(kinds) || (c.riasec !== undefined && typeof c.riasec !== 'string')) {
      problems.push(`#/concepts/${i}: must be { id, words: boolean, fr: [triggers], en: [triggers], contexts?: [ROME labels], knowledge?: [ROME savoir sous-catégories], riasec? }`);
      return { id: '', triggers: { fr: [], en: [] }, words: true, contexts: [] };
    }
    const unknown = [...labels.filter((label) => !idByLabel.has(label)), ...kinds.filter((kind) => !knowledgeKinds.includes(kind))];
    if (unknown.length > 0) problems.push(`#/concepts/${i} (${c.id}): unknown work contexts or kinds of savoir ${unknown.join(' | ')}`);
    return {
      id: c.id,
      triggers: { fr: c.fr, en: c.en },
      words: c.words,
      contexts: labels.flatMap((label) => idByLabel.get(label) ?? []),
      knowledge: kinds.map((kind) => knowledgeKinds.indexOf(kind)),
      ...(typeof c.riasec === 'string' ? { riasec: c.riasec } : {}),
    };
  });
  if (problems.length > 0) throw new DataValidationError(`Invalid job data file ${path}:`, problems);
  return concepts;
}
