import { AuthenticationConstants, type AuthenticateRequestResult } from 'botframework-connector';
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.js';
import { ConcurrencyError } from '../core/errors.js';
import { errorFields, type Logger } from '../core/logger.js';
import { msg } from '../core/messages.js';
import type { Translations } from '../infra/i18n/create-i18n.js';
import { knownTurnLanguage, setTurnLanguage } from './turn-locale.js';
import { TypingIndicator } from './typing-indicator.js';
import { quietTokenValidator } from './http/quiet-token-validator.js';

/**
 * A CloudAdapter that runs the turn of a request the server has already authenticated and checked
 * (`CloudAdapter.process` would check its token and parse its body a second time).
 */
export class BilanAdapter extends CloudAdapter {
  runAuthenticated(request: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(request, activity, logic);
  }
}

/**
 * The Bot Framework adapter: anonymous when MicrosoftAppId is empty (local, Playground, tests),
 * authenticated with the app's credentials otherwise.
 */
export function createAdapter(config: Config, translations: Translations, logger: Logger, auth = createBotAuthentication(config)): BilanAdapter {
  const adapter = new BilanAdapter(auth);
  const typingFailed = (error: unknown) => logger.debug({ errorName: error instanceof Error ? error.name : 'unknown' }, 'typing indicator not sent');
  adapter.use(new TypingIndicator(800, 2000, typingFailed));
  adapter.onTurnError = (context, error) => onTurnError(context, error, { translations, logger, defaultLocale: config.DEFAULT_LOCALE });
  return adapter;
}

/**
 * Checks the Bot Framework tokens of incoming requests. `openIdMetadataUrl` replaces the public signing-key
 * metadata (login.botframework.com): tests point it at a local issuer.
 */
export function createBotAuthentication(config: Config, openIdMetadataUrl?: string): ConfigurationBotFrameworkAuthentication {
  quietTokenValidator();
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    ...(openIdMetadataUrl ? publicCloudWithMetadata(openIdMetadataUrl) : {}),
  });
}

/** The public cloud settings with another metadata URL: botbuilder wants all of them as soon as one is given. */
function publicCloudWithMetadata(openIdMetadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
  };
}

interface TurnErrorDeps {
  readonly translations: Translations;
  readonly logger: Logger;
  readonly defaultLocale: Config['DEFAULT_LOCALE'];
}

/**
 * Logs the failure without any user text and apologises in the user's language. Nothing of the
 * failed turn was saved (state is saved only at the end of a successful turn), so state stays as it was.
 */
async function onTurnError(context: TurnContext, error: unknown, deps: TurnErrorDeps): Promise<void> {
  deps.logger.error(
    {
      activityId: context.activity.id,
      activityType: context.activity.type,
      conversationType: context.activity.conversation?.conversationType,
      ...errorFields(error),
    },
    'turn failed',
  );
  try {
    // The user's saved language if the turn got that far; storage may be what failed, so it is not read again.
    const { t } = knownTurnLanguage(context) ?? setTurnLanguage(context, deps.translations, undefined, deps.defaultLocale);
    const key = error instanceof ConcurrencyError ? 'common:errors.busy' : 'common:errors.generic';
    if (context.activity.type === 'message') await context.sendActivity(t(msg(key)));
  } catch (sendError: unknown) {
    deps.logger.warn({ errorName: sendError instanceof Error ? sendError.name : 'unknown' }, 'could not send the apology');
  }
}
