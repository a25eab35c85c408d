import { LowdbStorage } from '../../src/bot/storage/lowdb-storage.js';
import type { BilanRecord } from '../../src/core/bilan/bilan-record.js';
import { StoreBilanRepository } from '../../src/core/bilan/bilan-repository.js';
import type { TestApp } from './test-app.js';

/** The bilan record of a user as stored on disk by the app under test. */
export async function storedRecord(app: TestApp, aadObjectId: string): Promise<BilanRecord | undefined> {
  const repository = new StoreBilanRepository(await LowdbStorage.open(app.dataDir));
  return (await repository.load(`aad:${aadObjectId}`))?.record;
}

/** Brings a user through information and engagement to the first needs-analysis question. */
export async function engage(chat: { say(text: string): Promise<unknown> }): Promise<void> {
  await chat.say('bonjour');
  await chat.say('oui');
  await chat.say('oui');
}
