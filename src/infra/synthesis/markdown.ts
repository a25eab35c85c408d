import type { MessageRef } from '../../core/messages.js';
import { SYNTHESIS_NS, type Synthesis, type SynthesisLine, type SynthesisValue } from '../../core/synthesis/synthesis.js';
import { escapeMarkdown } from '../../core/text/escape-markdown.js';
import type { Translate } from '../i18n/create-i18n.js';
import { fill, templateString, type SynthesisTemplate } from './template.js';

export interface RenderOptions {
  /** Time zone for the dates shown (the clock is UTC); default Europe/Paris. */
  readonly timeZone?: string;
}

/**
 * The synthesis as Markdown, in the template's locale. `t` translates the option labels (locales/); the synthesis'
 * own wording comes from the template. Everything that is not template text is escaped, so an answer cannot add a
 * heading, a link, an image or HTML.
 */
export function renderSynthesisMarkdown(synthesis: Synthesis, template: SynthesisTemplate, t: Translate, options: RenderOptions = {}): string {
  const words = (key: string, values: Record<string, string | number> = {}) => fill(templateString(template, key), values);
  const date = (iso: string) => escapeMarkdown(formatDate(iso, template.locale, options.timeZone));
  const label = (ref: MessageRef) => resolve(ref, template, t);

  const value = (v: SynthesisValue): string => {
    switch (v.kind) {
      case 'text':
        return words('quote', { text: escapeMarkdown(v.text) });
      case 'choice':
        return v.labels.map(label).join(', ');
      case 'scale':
        return words('scale', { value: v.value, max: v.max });
      case 'yesNo':
        return label(v.label);
      case 'date':
        return date(v.iso);
      case 'holland':
        return words('holland', { code: escapeMarkdown(v.code) });
      case 'skill': {
        const skill = escapeMarkdown(v.label);
        if (v.evidence.length === 0) return v.source === 'user' ? words('skillUser', { skill }) : skill;
        const evidence = v.evidence.map((e) => words('quote', { text: escapeMarkdown(e) })).join(' … ');
        return words('skillEvidence', { skill, evidence });
      }
      case 'occupation': {
        const names = (list: readonly string[]) => (list.length > 0 ? list.map(escapeMarkdown).join(', ') : words('none'));
        return words('occupation', { occupation: escapeMarkdown(v.label), code: escapeMarkdown(v.code), matched: names(v.matched), gaps: names(v.gaps) });
      }
      case 'step':
        return words('step', {
          action: v.action ? words('quote', { text: escapeMarkdown(v.action) }) : words('none'),
          horizon: v.horizon ? value(v.horizon) : words('none'),
          routes: v.routes ? value(v.routes) : words('none'),
        });
      case 'comment':
        return words('comment', { text: words('quote', { text: escapeMarkdown(v.text) }), date: date(v.at) });
    }
  };

  const line = (l: SynthesisLine) => words('line', { label: label(l.label), value: value(l.value), draft: words('draft') });
  const values: Record<string, string> = {
    title: words('title'),
    notice: words('notice'),
    generatedAt: words('generated', { date: date(synthesis.generatedAt) }),
    sources: sourcesNote(synthesis, words),
  };
  for (const [key, text] of template.strings) if (key.startsWith('sections.')) values[key] = text;
  for (const section of synthesis.sections) {
    values[`section.${section.id}`] = section.empty ? `*${words('empty')}*` : section.lines.map(line).join('\n');
  }
  return `${fill(template.body, values).replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function sourcesNote(synthesis: Synthesis, words: (key: string, values?: Record<string, string>) => string): string {
  const entries = Object.entries(synthesis.taxonomies);
  if (entries.length === 0) return '';
  return words('sources', { taxonomies: entries.map(([name, version]) => escapeMarkdown(`${name.toUpperCase()} ${version}`)).join(', ') });
}

/** A label: `synthesis:` keys from the template (params filled), `synthesis:raw` as the raw value, others from locales/. */
function resolve(ref: MessageRef, template: SynthesisTemplate, t: Translate): string {
  const params: Record<string, string | number> = {};
  for (const [name, p] of Object.entries(ref.params ?? {})) params[name] = typeof p === 'object' ? resolve(p, template, t) : p;
  if (ref.key === `${SYNTHESIS_NS}:raw`) return escapeMarkdown(String(params['value'] ?? ''));
  if (ref.key.startsWith(`${SYNTHESIS_NS}:`)) return fill(templateString(template, ref.key.slice(SYNTHESIS_NS.length + 1)), params);
  return escapeMarkdown(t(ref));
}

/** A date in the locale's long form, e.g. « 3 mars 2026 » / “March 3, 2026”. */
export function formatDate(iso: string, locale: string, timeZone = 'Europe/Paris'): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone }).format(new Date(iso));
}

export { escapeMarkdown };
