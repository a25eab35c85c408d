import type { Storage } from 'botbuilder';
import { CREATE_ONLY_ETAG, isETagConflict } from '../../core/bilan/key-value-store.js';
import { SharedBilanIndex } from '../../core/sharing/shared-index.js';
import { isPersonId, type PersonIds } from '../../infra/crypto/person-ids.js';
import { ConversationDirectory } from '../reminders/conversation-directory.js';
import { erasureSubject } from '../rights/erasure-log.js';

const RECORD_PREFIX = 'bilan/records/';
const REFERENCE_PREFIX = 'refs/users/';
const PROOFS_PREFIX = 'erasures/proofs/';
const PENDING_KEY = 'erasures/pending';
const LEGACY_SUBJECT = /^[0-9a-f]{64}$/;

export interface MigrationSummary {
  /** People whose items were moved under their person id. */
  readonly people: number;
  /** Erasure proofs moved under the subject of a person id. */
  readonly proofs: number;
}

/**
 * Moves what earlier versions stored under a user's Entra id (`bilan/records/aad:<oid>`, `refs/users/aad:<oid>`,
 * the reminder and counsellor indexes, the erasure proofs keyed by an unkeyed hash) under their person id: each
 * item is read under the old key, written under the new one (create-only: a newer item wins), then the old one is
 * deleted. Safe to run again. `storage` is the decrypting storage, so moved items get sealed with the person's key.
 */
export async function migrateToPersonIds(storage: Storage, keys: readonly string[], ids: PersonIds): Promise<MigrationSummary> {
  const directory = new ConversationDirectory(storage);
  const sharedIndex = new SharedBilanIndex(storage);
  const shared = new Set(await sharedIndex.list());
  const legacyIds = new Set([...keys.flatMap((key) => legacySuffix(key, RECORD_PREFIX) ?? legacySuffix(key, REFERENCE_PREFIX) ?? []), ...(await directory.userIds()), ...shared]);
  let people = 0;
  for (const rawId of legacyIds) {
    if (isPersonId(rawId)) continue;
    const personId = ids.of(rawId);
    await move(storage, RECORD_PREFIX + rawId, RECORD_PREFIX + personId, (item) => withRecordOf(item, personId));
    const reference = await directory.find(rawId);
    if (reference) await directory.remember(personId, reference);
    await directory.forget(rawId);
    if (shared.has(rawId)) {
      await sharedIndex.add(personId);
      await sharedIndex.remove(rawId);
    }
    people++;
  }
  let proofs = 0;
  for (const key of keys) {
    const subject = legacySuffix(key, PROOFS_PREFIX);
    if (!subject || !LEGACY_SUBJECT.test(subject)) continue;
    const newSubject = erasureSubject(ids.ofLegacySubject(subject));
    if (newSubject === subject) continue;
    await move(storage, key, PROOFS_PREFIX + newSubject, (item) => ({ ...item, proofs: mapArray(item['proofs'], (proof) => ({ ...proof, subject: newSubject })) }));
    proofs++;
  }
  await migratePending(storage, ids);
  return { people, proofs };
}

function legacySuffix(key: string, prefix: string): string | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const suffix = key.slice(prefix.length);
  return suffix.length > 0 && !isPersonId(suffix) ? suffix : undefined;
}

/** Read under `from`, written under `to` unless something is there already, then `from` deleted. */
async function move(storage: Storage, from: string, to: string, change: (item: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const item = (await storage.read([from]))[from] as Record<string, unknown> | undefined;
  if (!item) return;
  const { eTag: _eTag, ...value } = item;
  try {
    await storage.write({ [to]: { ...change(value), eTag: CREATE_ONLY_ETAG } });
  } catch (error: unknown) {
    if (!isETagConflict(error)) throw error; // already written under the new key by this version: that one is newer
  }
  await storage.delete([from]);
}

function withRecordOf(item: Record<string, unknown>, personId: string): Record<string, unknown> {
  const record = item['record'];
  return record && typeof record === 'object' ? { ...item, record: { ...(record), userId: personId } } : item;
}

/** Erasures in progress: the user id (kept until their stores are wiped) and the subject move too. */
async function migratePending(storage: Storage, ids: PersonIds): Promise<void> {
  const stored = (await storage.read([PENDING_KEY]))[PENDING_KEY] as Record<string, unknown> | undefined;
  if (!stored) return;
  const items = mapArray(stored['items'], (work) => {
    const subject = typeof work['subject'] === 'string' && LEGACY_SUBJECT.test(work['subject']) ? work['subject'] : undefined;
    const userId = typeof work['userId'] === 'string' && !isPersonId(work['userId']) ? work['userId'] : undefined;
    if (!subject) return work;
    return { ...work, subject: erasureSubject(ids.ofLegacySubject(subject)), ...(userId ? { userId: ids.of(userId) } : {}) };
  });
  await storage.write({ [PENDING_KEY]: { ...stored, items } });
}

function mapArray(value: unknown, change: (item: Record<string, unknown>) => Record<string, unknown>): unknown {
  return Array.isArray(value) ? (value as unknown[]).map((item) => (item && typeof item === 'object' ? change(item as Record<string, unknown>) : item)) : value;
}
