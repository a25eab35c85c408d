import { msg } from '../../core/messages.js';
import type { Synthesis, SynthesisValue } from '../../core/synthesis/synthesis.js';
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

/** The synthesis sections as card elements, under `header`: a heading and a FactSet per section. */
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
      return value.code;
    case 'skill':
      return typed(value.label);
    case 'occupation':
      return typed(value.label);
    case 'step':
      return [value.action && typed(value.action), value.horizon && describeValue(value.horizon, t, typed)].filter(Boolean).join(' — ');
    case 'comment':
      return typed(value.text);
  }
}
