import type { Activity } from 'botbuilder';
import type { KeyValueStore } from '../../core/bilan/key-value-store.js';

/** The channels the bot posts to: the counsellors' channel and the (optional) HR channel. */
export type ChannelRole = 'counsellor' | 'hr';

/** Where to post a new thread in a Teams channel; plain JSON, stored as is. */
export interface ChannelTarget {
  /** The Bot Connector base URL of the team's region (from the registering activity). */
  readonly serviceUrl: string;
  readonly tenantId: string;
  /** The Teams channel id, e.g. `19:…@thread.tacv2` (never a `;messageid=` thread id). */
  readonly channelId: string;
  readonly teamId?: string;
  /** The bot's id in that conversation (`28:…`), when known. */
  readonly botId?: string;
  /** ISO 8601. */
  readonly registeredAt: string;
  /** The AAD object id of the admin who registered the channel (or `config` when set from configuration). */
  readonly registeredBy: string;
}

/** The storage key of a role's channel. */
export function channelKey(role: ChannelRole): string {
  return `channels/${role}`;
}

/** A channel fixed by configuration: where it is and who serves it. */
export interface ConfiguredChannel {
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly tenantId: string;
}

/**
 * Stores which Teams channel plays which role. One target per role; registering again replaces it.
 * A channel fixed by configuration wins over any registration and cannot be replaced from Teams.
 */
export class ChannelRegistry {
  private readonly configured: Partial<Record<ChannelRole, ChannelTarget>>;

  constructor(
    private readonly store: KeyValueStore,
    configured: Partial<Record<ChannelRole, ConfiguredChannel>> = {},
  ) {
    this.configured = Object.fromEntries(
      Object.entries(configured).map(([role, channel]) => [role, { ...channel, registeredAt: new Date(0).toISOString(), registeredBy: 'config' }]),
    );
  }

  /** True when configuration names this role's channel: the in-channel command cannot change it. */
  isFixedByConfig(role: ChannelRole): boolean {
    return this.configured[role] !== undefined;
  }

  async register(role: ChannelRole, target: ChannelTarget): Promise<void> {
    // Last registration wins: the admin's latest command is the intended channel.
    await this.store.write({ [channelKey(role)]: { ...toPlainTarget(target), eTag: '*' } });
  }

  async get(role: ChannelRole): Promise<ChannelTarget | undefined> {
    const fixed = this.configured[role];
    if (fixed) return fixed;
    const key = channelKey(role);
    const item = (await this.store.read([key]))[key];
    return isChannelTarget(item) ? toPlainTarget(item) : undefined;
  }

  async unregister(role: ChannelRole): Promise<void> {
    await this.store.delete([channelKey(role)]);
  }
}

/** Why an activity cannot name a channel target. */
export class NotAChannelActivityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAChannelActivityError';
  }
}

interface TeamsChannelData {
  channel?: { id?: string };
  team?: { id?: string };
  tenant?: { id?: string };
}

/**
 * The target a message posted in a Teams channel designates (the registration command).
 * The channel id comes from `channelData.channel.id`, else from `conversation.id` stripped of any
 * `;messageid=` suffix (a reply inside a thread names its channel that way).
 * Throws NotAChannelActivityError for a personal or group chat, or without a service URL or tenant.
 */
export function targetFromActivity(
  activity: Partial<Activity>,
  registeredBy: string,
  now: Date = new Date(),
): ChannelTarget {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const conversationType = activity.conversation?.conversationType;
  if (conversationType !== undefined && conversationType !== 'channel') {
    throw new NotAChannelActivityError(`a ${conversationType} conversation is not a channel`);
  }
  const channelId = channelData.channel?.id ?? activity.conversation?.id?.split(';')[0];
  if (!channelId || (conversationType === undefined && !channelData.channel?.id)) {
    throw new NotAChannelActivityError('the activity does not come from a Teams channel');
  }
  const serviceUrl = activity.serviceUrl;
  if (!serviceUrl) throw new NotAChannelActivityError('the activity has no serviceUrl');
  const tenantId = activity.conversation?.tenantId ?? channelData.tenant?.id;
  if (!tenantId) throw new NotAChannelActivityError('the activity has no tenant id');
  const teamId = channelData.team?.id;
  const botId = activity.recipient?.id;
  return {
    serviceUrl,
    tenantId,
    channelId,
    ...(teamId ? { teamId } : {}),
    ...(botId ? { botId } : {}),
    registeredAt: now.toISOString(),
    registeredBy,
  };
}

/** Alias kept for callers that read better with the registry's vocabulary. */
export const fromActivity = targetFromActivity;

function isChannelTarget(value: unknown): value is ChannelTarget {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.serviceUrl === 'string' &&
    typeof v.tenantId === 'string' &&
    typeof v.channelId === 'string' &&
    typeof v.registeredAt === 'string' &&
    typeof v.registeredBy === 'string'
  );
}

/** Only the target's own fields (drops the store's eTag and anything else). */
function toPlainTarget(target: ChannelTarget): ChannelTarget {
  return {
    serviceUrl: target.serviceUrl,
    tenantId: target.tenantId,
    channelId: target.channelId,
    ...(target.teamId ? { teamId: target.teamId } : {}),
    ...(target.botId ? { botId: target.botId } : {}),
    registeredAt: target.registeredAt,
    registeredBy: target.registeredBy,
  };
}
