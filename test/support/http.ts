import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Storage } from 'botbuilder';
import { teamsUserId } from './activities.js';

/** The storage key of a test user's bilan record (as the repository writes it); `user` as in UserSpec.aadObjectId. */
export function recordKey(user: string): string {
  return `bilan/records/${teamsUserId(user)}`;
}

/** The stored item of a user's bilan record, eTag included, straight from the storage (undefined if none). */
export async function storedItem(storage: Storage, aadObjectId: string): Promise<Record<string, unknown> | undefined> {
  const key = recordKey(aadObjectId);
  return (await storage.read([key]))[key] as Record<string, unknown> | undefined;
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
