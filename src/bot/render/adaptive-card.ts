import { escapeMarkdown } from '../../core/text/escape-markdown.js';

/** Adaptive Card JSON helpers, version 1.5 (the highest Teams renders for bots). */
export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: string;
  readonly version: '1.5';
  readonly body: CardElement[];
  readonly actions?: CardElement[];
}

export function card(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

/**
 * French typography, in one place: a non-breaking space before « ? ! : ; » » and after « «, so that a « ? » never
 * lands alone on a new line. Harmless in English, which puts no space there.
 */
export function typeset(text: string): string {
  return text.replace(/ ([?!:;»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}

export function textBlock(text: string, style: 'title' | 'body' | 'subtle' = 'body'): CardElement {
  const styling = style === 'title' ? { weight: 'Bolder' } : style === 'subtle' ? { isSubtle: true, size: 'Small' } : {};
  return { type: 'TextBlock', text: typeset(text), wrap: true, ...styling };
}

export function submit(title: string, data: Record<string, unknown>, withInputs = true): CardElement {
  return { type: 'Action.Submit', title: typeset(title), data, ...(withInputs ? {} : { associatedInputs: 'none' }) };
}

/** The card's main action, highlighted (one per card). */
export function primary(action: CardElement): CardElement {
  return { ...action, style: 'positive' };
}

/** A hidden part of the card and the button that shows or hides it (Action.ToggleVisibility). */
export function toggled(id: string, title: string, items: CardElement[]): CardElement[] {
  return [
    { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: typeset(title), targetElements: [id] }] },
    { type: 'Container', id, isVisible: false, items },
  ];
}

export function choiceSet(id: string, choices: { title: string; value: string }[], multiSelect: boolean, label: string): CardElement {
  const typeset_ = choices.map((c) => ({ ...c, title: typeset(c.title) }));
  return { type: 'Input.ChoiceSet', id, style: 'expanded', isMultiSelect: multiSelect, label: typeset(label), choices: typeset_ };
}

/**
 * Text a person typed (an answer, a skill in their words, a comment), made literal for a TextBlock or a FactSet,
 * which Teams renders as Markdown: on one line, with the synthesis document's escaping (no link, no emphasis).
 */
export function userText(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' ').trim());
}
