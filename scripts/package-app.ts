/**
 * Builds the Microsoft Teams app package, the zip to upload in Teams or the Developer Portal:
 *
 *   npm run package                                  # → build/appPackage.zip
 *   npm run package -- --out /tmp/bilan.zip --no-env-file
 *
 * appPackage/manifest.json is a template: each `${{NAME}}` is replaced by the variable NAME, read from the
 * environment, then from `.env` (`--env-file FILE` to read another, `--no-env-file` for none), else a local
 * default (see VARIABLES). Empty values count as unset, as in src/config.ts. A malformed value stops the build
 * with a message naming the variable. The result is checked against the official Teams JSON schema of its
 * manifestVersion, vendored in appPackage/schema/ (offline), and the icons' pixel sizes are checked.
 *
 * The zip holds, at its root and nothing else: manifest.json, the icons and the localization files it names.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, parseEnv } from 'node:util';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { type Zippable, zipSync } from 'fflate';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
export const APP_PACKAGE_DIR = resolve(PROJECT_ROOT, 'appPackage');
export const DEFAULT_OUT = resolve(PROJECT_ROOT, 'build', 'appPackage.zip');

/** Local defaults: enough to build and sideload for a try, never for a real tenant. */
export const DEV_TEAMS_APP_ID = '0b11a000-0000-4000-8000-000000000001';
export const DEV_BOT_ID = '0b11a000-0000-4000-8000-000000000002';

const GUID = /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_AND_PORT = new RegExp(`^${LABEL}(?:\\.${LABEL})*(?::\\d{1,5})?$`, 'i');
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;

type Values = Readonly<Record<string, string>>;

interface Variable {
  readonly name: string;
  /** What it is, for messages. */
  readonly about: string;
  /** The value when unset; may depend on variables listed before it. */
  readonly fallback: (resolved: Values) => string;
  /** Whether using the fallback deserves a warning (not fit for a real tenant). */
  readonly warnOnDefault: boolean;
  /** A problem with the value, or undefined when it is fine. */
  readonly check: (value: string) => string | undefined;
}

const guid = (value: string) => (GUID.test(value) ? undefined : 'must be a GUID such as 12345678-90ab-cdef-1234-567890abcdef');

const httpsUrl = (value: string) => {
  if (/\s/.test(value)) return 'must be an https:// URL without spaces';
  try {
    return new URL(value).protocol === 'https:' && value.length <= 2048 ? undefined : 'must be an https:// URL (at most 2048 characters)';
  } catch {
    return 'must be an https:// URL';
  }
};

const domain = (value: string) => {
  if (value.includes('://')) return 'must be a host name with an optional port, without the scheme (e.g. bilan.example.com or localhost:3978)';
  if (value.includes('/')) return 'must be a host name with an optional port, without a path (e.g. bilan.example.com)';
  if (!HOST_AND_PORT.test(value) || value.length > 253) return 'must be a host name with an optional port (e.g. bilan.example.com or localhost:3978)';
  const port = value.split(':')[1];
  return port !== undefined && Number(port) > 65535 ? 'has a port above 65535' : undefined;
};

function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return version;
}

/** Every variable the manifest may use, in resolution order. */
export const VARIABLES: readonly Variable[] = [
  { name: 'TEAMS_APP_ID', about: 'the Teams app id (manifest id)', fallback: () => DEV_TEAMS_APP_ID, warnOnDefault: true, check: guid },
  { name: 'MicrosoftAppId', about: "the Azure Bot's app id (bots[0].botId), as for the bot itself", fallback: () => DEV_BOT_ID, warnOnDefault: true, check: guid },
  {
    name: 'AAD_APP_CLIENT_ID',
    about: 'the Entra app id used for tab single sign-on (webApplicationInfo.id)',
    fallback: (resolved) => resolved.MicrosoftAppId ?? DEV_BOT_ID,
    warnOnDefault: false,
    check: guid,
  },
  { name: 'BOT_DOMAIN', about: 'the public host serving the bot and its tabs', fallback: () => 'localhost:3978', warnOnDefault: true, check: domain },
  {
    name: 'APP_VERSION',
    about: 'the app version (raise it for every upload)',
    fallback: packageVersion,
    warnOnDefault: false,
    check: (value) => (SEMVER.test(value) ? undefined : 'must be a version MAJOR.MINOR.PATCH such as 1.0.0'),
  },
  {
    name: 'DEVELOPER_NAME',
    about: "the publisher's name",
    fallback: () => 'Bilan',
    warnOnDefault: false,
    check: (value) => (value.length <= 32 ? undefined : 'must be at most 32 characters'),
  },
  { name: 'DEVELOPER_WEBSITE_URL', about: "the publisher's support page", fallback: () => 'https://example.org/bilan', warnOnDefault: true, check: httpsUrl },
  { name: 'DEVELOPER_PRIVACY_URL', about: 'the privacy statement', fallback: () => 'https://example.org/bilan/privacy', warnOnDefault: true, check: httpsUrl },
  { name: 'DEVELOPER_TERMS_URL', about: 'the terms of use', fallback: () => 'https://example.org/bilan/terms', warnOnDefault: true, check: httpsUrl },
];

