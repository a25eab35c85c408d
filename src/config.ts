import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { ConfigError } from './core/errors.js';
import { LOCALES } from './core/locale.js';

/**
 * Where storage lives: `lowdb` (files under DATA_DIR, one instance), `memory` (lost on restart) or `blob`
 * (Azure Blob Storage, shared by several instances).
 */
export const STORAGE_KINDS = ['lowdb', 'memory', 'blob'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const oneOf = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.enum(values, { errorMap: () => ({ message: `must be one of ${values.join(', ')}` }) }).default(fallback);

const TEAMS_CHANNEL_ID = /^19:[^\s;]+@thread\.(tacv2|skype)$/;
const TEAMS_CHANNEL_RULE = 'must be a Teams channel id such as 19:abc123@thread.tacv2 (Teams: channel menu → Get link to channel, the part after /channel/, URL-decoded)';
const DATA_KEY_RULE = 'must be 32 random bytes in base64 (44 characters), e.g. the output of `openssl rand -base64 32`';
const isDataKey = (text: string) => /^[A-Za-z0-9+/]{43}=$/.test(text) && Buffer.from(text, 'base64').length === 32;

const PORT_RULE = 'must be a TCP port number between 0 and 65535 (0 picks any free port)';

const envSchema = z.object({
  // A string check first: z.coerce.number would turn an empty PORT= into 0 (a random port) without a word.
  PORT: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, PORT_RULE)
    .default('3978')
    .transform(Number)
    .pipe(z.number().max(65535, PORT_RULE)),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: oneOf(APP_TYPES, 'MultiTenant'),
  MicrosoftAppTenantId: optionalText,
  /** Entra tenants whose users may use the bot, comma-separated; empty: MicrosoftAppTenantId. Ignored without an app id. */
  ALLOWED_TENANT_IDS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((id) => id.trim()).filter((id) => id.length > 0)),
  STORAGE: oneOf(STORAGE_KINDS, 'lowdb'),
  DATA_DIR: z.string().trim().min(1, 'must be a directory path').default('data/store'),
  /** Azure Storage connection string, required when STORAGE=blob. A secret: never logged nor reported. */
  BLOB_CONNECTION_STRING: optionalText,
  /** Blob container holding every stored item when STORAGE=blob; created if missing. */
  BLOB_CONTAINER: z
    .string()
    .trim()
    .regex(/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a container name: 3 to 63 lowercase letters, digits and single hyphens')
    .default('bilan'),
  DEFAULT_LOCALE: oneOf(LOCALES, 'fr'),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  /** Public address of this server, for links the bot sends (synthesis downloads). Empty: http://localhost:PORT. */
  PUBLIC_BASE_URL: optionalText.pipe(z.string().url('must be an absolute URL such as https://bilan.example.org').optional()),
  /** Days without activity after which a user gets one gentle reminder; 0 turns reminders off. */
  REMINDER_AFTER_DAYS: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'must be a whole number of days (0 turns reminders off)')
    .default('7')
    .transform(Number),
  /** Days without any activity after which an unfinished bilan counts as abandoned, i.e. closed (at least 1). */
  ABANDON_AFTER_DAYS: z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,3}$/, 'must be a whole number of days, at least 1')
    .default('90')
    .transform(Number),
  /** Days a closed bilan is kept before automatic destruction; the law allows at most one year, and only by agreement. */
  RETENTION_DAYS: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'must be a whole number of days between 0 and 365')
    .default('30')
    .transform(Number)
    .pipe(z.number().max(365, 'must be a whole number of days between 0 and 365')),
  /** Entra object ids allowed to register the counsellor channel, comma-separated. Empty: nobody can. */
  COUNSELLOR_ADMINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((id) => id.trim()).filter((id) => id.length > 0)),
  /** The counsellors' Teams channel set by configuration instead of the in-channel command (which it then overrides). */
  COUNSELLOR_CHANNEL_ID: optionalText.pipe(z.string().regex(TEAMS_CHANNEL_ID, TEAMS_CHANNEL_RULE).optional()),
  /** The HR channel set by configuration, likewise. */
  HR_CHANNEL_ID: optionalText.pipe(z.string().regex(TEAMS_CHANNEL_ID, TEAMS_CHANNEL_RULE).optional()),
  /** Bot Connector URL used to post to configured channels (the channel id alone does not say which region serves it). */
  CHANNEL_SERVICE_URL: optionalText
    .pipe(z.string().url('must be an absolute URL such as https://smba.trafficmanager.net/teams/').optional())
    .transform((v) => v ?? 'https://smba.trafficmanager.net/teams/'),
  /** Tenant of the configured channels; empty: MicrosoftAppTenantId. */
  CHANNEL_TENANT_ID: optionalText,
  /** Messages per minute one user may keep sending (after a burst of 10); 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, 'must be a whole number of messages per minute (0 turns the limit off)')
    .default('30')
    .transform(Number),
  /** Teams tabs: Entra object ids of the counsellors who may read, in the counsellor tab, the bilans shared with the counsellor. */
  COUNSELLORS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((id) => id.trim()).filter((id) => id.length > 0)),
  /** Teams tabs SSO: the Entra app registration the tab's token is issued for (the manifest's webApplicationInfo.id). */
  AAD_APP_CLIENT_ID: optionalText,
  /** Teams tabs SSO: the tenant whose tokens are accepted; empty: MicrosoftAppTenantId. */
  TAB_TENANT_ID: optionalText,
  /** Teams tabs SSO: the token issuer's base address (its JWKS is read from <authority>/<tenant>/discovery/v2.0/keys). */
  TAB_SSO_AUTHORITY: z.string().trim().url('must be an absolute URL such as https://login.microsoftonline.com').default('https://login.microsoftonline.com'),
  /** Teams tabs without Azure AD (local testing only): the tab API trusts a user id given by the page. Refused with an app id. */
  TAB_DEV_MODE: z
    .enum(['true', 'false', ''], { errorMap: () => ({ message: 'must be true or false' }) })
    .default('false')
    .transform((v) => v === 'true'),
  /** Key sealing everything stored (AES-256-GCM), base64 of 32 bytes. Empty with lowdb: a key file (DATA_KEY_FILE) is used. */
  DATA_ENCRYPTION_KEY: optionalText.pipe(z.string().refine(isDataKey, DATA_KEY_RULE).optional()),
  /** Earlier keys, comma-separated, still accepted for reading after a rotation (items are re-sealed with the new key). */
  DATA_ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((key) => key.trim()).filter((key) => key.length > 0))
    .pipe(z.array(z.string().refine(isDataKey, `each key ${DATA_KEY_RULE}`))),
  /** Where the local key is kept when DATA_ENCRYPTION_KEY is empty (created on first start), relative to the project root. */
  DATA_KEY_FILE: z.string().trim().min(1, 'must be a file path').default('data/keys/data-encryption.key'),
  /** Where each person's wrapped data key is kept with lowdb (apart from the data); empty: `<DATA_DIR>-person-keys`. */
  PERSON_KEYS_DIR: optionalText,
  /** The container of the wrapped person keys with STORAGE=blob (apart from the data container). */
  PERSON_KEYS_BLOB_CONTAINER: z
    .string()
    .trim()
    .regex(/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a container name: 3 to 63 lowercase letters, digits and single hyphens')
    .default('bilan-person-keys'),
  /** Its storage account, ideally one without soft delete or versioning; empty: BLOB_CONNECTION_STRING. A secret. */
  PERSON_KEYS_BLOB_CONNECTION_STRING: optionalText,
});

