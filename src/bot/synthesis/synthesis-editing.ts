import { msg } from '../../core/messages.js';
import { editableItems, MAX_REWORDING_CHARS, type EditableItem } from '../../core/synthesis/synthesis-edits.js';
import type { Synthesis } from '../../core/synthesis/synthesis.js';
import type { Translate } from '../../infra/i18n/create-i18n.js';
import { card, submit, textBlock, type AdaptiveCard, type CardElement } from '../render/adaptive-card.js';
import { describeValue } from '../render/synthesis-card.js';

/** What the person can edit in their synthesis as it stands (their earlier edits applied). */
export function itemsOf(synthesis: Synthesis, t: Translate): EditableItem[] {
  return editableItems(
    synthesis.sections.flatMap((s) => s.lines),
    (story) => describeValue(story, t),
  );
}

/** « modifier ma synthèse »: each skill, achievement and step as a text box to reword, with a box to remove it. */
export function editCard(items: readonly EditableItem[], t: Translate): AdaptiveCard {
  const body: CardElement[] = [textBlock(t(msg('common:synthesisEdit.title')), 'title'), textBlock(t(msg('common:synthesisEdit.intro')), 'subtle')];
  for (const item of items) {
    body.push(
      { type: 'Input.Text', id: `text:${item.id}`, value: item.text, maxLength: MAX_REWORDING_CHARS, isMultiline: item.kind !== 'skill', label: t(msg(`common:synthesisEdit.kind.${item.kind}`)) },
      { type: 'Input.Toggle', id: `remove:${item.id}`, title: t(msg('common:synthesisEdit.remove')), value: 'false', valueOn: 'true', valueOff: 'false' },
    );
  }
  return card(body, [submit(t(msg('common:synthesisEdit.save')), { bilan: 'synthesisEdit' })]);
}

/** The edits a submitted card asks for: items ticked "remove", and texts that differ from what was shown. */
export function editsFrom(items: readonly EditableItem[], values: Readonly<Record<string, unknown>>): { removed: string[]; reworded: Record<string, string> } {
  const removed: string[] = [];
  const reworded: Record<string, string> = {};
  for (const item of items) {
    if (values[`remove:${item.id}`] === 'true') removed.push(item.id);
    const text = values[`text:${item.id}`];
    if (typeof text !== 'string') continue;
    const trimmed = text.trim().slice(0, MAX_REWORDING_CHARS);
    if (trimmed.length > 0 && trimmed !== item.text && !removed.includes(item.id)) reworded[item.id] = trimmed;
  }
  return { removed, reworded };
}
