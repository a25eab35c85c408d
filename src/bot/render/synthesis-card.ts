import { msg } from '../../core/messages.js';
import type { SkillItem, Synthesis, SynthesisValue } from '../../core/synthesis/synthesis.js';
import { condense } from '../../core/text/condense.js';
import type { Translate } from '../../infra/i18n/create-i18n.js';
import { textBlock, type CardElement } from './adaptive-card.js';

type Section = Synthesis['sections'][number];

/** Longest value shown on a card; the full text is in the downloadable document. */
const MAX_VALUE_CHARS = 280;

/**
 * The synthesis sections as card elements, under `header` (which carries the one "draft" notice): a numbered heading
 * (as in the document) and a FactSet per section. Every value is escaped: the person's words cannot format the card.
 */
export function synthesisBody(sections: readonly Section[], t: Translate, header: CardElement[]): CardElement[] {
  const body = [...header];
  for (const section of sections) {
    body.push(textBlock(t(section.heading), 'title'));
    const facts = section.lines.map((line) => ({ title: escapeCardText(t(line.label)), value: escapeCardText(shorten(describeValue(line.value, t))) }));
    body.push(facts.length > 0 ? { type: 'FactSet', facts } : textBlock(t(msg('common:sharing.nothingYet')), 'subtle'));
  }
  return body;
}

function shorten(text: string): string {
  return text.length <= MAX_VALUE_CHARS ? text : `${text.slice(0, MAX_VALUE_CHARS - 1)}…`;
}

/** Characters Teams' card Markdown reads as formatting, links or HTML. */
const CARD_SPECIALS = /[\\`*_[\]()<>#~|!]/g;

/** Text shown literally in a card's TextBlock or FactSet (the person's words, never formatting). */
export function escapeCardText(text: string): string {
  return text.replace(CARD_SPECIALS, (c) => `\\${c}`).replace(/^(\s*)([-+]|\d+\.)\s/gm, '$1\\$2 ');
}

/** A synthesis value as one line of plain text in `t`'s language. */
export function describeValue(value: SynthesisValue, t: Translate): string {
  const skills = (items: readonly SkillItem[]) => items.map((s) => s.label).join(', ');
  switch (value.kind) {
    case 'text':
      return value.text;
    case 'choice':
      return value.labels.map((l) => t(l)).join(', ');
    case 'scale':
      return `${value.value} / ${value.max}`;
    case 'yesNo':
      return t(value.label);
    case 'date':
      return value.iso.slice(0, 10);
    case 'holland':
      return `${value.code} — ${value.code.split(/(?=.)/u).map((l) => t(msg(`synthesis:riasec.${l}`))).join(' ; ')}`;
    case 'skills':
      return skills(value.items);
    case 'story':
      return value.text ?? [value.parts.situation, value.parts.actions, value.parts.result].filter((p): p is string => p !== undefined).map((p) => condense(p)).join(' → ');
    case 'occupation':
      return value.label;
    case 'step':
      return [value.action, value.dueBy ?? (value.horizon && describeValue(value.horizon, t))].filter(Boolean).join(' — ');
    case 'conflict':
      return t(msg(`synthesis:conflicts.${value.conflict}`));
    case 'unsure':
      return t(msg('synthesis:unsure'));
    case 'comment':
      return value.text;
  }
}