/**
 * Problems between the credential variables. Checked on the raw values, apart from the schema, so that they
 * are reported together with invalid values (a zod refinement would only run once every field is valid).
 */
function credentialProblems(raw: Record<string, string | undefined>): string[] {
  const value = (name: string) => raw[name]?.trim() || undefined;
  const appId = value('MicrosoftAppId');
  const password = value('MicrosoftAppPassword');
  const appType = value('MicrosoftAppType') ?? 'MultiTenant';
  const problems: string[] = [];
  if (appId && appType !== 'UserAssignedMSI' && !password) {
    problems.push('MicrosoftAppPassword: is required when MicrosoftAppId is set (except with MicrosoftAppType=UserAssignedMSI)');
  }
  if (appId && appType === 'SingleTenant' && !value('MicrosoftAppTenantId')) {
    problems.push('MicrosoftAppTenantId: is required when MicrosoftAppType=SingleTenant');
  }
  if (appId && value('TAB_DEV_MODE') === 'true') {
    problems.push('TAB_DEV_MODE: is refused when MicrosoftAppId is set: the tabs must then sign users in with Teams SSO (AAD_APP_CLIENT_ID)');
  }
  if (value('AAD_APP_CLIENT_ID') && !value('TAB_TENANT_ID') && !value('MicrosoftAppTenantId')) {
    problems.push('TAB_TENANT_ID: is required with AAD_APP_CLIENT_ID (or set MicrosoftAppTenantId): the tab accepts tokens of one tenant');
  }
  if (appId && !value('ALLOWED_TENANT_IDS') && !value('MicrosoftAppTenantId')) {
    problems.push('ALLOWED_TENANT_IDS: is required when MicrosoftAppId is set (or set MicrosoftAppTenantId): the bot serves the users of the tenants listed only');
  }
  if (!appId && password) {
    problems.push('MicrosoftAppId: is empty but MicrosoftAppPassword is set: set both, or neither for local anonymous mode');
  }
  const channelSet = value('COUNSELLOR_CHANNEL_ID') ?? value('HR_CHANNEL_ID');
  if (channelSet && !value('CHANNEL_TENANT_ID') && !value('MicrosoftAppTenantId')) {
    problems.push('CHANNEL_TENANT_ID: is required when a channel id is configured (or set MicrosoftAppTenantId)');
  }
  return problems;
}

