import type { Config } from '../config.js';
import { DevAuthenticator, DisabledAuthenticator, SsoAuthenticator, type TabAuthenticator } from './tab-auth.js';

/** Dev mode when asked (the configuration refuses it with an app id), SSO when an app registration is set, else off. */
export function tabAuthenticator(config: Config): TabAuthenticator {
  if (config.TAB_DEV_MODE) return new DevAuthenticator();
  const tenantId = config.TAB_TENANT_ID ?? config.MicrosoftAppTenantId;
  if (!config.AAD_APP_CLIENT_ID || !tenantId) return new DisabledAuthenticator();
  return new SsoAuthenticator({
    clientId: config.AAD_APP_CLIENT_ID,
    tenantId,
    authority: config.TAB_SSO_AUTHORITY,
    publicHost: config.PUBLIC_BASE_URL ? new URL(config.PUBLIC_BASE_URL).host : undefined,
  });
}