export class AppPackageError extends Error {
  override readonly name = 'AppPackageError';
}

export interface Resolution {
  readonly values: Values;
  /** The variables that took their local default although it is not fit for a real tenant. */
  readonly defaulted: readonly string[];
}

/** Reads and checks every variable; throws one AppPackageError listing every malformed one. */
export function resolveVariables(env: Readonly<Record<string, string | undefined>>): Resolution {
  const values: Record<string, string> = {};
  const defaulted: string[] = [];
  const problems: string[] = [];
  for (const variable of VARIABLES) {
    const given = env[variable.name]?.trim();
    const value = given || variable.fallback(values);
    if (!given && variable.warnOnDefault) defaulted.push(variable.name);
    const problem = variable.check(value);
    if (problem) problems.push(`${variable.name}: ${problem}; got ${JSON.stringify(value)} (${variable.about})`);
    values[variable.name] = value;
  }
  if (problems.length > 0) throw new AppPackageError(`invalid app package configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { values, defaulted };
}

/** Replaces every `${{NAME}}` in the strings of a JSON value; an unknown NAME is an error. */
export function substitute(json: unknown, values: Values, file: string): unknown {
  if (typeof json === 'string') {
    return json.replace(PLACEHOLDER, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new AppPackageError(`${file}: unknown placeholder \${{${name}}} (known: ${Object.keys(values).join(', ')})`);
      return value;
    });
  }
  if (Array.isArray(json)) return json.map((item) => substitute(item, values, file));
  if (json !== null && typeof json === 'object') {
    return Object.fromEntries(Object.entries(json).map(([key, item]) => [key, substitute(item, values, file)]));
  }
  return json;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(resolve(APP_PACKAGE_DIR, file), 'utf8'));
  } catch (error) {
    throw new AppPackageError(`appPackage/${file}: cannot be read as JSON (${(error as Error).message})`);
  }
}

/** The fields of the manifest this script relies on. */
export interface ManifestShape {
  readonly manifestVersion: string;
  readonly icons: { readonly color: string; readonly outline: string };
  readonly localizationInfo?: { readonly defaultLanguageFile?: string; readonly additionalLanguages?: readonly { readonly file: string }[] };
}

/** The files the manifest names (icons, localization files), which must sit beside it at the zip's root. */
export function referencedFiles(manifest: ManifestShape): string[] {
  const files = [
    manifest.icons.color,
    manifest.icons.outline,
    ...(manifest.localizationInfo?.defaultLanguageFile ? [manifest.localizationInfo.defaultLanguageFile] : []),
    ...(manifest.localizationInfo?.additionalLanguages ?? []).map((language) => language.file),
  ];
  for (const file of files) {
    if (file.includes('/') || file.includes('\\')) throw new AppPackageError(`manifest.json names ${file}: files must sit at the package root, without a folder`);
  }
  return [...new Set(files)];
}

/** Where the official schemas of a manifest version are vendored. */
export function schemaDir(manifestVersion: string): string {
  return resolve(APP_PACKAGE_DIR, 'schema', `v${manifestVersion}`);
}

/** Compiles one vendored Teams schema (JSON Schema draft-04) for offline validation. */
export function compileSchema(file: string): (data: unknown) => string[] {
  // strict: false: the official schemas use draft-04 idioms Ajv's strict mode flags (e.g. `required` in `anyOf`).
  // unicodeRegExp: false: the localization schema's patterns (`\b]`) are not valid `u`-flag regular expressions.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`));
}

