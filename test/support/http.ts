import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Storage } from 'botbuilder';
import type { PersonIds } from '../../src/infra/crypto/person-ids.js';
import { teamsUserId } from './activities.js';

/** What knows the pseudonyms of a store: the app under test (`app.app`), or {@link personIdsIn} for a store on disk. */
export interface WithPersonIds {
  readonly personIds: PersonIds;
}

/** The id the bot stores a Teams user's data under (the pseudonym of `aad:<oid>`). */
export function personIdOf(app: WithPersonIds, aadObjectId: string): string {
  return app.personIds.of(teamsUserId(aadObjectId));
}

/** The storage key of a user's bilan record (as the repository writes it). */
export function recordKey(app: WithPersonIds, aadObjectId: string): string {
  return `bilan/records/${personIdOf(app, aadObjectId)}`;
}

/** The stored item of a user's bilan record, eTag included, straight from the app's storage (undefined if none). */
export async function storedItem(app: WithPersonIds & { readonly storage: Storage }, aadObjectId: string): Promise<Record<string, unknown> | undefined> {
  const key = recordKey(app, aadObjectId);
  return (await app.storage.read([key]))[key] as Record<string, unknown> | undefined;
}

/** Every regular file under `dir` (recursively). */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Whether any file under `dir` contains `needle`. */
export async function anyFileContains(dir: string, needle: string): Promise<boolean> {
  for (const file of await filesUnder(dir)) {
    if ((await readFile(file, 'utf8')).includes(needle)) return true;
  }
  return false;
}

/** Rejects when `promise` has not settled after `ms` (every wait in these tests is bounded). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no outcome within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The storage keys of every item a lowdb store holds under `dataDir` (each file keeps its key). */
export async function storedKeys(dataDir: string): Promise<string[]> {
  const files = (await filesUnder(join(dataDir, 'items'))).filter((file) => !basename(file).startsWith('.'));
  const keys = await Promise.all(files.map(async (file) => (JSON.parse(await readFile(file, 'utf8')) as { key: string }).key));
  return keys.sort();
}
