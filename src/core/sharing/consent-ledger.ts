import type { BilanRecord, ShareEntry } from '../bilan/bilan-record.js';

export type Recipient = ShareEntry['recipient'];
export type SharedPart = ShareEntry['parts'][number];

/** The agreement in force for a recipient and part, if any: the latest grant not revoked. */
export function activeShare(record: BilanRecord, recipient: Recipient, part: SharedPart): ShareEntry | undefined {
  return [...(record.sharing ?? [])].reverse().find((e) => e.recipient === recipient && e.parts.includes(part) && !e.revokedAt);
}

/** Records the user's explicit agreement, with its time. Sharing is never inferred: only this call grants it. */
export function grantShare(record: BilanRecord, entry: Pick<ShareEntry, 'id' | 'recipient' | 'parts'>, at: string): BilanRecord {
  return { ...record, sharing: [...(record.sharing ?? []), { ...entry, grantedAt: at }], updatedAt: at };
}

/** Notes where the shared content was posted (so revoking can take it down). */
export function markPosted(record: BilanRecord, id: string, posted: NonNullable<ShareEntry['posted']>): BilanRecord {
  return { ...record, sharing: (record.sharing ?? []).map((e) => (e.id === id ? { ...e, posted } : e)) };
}

/** Records the revocation of an agreement; the ledger keeps the entry, dated, as proof. */
export function revokeShare(record: BilanRecord, id: string, at: string): BilanRecord {
  return { ...record, sharing: (record.sharing ?? []).map((e) => (e.id === id && !e.revokedAt ? { ...e, revokedAt: at } : e)), updatedAt: at };
}

/** Records that a counsellor read the shared part (their Entra object id and when); the first acknowledgement stands. */
export function acknowledgeShare(record: BilanRecord, id: string, by: string, at: string): BilanRecord {
  return { ...record, sharing: (record.sharing ?? []).map((e) => (e.id === id && !e.revokedAt && !e.acknowledged ? { ...e, acknowledged: { by, at } } : e)) };
}
