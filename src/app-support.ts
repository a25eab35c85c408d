import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { ChannelRole, ConfiguredChannel } from './bot/channels/channel-registry.js';
import type { Config } from './config.js';
import type { Flow } from './core/flow/flow-schema.js';
import type { Logger } from './core/logger.js';
import type { Locale } from './core/locale.js';
import { nonAnswerTest } from './core/text/non-answer.js';
import { loadFlows } from './infra/files/load-flows.js';
import { Translations } from './infra/i18n/create-i18n.js';
import { readLocaleResources } from './infra/i18n/locale-resources.js';
import { loadSynthesisTemplate, withSynthesisNamespace, type SynthesisTemplate } from './infra/synthesis/template.js';
import { PROJECT_ROOT } from './project-root.js';

/** The content the app is made of: wording (locales/), dialog trees (dialogs/) and synthesis templates. */
export interface Content {
  readonly synthesisTemplates: Readonly<Record<Locale, SynthesisTemplate>>;
  readonly translations: Translations;
  readonly flows: readonly Flow[];
  readonly isNonAnswer: (text: string) => boolean;
}

/** Reads and validates the content; a flow naming a missing wording key stops the start. */
export function loadContent(cimode: boolean): Content {
  const localesDir = resolve(PROJECT_ROOT, 'locales');
  const synthesisTemplates = { fr: loadSynthesisTemplate(localesDir, 'fr'), en: loadSynthesisTemplate(localesDir, 'en') };
  // The synthesis labels live in locales/<locale>/synthesis.md: every translator (chat, channel card, tab) knows them.
  const translations = new Translations(withSynthesisNamespace(readLocaleResources(localesDir), localesDir), { cimode });
  const flows = loadFlows(resolve(PROJECT_ROOT, 'dialogs'), translations.keyChecker());
  return { synthesisTemplates, translations, flows, isNonAnswer: nonAnswerTest(translations.keywords('common:keywords.nonAnswer')) };
}

/**
 * Builds the skill indexes and reads the occupations just after the server listens, so that startup does not wait
 * for them; a turn that needs them first waits for them instead. Invalid data stops the process, as at startup.
 */
export function warmUpData(logger: Logger, loaded: string, load: () => void): void {
  const start = performance.now();
  try {
    load();
    logger.info({ ms: Math.round(performance.now() - start) }, loaded);
  } catch (error: unknown) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

/** The channels the configuration fixes (COUNSELLOR_CHANNEL_ID, HR_CHANNEL_ID); config validation ensures a tenant. */
export function configuredChannels(config: Config): Partial<Record<ChannelRole, ConfiguredChannel>> {
  const tenantId = config.CHANNEL_TENANT_ID ?? config.MicrosoftAppTenantId ?? '';
  const at = (channelId: string | undefined) => (channelId ? { channelId, serviceUrl: config.CHANNEL_SERVICE_URL, tenantId } : undefined);
  const counsellor = at(config.COUNSELLOR_CHANNEL_ID);
  const hr = at(config.HR_CHANNEL_ID);
  return { ...(counsellor ? { counsellor } : {}), ...(hr ? { hr } : {}) };
}

export function listeningPort(address: string | AddressInfo | null): number {
  return typeof address === 'object' && address ? address.port : 0;
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
