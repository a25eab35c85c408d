/** Stored users for the benchmarks, written through the bot's own storage stack. */
import { openConfiguredStorage } from '../../src/configured-storage.js';
import { loadConfig } from '../../src/config.js';
import { StoreBilanRepository } from '../../src/core/bilan/bilan-repository.js';
import type { BilanRecord } from '../../src/core/bilan/bilan-record.js';
import { loadPersonIds, type PersonIds } from '../../src/infra/crypto/person-ids.js';
import { runConcurrently } from './measure.js';
import { BENCH_DATA_KEY } from './processes.js';
import { turn } from './turns.js';

/** Typed answers from the first message to the investigation's first skill-extracting question (i02). */
const TO_INVESTIGATION = [
  'bonjour', 'oui', 'oui',
  'Envie de changer', 'passer', '3', 'Un plan clair', 'Quelles pistes ?', 'passer', '6', '6', '2', '1', '4', 'non', '1', '1', '1', '4', '5', '3', 'oui',
  'reprendre',
  "J'ai commencé comme vendeur, puis je suis devenu adjoint puis responsable de magasin.",
];

/** Drives one user over HTTP to question i02 (missions of the current job); returns their stored record. */
export async function seedTemplateUser(baseUrl: string, dataDir: string, aadObjectId: string): Promise<BilanRecord> {
  let replies: unknown[] = [];
  for (const text of TO_INVESTIGATION) replies = await turn(baseUrl, aadObjectId, text);
  // The jobs recognised in the career path are shown back to confirm.
  if (JSON.stringify(replies).includes('i01_career_path#jobs')) await turn(baseUrl, aadObjectId, 'oui');
  const { repository, ids } = await repositoryAt(dataDir);
  const loaded = await repository.load(ids.of(`aad:${aadObjectId}`));
  const stepId = loaded?.record.phases.investigation?.stepId;
  if (!loaded || stepId !== 'i02_missions_current') throw new Error(`the template user stopped at ${String(stepId)}, not at i02_missions_current`);
  return loaded.record;
}

/** Saves a copy of `template` for each id (fresh users sitting at the same question). */
export async function cloneUsers(dataDir: string, template: BilanRecord, aadObjectIds: readonly string[]): Promise<void> {
  const { repository, ids } = await repositoryAt(dataDir);
  const now = new Date().toISOString();
  const tasks = aadObjectIds.map((id) => () => repository.save({ ...template, userId: ids.of(`aad:${id}`), updatedAt: now }, undefined));
  await runConcurrently(tasks, 32);
}

/** The repository of the store under `dataDir`, and its person ids (the bot keys records by them). */
async function repositoryAt(dataDir: string): Promise<{ repository: StoreBilanRepository; ids: PersonIds }> {
  const opened = await openConfiguredStorage(loadConfig({ STORAGE: 'lowdb', DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: BENCH_DATA_KEY }, '/nonexistent/.env'));
  return { repository: new StoreBilanRepository(opened.storage), ids: await loadPersonIds(opened.storage) };
}
