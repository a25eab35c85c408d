import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Storage } from 'botbuilder';
import { allowedTenants, type Config } from './config.js';
import { TenantGate } from './bot/tenant-gate.js';
import { createAdapter, createBotAuthentication } from './bot/adapter.js';
import { BilanBot } from './bot/bilan-bot.js';
import { createServer } from './bot/http/server.js';
import { MAX_ANSWER_LENGTH } from './bot/render/question-cards.js';
import { DownloadTokens } from './bot/synthesis/download-token.js';
import { sharedLinkKey, type LinkPurpose } from './bot/synthesis/shared-link-key.js';
import { PersonalLinks } from './bot/synthesis/personal-links.js';
import { ChannelPoster } from './bot/channels/channel-poster.js';
import { ChannelWithdrawals } from './bot/channels/channel-withdrawals.js';
import { ChannelUpdates } from './bot/channels/channel-updates.js';
import { every } from './bot/periodic-task.js';
import { ChannelRegistry } from './bot/channels/channel-registry.js';
import { CounsellorPublisher } from './bot/sharing/counsellor-publisher.js';
import { SharingService } from './core/sharing/sharing-service.js';
import { WeeklyCounts } from './core/stats/weekly-counts.js';
import { HrDigest } from './bot/stats/hr-digest.js';
import { ConversationDirectory } from './bot/reminders/conversation-directory.js';
import { ReminderJob } from './bot/reminders/reminder-job.js';
import { SynthesisDownloads } from './bot/synthesis/synthesis-downloads.js';
import { DataExports } from './bot/rights/data-export.js';
import { DataRights } from './bot/rights/data-rights.js';
import { certificateNotice, destructionWarningNotice } from './bot/rights/retention-notices.js';
import { ErasureLog } from './bot/rights/erasure-log.js';
import { PersonalData } from './bot/rights/personal-data.js';
import { RetentionSweeper, type SweepResult } from './bot/rights/retention-sweeper.js';
import { RetentionService } from './core/rights/retention-service.js';
import { StoreBilanRepository } from './core/bilan/bilan-repository.js';
import { BilanService } from './core/bilan/bilan-service.js';
import { systemClock, type Clock } from './core/clock.js';
import type { Logger } from './core/logger.js';
import { FlowCatalog } from './core/flow/flow-catalog.js';
import { FlowEngine } from './core/flow/flow-engine.js';
import { vocabularyFrom } from './infra/i18n/vocabulary.js';
import { KeywordSet } from './core/text/normalize.js';
import { RateLimiter } from './core/limits/rate-limiter.js';
import { readableBilan } from './bot/rights/readable-export.js';
import { toLocale } from './core/locale.js';
import { loadSensitiveDetector } from './infra/files/load-sensitive.js';
import { loadSkillExtractor } from './infra/skills/load-skill-extractor.js';
import { LazyOccupationSuggester } from './infra/skills/rome-occupation-suggester.js';
import { JobServices } from './infra/jobs/job-services.js';
import { configuredChannels, listeningPort, loadContent, packageVersion, warmUpData } from './app-support.js';
import { SharedBilanIndex } from './core/sharing/shared-index.js';
import { CounsellorDesk } from './core/tab/counsellor-desk.js';
import { registerTabApi } from './tab/tab-api.js';
import { tabAuthenticator } from './tab/tab-setup.js';
import { inMemory, openConfiguredStorage } from './configured-storage.js';
import { PROJECT_ROOT } from './project-root.js';
import { registerTabStatic } from './tab/tab-static.js';
import { loadPersonIds, type PersonIds } from './infra/crypto/person-ids.js';


const MAX_BODY_BYTES = 256 * 1024;
const MAX_MESSAGE_CHARS = 10_000;
const RESUME_AFTER_MS = 8 * 60 * 60 * 1000;
const HR_DIGEST_CHECK_MS = 60 * 60 * 1000;
const RETENTION_CHECK_MS = 60 * 60 * 1000;
/** How often channel cards whose withdrawal Teams refused or delayed are tried again. */
const WITHDRAWAL_RETRY_MS = 5 * 60 * 1000;
/** Messages a user may send at once: a double click on a card plus a few quick typed answers. */
const RATE_LIMIT_BURST = 10;

export interface AppOptions {
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Render i18n keys instead of copy (conversation tests assert keys). */
  readonly cimode?: boolean;
  /** Use this storage instead of the one the configuration names (tests); it is used as given, not encrypted. */
  readonly storage?: Storage;
  /** Where the Bot Framework publishes its token signing keys, instead of login.botframework.com (tests: a local issuer). */
  readonly openIdMetadataUrl?: string;
}

/** Where `npm run build` puts the tab's front end (scripts/build-tab.mjs). */
export const TAB_ASSETS_DIR = resolve(PROJECT_ROOT, 'dist', 'tab-ui');

