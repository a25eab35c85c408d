import { msg } from '../../core/messages.js';
import type { SkillItem, Synthesis, SynthesisValue } from '../../core/synthesis/synthesis.js';
import { condense } from '../../core/text/condense.js';
import type { Translate } from '../../infra/i18n/create-i18n.js';
import { textBlock, userText, type CardElement } from './adaptive-card.js';

type Section = Synthesis['sections'][number];

/** Longest value shown on a card; the full text is in the downloadable document. */
const MAX_VALUE_CHARS = 280;

/**
 * Bytes of facts one card carries at most: Teams refuses a card over 28 KB, and the headings, notices and buttons
 * around the facts take a few more. What does not fit is counted on the card and is in the document.
 */
export const MAX_FACT_BYTES = 22 * 1024;

/**
 * The synthesis sections as card elements, under `header` (which carries the one "draft" notice): a numbered heading
 * (as in the document) and a FactSet per section. What the person typed is escaped: their words cannot format the card.
 */
export function synthesisBody(sections: readonly Section[], t: Translate, header: CardElement[]): CardElement[] {
  const body = [...header];
  let room = MAX_FACT_BYTES;
  let left = 0;
  for (const section of sections) {
    body.push(textBlock(t(section.heading), 'title'));
    const facts: { title: string; value: string }[] = [];
    for (const line of section.lines) {
      const fact = { title: t(line.label), value: shorten(describeValue(line.value, t, (typed) => userText(shorten(typed)))) };
      const bytes = Buffer.byteLength(JSON.stringify(fact));
      if (bytes > room) {
        left++;
        continue;
      }
      room -= bytes;
      facts.push(fact);
    }
    body.push(facts.length > 0 ? { type: 'FactSet', facts } : textBlock(t(msg('common:sharing.nothingYet')), 'subtle'));
  }
  if (left > 0) body.push(textBlock(t(msg('common:synthesis.moreInDocument', { count: left })), 'subtle'));
  return body;
}

function shorten(text: string): string {
  return text.length <= MAX_VALUE_CHARS ? text : `${text.slice(0, MAX_VALUE_CHARS - 1)}…`;
}

/**
 * A synthesis value as one line of text in `t`'s language; what the person typed goes through `typed` (a card
 * escapes it, since Teams renders card text as Markdown).
 */
export function describeValue(value: SynthesisValue, t: Translate, typed: (text: string) => string = (text) => text): string {
  const skills = (items: readonly SkillItem[]) => items.map((s) => typed(s.label)).join(', ');
  switch (value.kind) {
    case 'text':
      return typed(value.text);
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
    case 'jobs':
      return value.items.map((j) => typed(j.label) + (j.current ? t(msg('synthesis:currentJob')) : '')).join(', ');
    case 'skills':
      return skills(value.items);
    case 'story':
      return typed(value.text ?? [value.parts.situation, value.parts.actions, value.parts.result].filter((p): p is string => p !== undefined).map((p) => condense(p)).join(' → '));
    case 'occupation':
      return typed(value.label);
    case 'step':
      return [value.action && typed(value.action), value.dueBy ?? (value.horizon && describeValue(value.horizon, t, typed))].filter(Boolean).join(' — ');
    case 'conflict':
      return t(msg(`synthesis:conflicts.${value.conflict}`));
    case 'unsure':
      return t(msg('synthesis:unsure'));
    case 'comment':
      return typed(value.text);
  }
}
