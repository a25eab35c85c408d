import type { Activity } from 'botbuilder';

/**
 * Which Entra tenants may use the bot: with an app id, only the configured ones (a bot registered as multi-tenant
 * can otherwise be added by anyone in any organisation). No list: anyone (anonymous local mode).
 */
export class TenantGate {
  constructor(private readonly allowed: readonly string[]) {}

  admits(activity: Partial<Activity>): boolean {
    if (this.allowed.length === 0) return true;
    const tenant = tenantOf(activity);
    return tenant !== undefined && this.allowed.includes(tenant);
  }
}

/** The tenant Teams names in `channelData.tenant.id`, else in the conversation. */
function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  if (typeof fromChannelData === 'string' && fromChannelData) return fromChannelData;
  const fromConversation = activity.conversation?.tenantId;
  return typeof fromConversation === 'string' && fromConversation ? fromConversation : undefined;
}
