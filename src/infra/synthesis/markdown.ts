import type { MessageRef } from '../../core/messages.js';
import { condense } from '../../core/text/condense.js';
import { SYNTHESIS_NS, type SkillItem, type Synthesis, type SynthesisLine, type SynthesisValue } from '../../core/synthesis/synthesis.js';
import { escapeMarkdown } from '../../core/text/escape-markdown.js';
import type { Translate } from '../i18n/create-i18n.js';
import { fill, templateString, type SynthesisTemplate } from './template.js';

export interface RenderOptions {
  /** Time zone for the dates shown (the clock is UTC); default Europe/Paris. */
  readonly timeZone?: string;
  /** The label of a skill or occupation in the document's language (ESCO English labels); default: as stored. */
  readonly skillLabel?: (item: SkillItem) => string;
  /** The title of an occupation (ROME fiche code) in the document's language; default: as stored. */
  readonly occupationLabel?: (code: string, label: string) => string;
}

/**
 * The synthesis as Markdown, in the template's locale. `t` translates the option labels (locales/); the synthesis'
 * own wording comes from the template. Everything that is not template text is escaped, so an answer cannot add a
 * heading, a link, an image or HTML. The "draft" notice is said once, at the top.
 */
export function renderSynthesisMarkdown(synthesis: Synthesis, template: SynthesisTemplate, t: Translate, options: RenderOptions = {}): string {
  const words = (key: string, values: Record<string, string | number> = {}) => fill(templateString(template, key), values);
  const date = (iso: string) => escapeMarkdown(formatDate(iso, template.locale, options.timeZone));
  const label = (ref: MessageRef) => resolve(ref, template, t);
  const skill = (item: SkillItem) => escapeMarkdown(options.skillLabel?.(item) ?? item.label);
  // Skill labels hold commas (« Charger, décharger, manutentionner des produits »): the list uses its own separator.
  const skills = (items: readonly SkillItem[]) => (items.length > 0 ? items.map(skill).join(words('listSeparator')) : words('none'));
  const quote = (text: string) => words('quote', { text: escapeMarkdown(text) });

  const value = (v: SynthesisValue): string => {
    switch (v.kind) {
      case 'text':
        return quote(v.text);
      case 'choice':
        return v.labels.map(label).join(', ');
      case 'scale':
        return words('scale', { value: v.value, max: v.max });
      case 'yesNo':
        return label(v.label);
      case 'date':
        return date(v.iso);
      case 'holland':
        return words('holland', { code: escapeMarkdown(v.code), letters: v.code.split(/(?=.)/u).map((l) => words(`riasec.${l}`)).join(words('listSeparator')) });
      case 'jobs':
        return v.items.map((j) => escapeMarkdown(j.label) + (j.current ? words('currentJob') : '')).join(words('listSeparator'));
      case 'skills':
        return skills(v.items);
      case 'story': {
        const parts = v.text !== undefined ? [v.text] : [v.parts.situation, v.parts.actions, v.parts.result].filter((p): p is string => p !== undefined);
        const summary = parts.length > 0 ? parts.map((p) => escapeMarkdown(condense(p))).join(' → ') : escapeMarkdown(condense(v.parts.stakes ?? v.parts.difficulties ?? ''));
        return v.skills.length > 0 ? words('story', { summary, skills: skills(v.skills) }) : summary;
      }
      case 'occupation':
        return words('occupation', { occupation: escapeMarkdown(options.occupationLabel?.(v.code, v.label) ?? v.label), code: escapeMarkdown(v.code), matched: skills(v.matched), gaps: skills(v.gaps) });
      case 'step': {
        // What the person did not say is left out rather than shown as « — ».
        const when = v.dueBy ? words('dueBy', { date: date(`${v.dueBy}T12:00:00.000Z`) }) : v.horizon && value(v.horizon);
        const routes = v.routes && words('routes', { routes: value(v.routes) });
        return [v.action ? escapeMarkdown(v.action) : words('none'), when, routes].filter(Boolean).join(' · ');
      }
      case 'conflict':
        return words(`conflicts.${v.conflict}`);
      case 'unsure':
        return words('unsure');
      case 'comment':
        return words('comment', { text: quote(v.text), date: date(v.at) });
    }
  };

  const line = (l: SynthesisLine) => words('line', { label: label(l.label), value: value(l.value) });
  const values: Record<string, string> = {
    title: words('title'),
    notice: words('notice'),
    generatedAt: words(synthesis.edited ? 'generatedEdited' : 'generated', { date: date(synthesis.generatedAt) }),
    sources: words('sources', { versions: versions(synthesis) }),
  };
  for (const [key, text] of template.strings) if (key.startsWith('sections.')) values[key] = text;
  for (const section of synthesis.sections) {
    values[`section.${section.id}`] = section.empty ? `*${words('empty')}*` : section.lines.map(line).join('\n');
  }
  return `${fill(template.body, values).replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function versions(synthesis: Synthesis): string {
  return Object.entries(synthesis.taxonomies)
    .map(([name, version]) => escapeMarkdown(`${name.toUpperCase()} ${version}`))
    .join(', ');
}

/** A label: `synthesis:` keys from the template (params filled), `synthesis:raw` as the raw value, others from locales/. */
function resolve(ref: MessageRef, template: SynthesisTemplate, t: Translate): string {
  const params = Object.fromEntries(Object.entries(ref.params ?? {}).map(([k, v]) => [k, typeof v === 'object' ? resolve(v, template, t) : v]));
  if (ref.key === `${SYNTHESIS_NS}:raw`) return escapeMarkdown(String(params['value'] ?? ''));
  if (ref.key.startsWith(`${SYNTHESIS_NS}:`)) return fill(templateString(template, ref.key.slice(SYNTHESIS_NS.length + 1)), params);
  return escapeMarkdown(t(ref));
}

/** A date in the locale's long form, e.g. « 3 mars 2026 » / “3 March 2026”. */
export function formatDate(iso: string, locale: string, timeZone = 'Europe/Paris'): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone }).format(new Date(iso));
}

export { escapeMarkdown };
