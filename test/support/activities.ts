import type { Activity } from 'botbuilder';

let counter = 0;

export interface UserSpec {
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
  const aad = user.aadObjectId ?? 'aad-user-1';
  return {
    type: 'message',
    id: `act-${counter}`,
    channelId: 'msteams',
    serviceUrl: user.serviceUrl ?? 'http://127.0.0.1:9/',
    timestamp: new Date(),
    from: { id: `29:${aad}`, name: user.name ?? 'Test User', aadObjectId: aad, ...(user.email ? { email: user.email, userPrincipalName: user.email } : {}) },
    recipient: { id: '28:bilan-bot', name: 'Bilan' },
    conversation: { id: user.conversationId ?? `a:personal-${aad}`, conversationType: 'personal', tenantId: 'tenant-1', isGroup: false, name: '' },
    channelData: { tenant: { id: 'tenant-1' } },
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