function storageProblems(raw: Record<string, string | undefined>): string[] {
  if (raw['STORAGE']?.trim() !== 'blob') return [];
  const problems: string[] = [];
  if (!raw['BLOB_CONNECTION_STRING']?.trim()) problems.push('BLOB_CONNECTION_STRING: is required when STORAGE=blob (the Azure Storage account connection string)');
  // A local key file would give each instance its own key: what one writes, the others could not read.
  if (!raw['DATA_ENCRYPTION_KEY']?.trim()) problems.push('DATA_ENCRYPTION_KEY: is required when STORAGE=blob (every instance must encrypt with the same key)');
  return problems;
}

export type Config = Readonly<z.infer<typeof envSchema>>;

/** The variable names this module reads; `.env.example` documents exactly these. */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);

/**
 * The only reader of the environment. Values from `envFile` (when it exists) fill in what the process
 * environment does not set. Throws a ConfigError naming every bad variable and its accepted values.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  const merged = { ...fromFile, ...definedOnly(env) };
  const parsed = envSchema.safeParse(merged);
  const problems = [...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)), ...credentialProblems(merged), ...storageProblems(merged)];
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`Invalid configuration (see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return Object.freeze(parsed.data);
}

/** True when no app id is configured: the bot accepts unauthenticated requests (local and tests only). */
export function isAnonymous(config: Config): boolean {
  return !config.MicrosoftAppId;
}

/** The tenants whose users may use the bot; empty: any (anonymous local mode only, config validation ensures it). */
export function allowedTenants(config: Config): readonly string[] {
  if (isAnonymous(config)) return [];
  return config.ALLOWED_TENANT_IDS.length > 0 ? config.ALLOWED_TENANT_IDS : [config.MicrosoftAppTenantId ?? ''];
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}
