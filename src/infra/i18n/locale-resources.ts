import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataValidationError } from '../../core/errors.js';
import { LOCALES, type Locale } from '../../core/locale.js';

/** Translations as loaded from locales/<lng>/<namespace>.json. */
export type LocaleResources = Record<Locale, Record<string, Record<string, unknown>>>;

/** Reads every namespace file of every supported locale; a malformed file is a startup error naming it. */
export function readLocaleResources(localesDir: string): LocaleResources {
  const problems: string[] = [];
  const resources = {} as LocaleResources;
  for (const locale of LOCALES) {
    resources[locale] = {};
    const dir = join(localesDir, locale);
    const files = safeList(dir, problems).filter((f) => f.endsWith('.json'));
    for (const file of files) {
      try {
        resources[locale][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
      } catch (error: unknown) {
        problems.push(`${join(dir, file)}: not valid JSON (${(error as Error).message})`);
      }
    }
  }
  if (problems.length > 0) throw new DataValidationError('Invalid translation files in locales/:', problems);
  return resources;
}

/** The string at `ns:a.b.c`, if any. */
export function lookup(resources: LocaleResources, locale: Locale, key: string): unknown {
  const [namespace, path] = splitKey(key);
  let node: unknown = resources[locale][namespace];
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Every `ns:path` key whose value is a string, for parity checks. */
export function flattenKeys(resources: LocaleResources, locale: Locale): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (prefix: string, node: unknown) => {
    if (typeof node === 'string') out.set(prefix, node);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(prefix.endsWith(':') ? prefix + k : `${prefix}.${k}`, v);
    } else out.set(prefix, String(node));
  };
  for (const [namespace, tree] of Object.entries(resources[locale])) walk(`${namespace}:`, tree);
  return out;
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(':');
  return colon < 0 ? ['common', key] : [key.slice(0, colon), key.slice(colon + 1)];
}

function safeList(dir: string, problems: string[]): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    problems.push(`${dir}: missing locale directory`);
    return [];
  }
}
