import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { ConfigError } from './core/errors.js';
import { LOCALES } from './core/locale.js';

/** Where storage lives: `lowdb` (files under DATA_DIR, one instance) or `memory` (lost on restart). */
export const STORAGE_KINDS = ['lowdb', 'memory'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const oneOf = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.enum(values, { errorMap: () => ({ message: `must be one of ${values.join(', ')}` }) }).default(fallback);

const envSchema = z
  .object({
    PORT: z.coerce
      .number({ invalid_type_error: 'must be a TCP port number (1-65535)' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3978),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: oneOf(APP_TYPES, 'MultiTenant'),
    MicrosoftAppTenantId: optionalText,
    STORAGE: oneOf(STORAGE_KINDS, 'lowdb'),
    DATA_DIR: z.string().trim().min(1, 'must be a directory path').default('data/store'),
    DEFAULT_LOCALE: oneOf(LOCALES, 'fr'),
    LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  })
  .superRefine((env, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      problem('MicrosoftAppPassword', 'is required when MicrosoftAppId is set (except with MicrosoftAppType=UserAssignedMSI)');
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      problem('MicrosoftAppTenantId', 'is required when MicrosoftAppType=SingleTenant');
    }
    if (!env.MicrosoftAppId && env.MicrosoftAppPassword) {
      problem('MicrosoftAppId', 'is empty but MicrosoftAppPassword is set: set both, or neither for local anonymous mode');
    }
  });

export type Config = Readonly<z.infer<typeof envSchema>>;

/** The variable names this module reads; `.env.example` documents exactly these. */
export const CONFIG_VARIABLES = Object.keys(envSchema._def.schema.shape);

/**
 * The only reader of the environment. Values from `envFile` (when it exists) fill in what the process
 * environment does not set. Throws a ConfigError naming every bad variable and its accepted values.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  const merged = { ...fromFile, ...definedOnly(env) };
  const parsed = envSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid configuration (see .env.example):\n${problems}`);
  }
  return Object.freeze(parsed.data);
}

/** True when no app id is configured: the bot accepts unauthenticated requests (local and tests only). */
export function isAnonymous(config: Config): boolean {
  return !config.MicrosoftAppId;
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}
