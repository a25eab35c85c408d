/**
 * Child process for the crash-safety test: rewrites a few keys through LowdbStorage in a tight loop until it
 * is killed. Usage: node --import tsx/esm storage-crash-writer.ts <dir> <keyCount>
 * Prints "ready" once every key has been written at least once by this process.
 */
import { createHash, randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';

export interface CrashItem {
  seq: number;
  payload: string;
  checksum: string;
}

export function checksumOf(seq: number, payload: string): string {
  return createHash('sha256').update(`${seq}:${payload}`).digest('hex');
}

export function crashKey(index: number): string {
  return `msteams/conversations/19:crash-${index}@thread.tacv2;messageid=${index}/`;
}

async function rewriteForever(storage: LowdbStorage, key: string, onFirstWrite: () => void): Promise<never> {
  for (;;) {
    const current = (await storage.read([key]))[key] as (CrashItem & { eTag: string }) | undefined;
    const seq = (current?.seq ?? 0) + 1;
    // Up to ~256 KB so that a kill often lands in the middle of writing a file.
    const payload = randomBytes(1 + Math.floor(Math.random() * 128 * 1024)).toString('hex');
    const item: CrashItem = { seq, payload, checksum: checksumOf(seq, payload) };
    await storage.write({ [key]: current ? { ...item, eTag: current.eTag } : item });
    onFirstWrite();
  }
}

async function main(dir: string, keyCount: number): Promise<void> {
  const storage = await LowdbStorage.open(dir);
  const keys = Array.from({ length: keyCount }, (_, index) => crashKey(index));
  const written = new Set<string>();
  await Promise.all(
    keys.map((key) =>
      rewriteForever(storage, key, () => {
        if (written.size < keys.length && written.add(key).size === keys.length) process.stdout.write('ready\n');
      }),
    ),
  );
}

const [entryPoint, dir, keyCount] = process.argv.slice(1);
const isEntryPoint = entryPoint !== undefined && import.meta.url === pathToFileURL(entryPoint).href;
if (isEntryPoint && dir !== undefined && keyCount !== undefined) {
  main(dir, Number(keyCount)).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