function validateAgainstSchemas(manifest: ManifestShape, localizations: ReadonlyMap<string, unknown>): void {
  const dir = schemaDir(manifest.manifestVersion);
  const manifestSchema = resolve(dir, 'MicrosoftTeams.schema.json');
  const localizationSchema = resolve(dir, 'MicrosoftTeams.Localization.schema.json');
  if (!existsSync(manifestSchema) || !existsSync(localizationSchema)) {
    throw new AppPackageError(`no official schema vendored for manifestVersion ${manifest.manifestVersion}: add it to ${relative(PROJECT_ROOT, dir)}/ (see appPackage/schema/README.md)`);
  }
  const problems = compileSchema(manifestSchema)(manifest).map((p) => `manifest.json ${p}`);
  const checkLocalization = compileSchema(localizationSchema);
  for (const [file, json] of localizations) problems.push(...checkLocalization(json).map((p) => `${file} ${p}`));
  if (problems.length > 0) throw new AppPackageError(`the app package does not match the Teams schema v${manifest.manifestVersion}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const view = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (view.length < 24 || signature.some((byte, i) => view[i] !== byte) || view.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

function checkIcon(file: string, png: Uint8Array | undefined, size: number): void {
  const actual = png && pngSize(png);
  if (!actual) throw new AppPackageError(`appPackage/${file} is not a PNG file`);
  if (actual.width !== size || actual.height !== size) {
    throw new AppPackageError(`appPackage/${file} is ${actual.width}×${actual.height}; Teams requires ${size}×${size} (regenerate with: npx tsx scripts/app-icons.ts)`);
  }
}

export interface AppPackage {
  /** The zip's entries, in order: manifest.json first. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly manifest: ManifestShape & Record<string, unknown>;
  readonly defaulted: readonly string[];
}

/** Renders and checks the package's files, without writing anything. */
export function renderAppPackage(env: Readonly<Record<string, string | undefined>>): AppPackage {
  const { values, defaulted } = resolveVariables(env);
  const manifest = substitute(readJson('manifest.json'), values, 'manifest.json') as AppPackage['manifest'];
  const files = new Map<string, Uint8Array>([['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)]]);
  const localizations = new Map<string, unknown>();
  for (const file of referencedFiles(manifest)) {
    if (!existsSync(resolve(APP_PACKAGE_DIR, file))) throw new AppPackageError(`manifest.json names ${file}, which is not in appPackage/`);
    if (file.endsWith('.json')) {
      const json = substitute(readJson(file), values, file);
      localizations.set(file, json);
      files.set(file, Buffer.from(`${JSON.stringify(json, null, 2)}\n`));
    } else {
      files.set(file, readFileSync(resolve(APP_PACKAGE_DIR, file)));
    }
  }
  checkIcon(manifest.icons.color, files.get(manifest.icons.color), 192);
  checkIcon(manifest.icons.outline, files.get(manifest.icons.outline), 32);
  validateAgainstSchemas(manifest, localizations);
  return { files, manifest, defaulted };
}

/** A fixed timestamp (local time, as zip stores it) so that the same inputs give the same zip bytes. */
const ZIP_TIME = new Date(2000, 0, 1);

/** The zip bytes: every file at the root, PNGs stored as they are, JSON deflated. */
export function zipAppPackage(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const [name, data] of files) entries[name] = [data, { level: name.endsWith('.png') ? 0 : 9 }];
  return zipSync(entries, { mtime: ZIP_TIME });
}

function environment(envFile: string | undefined): Record<string, string | undefined> {
  if (envFile === undefined) return { ...process.env };
  const path = resolve(envFile);
  const fromFile = existsSync(path) ? parseEnv(readFileSync(path, 'utf8')) : {};
  // The process environment wins over the file, as for the bot (src/config.ts).
  return { ...fromFile, ...Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) };
}

const USAGE = 'usage: npm run package [-- [--out FILE] [--env-file FILE | --no-env-file]]';

function main(argv: string[]): number {
  const { values: options } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, 'env-file': { type: 'string' }, 'no-env-file': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (options.help) {
    process.stdout.write(`${USAGE}\nVariables (environment, then .env, else a local default):\n${VARIABLES.map((v) => `  ${v.name}: ${v.about}`).join('\n')}\n`);
    return 0;
  }
  const out = resolve(options.out ?? DEFAULT_OUT);
  const envFile = options['no-env-file'] ? undefined : (options['env-file'] ?? resolve(PROJECT_ROOT, '.env'));
  const { files, manifest, defaulted } = renderAppPackage(environment(envFile));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zipAppPackage(files));
  const bot = (manifest.bots as { botId: string }[] | undefined)?.[0]?.botId;
  process.stdout.write(`Built ${relative(process.cwd(), out) || out}: ${[...files.keys()].join(', ')} (app ${String(manifest.id)}, bot ${String(bot)}, manifest v${manifest.manifestVersion}, schema-valid)\n`);
  if (defaulted.length > 0) {
    process.stderr.write(`Note: local defaults used for ${defaulted.join(', ')}: fine for a local try, set them for a real tenant.\n`);
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    const message = error instanceof AppPackageError ? error.message : error instanceof Error ? error.message : String(error);
    process.stderr.write(`npm run package: ${message}\n${error instanceof AppPackageError ? '' : `${USAGE}\n`}`);
    process.exitCode = 1;
  }
}