export interface App {
  /** Starts listening; resolves with the base URL. */
  listen(): Promise<string>;
  /** Stops accepting requests, lets in-flight turns finish, then flushes storage. */
  close(): Promise<void>;
  /** Posts last week's anonymous HR digest now if due (it also runs hourly on its own). */
  runHrDigest(): Promise<string | undefined>;
  /** Sends the reminders due now (they are also checked hourly); returns how many were sent. */
  runReminders(): Promise<number>;
  /** Destroys the bilans whose retention period is over and finishes pending erasures (also at startup and hourly). */
  runRetention(): Promise<SweepResult>;
  readonly storage: Storage;
  /** The pseudonymous id the bot stores a channel user id (`aad:<oid>`) under. */
  readonly personIds: PersonIds;
}

/** The composition root: configuration → content → domain → Teams edge → HTTP. */
export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { synthesisTemplates, translations, flows, isNonAnswer } = loadContent(options.cimode ?? false);
  const opened = options.storage ? inMemory(options.storage) : await openConfiguredStorage(config);
  const storage = opened.storage;
  const personIds = await loadPersonIds(storage);
  const clock = options.clock ?? systemClock;
  // The skill indexes and the occupations are built right after listening (warmUpData), not before.
  const skills = loadSkillExtractor(resolve(PROJECT_ROOT, 'data/skills'), { preload: [] });
  const occupations = new LazyOccupationSuggester(resolve(PROJECT_ROOT, 'data/occupations'));
  const sensitive = loadSensitiveDetector(resolve(PROJECT_ROOT, 'data/sensitive'));
  const jobs = new JobServices(resolve(PROJECT_ROOT, 'data/occupations'), () => occupations.suggester());
  const engine = new FlowEngine({
    clock,
    allFlows: flows,
    skills,
    occupations,
    occupationRanker: jobs,
    jobs,
    limits: { maxAnswerLength: MAX_ANSWER_LENGTH },
    sensitive,
    vocabulary: vocabularyFrom(translations),
  });
  // One instance (lowdb, memory): a key of this process. Several (blob): a key shared through storage, so that a
  // link sent by one instance opens on whichever instance the browser reaches.
  const shareLinkKeys = config.STORAGE === 'blob' && !options.storage;
  const repository = new StoreBilanRepository(storage);
  const personalLinks = async (purpose: LinkPurpose) => new PersonalLinks(new DownloadTokens(shareLinkKeys ? await sharedLinkKey(storage, purpose) : undefined), repository, clock);
  const counts = new WeeklyCounts(storage);
  const service = new BilanService({ repository, catalog: new FlowCatalog(flows), engine, clock, resumeAfterMs: RESUME_AFTER_MS, counts, retentionDays: config.RETENTION_DAYS, sensitive });
  const downloads = new SynthesisDownloads({
    repository,
    flows,
    translations,
    localesDir: resolve(PROJECT_ROOT, 'locales'),
    clock,
    links: await personalLinks('download-links'),
    baseUrl: config.PUBLIC_BASE_URL ?? `http://localhost:${String(config.PORT)}`,
    isNonAnswer,
  });
  const logger = options.logger;
  const botAuthentication = createBotAuthentication(config, options.openIdMetadataUrl);
  const adapter = createAdapter(config, translations, logger, botAuthentication);
  const channels = new ChannelRegistry(storage, configuredChannels(config));
  const poster = new ChannelPoster(adapter, storage, {
    appId: config.MicrosoftAppId ?? '',
    onRetry: (retry) => logger.warn({ attempt: retry.attempt, status: retry.status }, 'channel post retried'),
  });
  const withdrawals = new ChannelWithdrawals(poster, { logger, now: () => clock.now() });
  const updates = new ChannelUpdates(poster, { logger, now: () => clock.now() });
  const sharedIndex = new SharedBilanIndex(storage);
  const desk = new CounsellorDesk(repository, sharedIndex, flows, clock, { isNonAnswer });
  const publisher = new CounsellorPublisher({
    registry: channels, poster, withdrawals, updates, ownerOf: (shareId) => desk.ownerOf(shareId), repository, flows, translations, clock, defaultLocale: config.DEFAULT_LOCALE, isNonAnswer,
  });
  /** Channel cards Teams did not delete or update yet: tried again every five minutes and at each retention sweep. */
  const channelRetries = { retryPending: async () => (await withdrawals.retryPending()) + (await publisher.retryUpdates()) };
  const sharing = new SharingService(repository, publisher, clock, () => randomUUID(), sharedIndex);
  const directory = new ConversationDirectory(storage);
  const reminders = new ReminderJob({
    adapter,
    appId: config.MicrosoftAppId ?? '',
    directory,
    repository,
    translations,
    defaultLocale: config.DEFAULT_LOCALE,
    clock,
    afterDays: config.REMINDER_AFTER_DAYS,
    logger,
  });
  const hrDigest = new HrDigest({ registry: channels, poster, counts, translations, locale: config.DEFAULT_LOCALE, clock, logger });
  const policy = { abandonAfterDays: config.ABANDON_AFTER_DAYS, retentionDays: config.RETENTION_DAYS };
  const personalData = new PersonalData({ store: storage, repository, directory, posts: publisher, log: new ErasureLog(storage), clock, newId: () => randomUUID(), logger, sharedIndex, ...(opened.personKeys ? { personKeys: opened.personKeys } : {}) });
  const exports = new DataExports({
    data: personalData,
    synthesisOf: (userId) => downloads.synthesisOf(userId),
    readable: (record, synthesis, locale) => {
      const { synthesisEdits: _edits, ...unedited } = record;
      return readableBilan(record, synthesis, flows, translations.translator(toLocale(locale) ?? config.DEFAULT_LOCALE), downloads.build(unedited, clock.now()));
    },
    policy,
    clock,
    links: await personalLinks('export-links'),
    defaultLocale: config.DEFAULT_LOCALE,
    baseUrl: config.PUBLIC_BASE_URL ?? `http://localhost:${String(config.PORT)}`,
  });
  const rights = new DataRights({
    bilan: service,
    data: personalData,
    exports,
    downloads,
    retention: new RetentionService(repository, clock, policy),
    clock,
    yes: new KeywordSet(translations.keywords('common:keywords.yes')),
    no: new KeywordSet(translations.keywords('common:keywords.no')),
  });
  const inChat = { adapter, appId: config.MicrosoftAppId ?? '', translations, defaultLocale: config.DEFAULT_LOCALE };
  const retentionSweeper = new RetentionSweeper({ directory, repository, data: personalData, withdrawals: channelRetries, policy, clock, logger, notify: certificateNotice(inChat), warn: destructionWarningNotice(inChat) });
  let stopWithdrawalRetries: () => void = () => undefined;
  const bot = new BilanBot({
    service,
    translations,
    downloads,
    sharing,
    channels,
    directory,
    rights,
    personIds,
    counsellorAdmins: config.COUNSELLOR_ADMINS,
    defaultLocale: config.DEFAULT_LOCALE,
    logger,
    maxMessageChars: MAX_MESSAGE_CHARS,
    rateLimiter: new RateLimiter({ burst: RATE_LIMIT_BURST, perMinute: config.RATE_LIMIT_PER_MINUTE }, clock),
    tenants: new TenantGate(allowedTenants(config)),
  });
  const botServer = createServer({
    adapter,
    bot,
    logger,
    version: packageVersion(),
    storageKind: config.STORAGE,
    checkStorage: () => opened.checkHealth(),
    maxBodyBytes: MAX_BODY_BYTES,
    downloads,
    exports,
    routes: [
      (s) => registerTabStatic(s, TAB_ASSETS_DIR),
      (s) =>
        registerTabApi(s, {
          authenticator: tabAuthenticator(config),
          personIds,
          counsellors: config.COUNSELLORS,
          repository,
          flows,
          sharing,
          desk,
          downloads,
          translations,
          synthesisTemplates,
          defaultLocale: config.DEFAULT_LOCALE,
          logger,
          rights: { exportLink: (userId, locale) => exports.link(userId, locale), erase: (userId) => personalData.erase(userId, 'userRequest').then(() => undefined) },
          editSynthesis: async (userId, removed, reworded, locale) => {
            await service.editSynthesis(userId, removed, reworded);
            return sharing.refresh(userId, locale);
          },
        }),
    ],
    authenticate: (activity, authHeader) => botAuthentication.authenticateRequest(activity, authHeader),
  });

  const server = botServer.server;
  return {
    storage,
    personIds,
    listen: () =>
      new Promise<string>((resolveUrl, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, '0.0.0.0', () => {
          resolveUrl(`http://127.0.0.1:${String(listeningPort(server.address()))}`);
          setImmediate(() => warmUpData(logger, 'skill and occupation data loaded', () => (skills.warmUp(), occupations.warmUp())));
          setTimeout(() => warmUpData(logger, 'job data loaded', () => jobs.warmUp()), 0);
          hrDigest.start(HR_DIGEST_CHECK_MS);
          reminders.start(HR_DIGEST_CHECK_MS);
          retentionSweeper.start(RETENTION_CHECK_MS);
          stopWithdrawalRetries = every(WITHDRAWAL_RETRY_MS, () => channelRetries.retryPending(), { logger, message: 'channel withdrawal or update retry failed' });
        });
      }),
    runHrDigest: () => hrDigest.runOnce(),
    runReminders: () => reminders.runOnce(),
    runRetention: () => retentionSweeper.runOnce(),
    close: async () => {
      hrDigest.stop();
      reminders.stop();
      retentionSweeper.stop();
      stopWithdrawalRetries();
      const closed = new Promise<void>((done) => {
        server.close(() => done());
      });
      server.server.closeIdleConnections();
      await botServer.idle();
      await withdrawals.stop();
      await updates.stop();
      await opened.flush();
      await closed;
    },
  };
}
