import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';

let counter = 0;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The Entra object id Teams would send for a test user: a GUID as given, or a stable GUID derived from a readable
 * label ("aad-sharer"), as ../shared/tools/botclient.mjs derives one per user name.
 */
export function entraId(user: string): string {
  if (GUID.test(user)) return user;
  const h = createHash('sha1').update(user).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The bot's user id (the bilan's key) of a test user: `aad:` and their Entra object id. */
export function teamsUserId(user: string): string {
  return `aad:${entraId(user)}`;
}

/** The tenant of the test users, a GUID as in Teams. */
export const TEST_TENANT_ID = entraId('tenant-1');

export interface UserSpec {
  /** The user's Entra object id, or a readable label from which one is derived (entraId). */
  readonly aadObjectId?: string;
  readonly locale?: string;
  readonly conversationId?: string;
  readonly serviceUrl?: string;
  /** The display name Teams sends in `from` (default "Test User"), and an email, to probe for leaks. */
  readonly name?: string;
  readonly email?: string;
}

/** A Teams personal-chat message as Teams would send it (from a user with an Entra object id). */
export function teamsMessage(user: UserSpec, fields: Partial<Activity>): Partial<Activity> {
  counter++;
  const label = user.aadObjectId ?? 'aad-user-1';
  const aad = entraId(label);
  return {
    type: 'message',
    id: `act-${counter}`,
    channelId: 'msteams',
    serviceUrl: user.serviceUrl ?? 'http://127.0.0.1:9/',
    timestamp: new Date(),
    from: { id: `29:${label}`, name: user.name ?? 'Test User', aadObjectId: aad, ...(user.email ? { email: user.email, userPrincipalName: user.email } : {}) },
    recipient: { id: '28:bilan-bot', name: 'Bilan' },
    conversation: { id: user.conversationId ?? `a:personal-${label}`, conversationType: 'personal', tenantId: TEST_TENANT_ID, isGroup: false, name: '' },
    channelData: { tenant: { id: TEST_TENANT_ID } },
    locale: user.locale ?? 'fr-FR',
    ...fields,
  };
}

/** A text message. */
export function say(user: UserSpec, text: string): Partial<Activity> {
  return teamsMessage(user, { text });
}

/** An Adaptive Card Action.Submit: a message with `value` and no text. */
export function submitCard(user: UserSpec, value: Record<string, unknown>): Partial<Activity> {
  return teamsMessage(user, { value });
}

/** The install event Teams sends when a user adds the app in personal scope. */
export function installInPersonalScope(user: UserSpec): Partial<Activity> {
  return teamsMessage(user, { type: 'installationUpdate', action: 'add' });
}
