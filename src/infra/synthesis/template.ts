import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataValidationError } from '../../core/errors.js';
import { LOCALES, type Locale } from '../../core/locale.js';
import { SYNTHESIS_NS } from '../../core/synthesis/synthesis.js';
import type { LocaleResources } from '../i18n/locale-resources.js';

/**
 * One synthesis template per locale (locales/<locale>/synthesis.md): a header of `key: text` lines between two `---`
 * lines (titles, headings, labels, line formats; `#` lines are comments; a text between double quotes keeps its outer
 * spaces), then the Markdown body. In both, `{{name}}` placeholders are filled by the renderer. Template text is trusted Markdown; what fills it is escaped.
 */
export interface SynthesisTemplate {
  readonly locale: Locale;
  readonly strings: ReadonlyMap<string, string>;
  readonly body: string;
}

/** Wording every template must define (labels are checked when used: a missing one names its key). */
export const REQUIRED_TEMPLATE_KEYS = [
  'title',
  'notice',
  'generated',
  'generatedEdited',
  'empty',
  'line',
  'quote',
  'scale',
  'holland',
  ...['R', 'I', 'A', 'S', 'E', 'C'].map((letter) => `riasec.${letter}`),
  'story',
  'occupation',
  'currentJob',
  'none',
  'listSeparator',
  'routes',
  'dueBy',
  'unsure',
  'comment',
  'sources',
] as const;

export function loadSynthesisTemplate(localesDir: string, locale: Locale): SynthesisTemplate {
  const file = join(localesDir, locale, 'synthesis.md');
  return parseSynthesisTemplate(readFileSync(file, 'utf8'), locale, file);
}

export function parseSynthesisTemplate(source: string, locale: Locale, file = `${locale}.md`): SynthesisTemplate {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') throw new DataValidationError(`Invalid synthesis template ${file}:`, ['must start with a "---" line']);
  const end = lines.indexOf('---', 1);
  if (end < 0) throw new DataValidationError(`Invalid synthesis template ${file}:`, ['the header has no closing "---" line']);
  const strings = new Map<string, string>();
  const problems: string[] = [];
  lines.slice(1, end).forEach((raw, i) => {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const colon = raw.indexOf(':');
    if (colon <= 0) {
      problems.push(`line ${i + 2}: expected "key: text"`);
      return;
    }
    const text = raw.slice(colon + 1).trim();
    strings.set(raw.slice(0, colon).trim(), /^".*"$/u.test(text) ? text.slice(1, -1) : text);
  });
  for (const key of REQUIRED_TEMPLATE_KEYS) if (!strings.has(key)) problems.push(`missing "${key}"`);
  if (problems.length > 0) throw new DataValidationError(`Invalid synthesis template ${file}:`, problems);
  return { locale, strings, body: lines.slice(end + 1).join('\n').replace(/^\n+/, '') };
}

/** A template string by key; a missing one is a data error naming the key and locale. */
export function templateString(template: SynthesisTemplate, key: string): string {
  const value = template.strings.get(key);
  if (value === undefined) throw new DataValidationError(`Synthesis template ${template.locale}.md:`, [`missing "${key}"`]);
  return value;
}

/** Replaces `{{name}}` with `values[name]`; unknown names are left for the caller to report. */
export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * Adds each locale's template wording to the translations as the `synthesis` namespace (`synthesis:sections.…`,
 * `synthesis:labels.…`, and `synthesis:raw` = the value itself), so the Adaptive Cards that show the synthesis
 * (in the chat and in the counsellors' channel) read the same headings and labels as the documents.
 */
export function withSynthesisNamespace(resources: LocaleResources, localesDir: string): LocaleResources {
  const out = { ...resources };
  for (const locale of LOCALES) out[locale] = { ...resources[locale], [SYNTHESIS_NS]: nestedStrings(loadSynthesisTemplate(localesDir, locale).strings) };
  return out;
}

function nestedStrings(strings: ReadonlyMap<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = { raw: '{{value}}' };
  for (const [key, text] of strings) {
    const parts = key.split('.');
    const leaf = parts.pop() ?? key;
    let node = root;
    for (const part of parts) {
      const child = node[part];
      node = typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : (node[part] = {});
    }
    node[leaf] = text;
  }
  return root;
}
