import type { BilanRecord } from '../../src/core/bilan/bilan-record.js';
import { StoreBilanRepository } from '../../src/core/bilan/bilan-repository.js';
import type { TestApp } from './test-app.js';

/** The bilan record of a user as stored (and decrypted) by the app under test. */
export async function storedRecord(app: TestApp, aadObjectId: string): Promise<BilanRecord | undefined> {
  const repository = new StoreBilanRepository(app.app.storage);
  return (await repository.load(`aad:${aadObjectId}`))?.record;
}

/** Brings a user through information and engagement to the first needs-analysis question. */
export async function engage(chat: { say(text: string): Promise<unknown> }): Promise<void> {
  await chat.say('bonjour');
  await chat.say('oui');
  await chat.say('oui');
}

/** Typed answers that take a French user from engagement through the préliminaire recap, confirmed. */
export const PRELIMINAIRE_BY_TYPING = ['Envie de changer', 'passer', '3', 'Un plan clair', 'Quelles pistes ?', 'passer', '6', '6', '2', '1', '4', 'non', '1', '1', '1', '4', '5', '3', 'oui'];

/** Brings a user through the whole préliminaire and into the investigation phase. */
export async function reachInvestigation(chat: { say(text: string): Promise<unknown> }): Promise<void> {
  await engage(chat);
  for (const text of PRELIMINAIRE_BY_TYPING) await chat.say(text);
  await chat.say('reprendre');
}
