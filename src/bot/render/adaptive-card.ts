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

export function textBlock(text: string, style: 'title' | 'body' | 'subtle' = 'body'): CardElement {
  const styling = style === 'title' ? { weight: 'Bolder' } : style === 'subtle' ? { isSubtle: true, size: 'Small' } : {};
  return { type: 'TextBlock', text, wrap: true, ...styling };
}

export function submit(title: string, data: Record<string, unknown>, withInputs = true): CardElement {
  return { type: 'Action.Submit', title, data, ...(withInputs ? {} : { associatedInputs: 'none' }) };
}

export function choiceSet(id: string, choices: { title: string; value: string }[], multiSelect: boolean, label: string): CardElement {
  return { type: 'Input.ChoiceSet', id, style: 'expanded', isMultiSelect: multiSelect, label, choices };
}

/**
 * Text a person typed (an answer, a skill in their words, a comment), made literal for a TextBlock or a FactSet,
 * which Teams renders as Markdown: on one line, with the synthesis document's escaping (no link, no emphasis).
 */
export function userText(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' ').trim());
}
