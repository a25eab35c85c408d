import type { PostedMessage } from './channel-poster.js';

/**
 * The channel-post outbox: one record per idempotency key (`posts/<key>`), going pending → sent (or failed) →
 * deleted, which makes posting idempotent across retries and instances (see ChannelPoster).
 */
export type OutboxRecord =
  | { state: 'pending'; owner: string; startedAt: string }
  | { state: 'failed'; owner: string; failedAt: string; status?: number }
  | ({ state: 'sent'; owner: string; sentAt: string } & PostedFields)
  | ({ state: 'deleted'; owner: string; sentAt: string; deletedAt: string } & PostedFields);

export interface PostedFields {
  activityId: string;
  conversationId: string;
  serviceUrl: string;
  tenantId: string;
  channelId: string;
  botId?: string;
}

export type StoredOutboxRecord = OutboxRecord & { eTag?: string };

/** The outbox key of an idempotency key. */
export function outboxKey(idempotencyKey: string): string {
  return `posts/${idempotencyKey}`;
}

/** The fields of a posted message that the outbox keeps. */
export function toPostedFields(posted: PostedMessage): PostedFields {
  return {
    activityId: posted.activityId,
    conversationId: posted.conversationId,
    serviceUrl: posted.serviceUrl,
    tenantId: posted.tenantId,
    channelId: posted.channelId,
    ...(posted.botId ? { botId: posted.botId } : {}),
  };
}

/** The posted message a `sent` or `deleted` record describes. */
export function toPosted(record: PostedFields & { state: string }): PostedMessage {
  return { ...toPostedFields(record), ...(record.state === 'deleted' ? { deleted: true } : {}) };
}

/** Whether a stored item is an outbox record. */
export function isOutboxRecord(value: unknown): value is StoredOutboxRecord {
  if (typeof value !== 'object' || value === null) return false;
  const state = (value as { state?: unknown }).state;
  return state === 'pending' || state === 'failed' || state === 'sent' || state === 'deleted';
}
