/**
 * Cost of encryption at rest per stored item: `npm run bench:crypto`.
 *
 * Seals and opens a typical bilan record (every préliminaire and investigation answer given, a few skills, about
 * 10 KB of JSON) and a small item (dialog state), as EncryptedStorage does on each write and read. The baseline is
 * the JSON.stringify + JSON.parse that storage does anyway. Ends with one `BENCH {json}` line.
 */
import { DataKeyRing, dataKeyFromBase64, newDataKeyBase64 } from '../src/infra/crypto/data-key-ring.js';

const ROUNDS = 20_000;
const STORAGE_KEY = 'bilan/records/aad:00000000-0000-0000-0000-000000000000';

function typicalRecord(): object {
  const answer = (i: number) => ({ value: `Réponse ${i} : j'ai coordonné une équipe de six personnes et préparé le budget annuel du service.`, answeredAt: new Date(0).toISOString() });
  const answers = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`q${String(i).padStart(2, '0')}_question`, answer(i)]));
  const skills = Array.from({ length: 8 }, (_, i) => ({ id: `skill-${i}`, label: `Compétence ${i}`, question: 'i11_story1_actions', evidence: ['coordonné une équipe'] }));
  return { record: { userId: 'aad:00000000', locale: 'fr', answers, skills, phases: { preliminaire: { status: 'done' }, investigation: { status: 'active' } } } };
}

function microsecondsPer(run: () => void): number {
  for (let i = 0; i < 1000; i++) run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i++) run();
  return Number(process.hrtime.bigint() - start) / 1000 / ROUNDS;
}

const ring = new DataKeyRing(dataKeyFromBase64(newDataKeyBase64()));
const results: Record<string, number> = {};
for (const [name, item] of [['record', typicalRecord()], ['dialogState', { dialogState: { dialogStack: [{ id: 'flow', state: { step: 3 } }] } }]] as const) {
  const json = JSON.stringify(item);
  const sealed = ring.seal(STORAGE_KEY, json);
  results[`${name}Bytes`] = json.length;
  results[`${name}SealedBytes`] = sealed.length;
  results[`${name}JsonRoundTripUs`] = microsecondsPer(() => void JSON.parse(JSON.stringify(item)));
  results[`${name}SealUs`] = microsecondsPer(() => ring.seal(STORAGE_KEY, json));
  results[`${name}OpenUs`] = microsecondsPer(() => ring.open(STORAGE_KEY, sealed));
}
for (const [name, value] of Object.entries(results)) process.stdout.write(`${name.padEnd(28)} ${value.toFixed(1)}\n`);
process.stdout.write(`BENCH ${JSON.stringify(results)}\n`);
