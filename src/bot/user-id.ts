import type { Activity } from 'botbuilder';

/**
 * Who writes, as the channel says: their Entra (AAD) object id, stable across Teams clients and bot reinstalls.
 * Channels without one (emulators) fall back to the channel's user id. Never stored as such: the bot keys
 * everything by its pseudonym (PersonIds).
 */
export function userIdOf(activity: Partial<Activity>): string | undefined {
  const from = activity.from;
  if (!from) return undefined;
  if (typeof from.aadObjectId === 'string' && from.aadObjectId.length > 0) return `aad:${from.aadObjectId}`;
  if (typeof from.id === 'string' && from.id.length > 0) return `${activity.channelId ?? 'unknown'}:${from.id}`;
  return undefined;
}
