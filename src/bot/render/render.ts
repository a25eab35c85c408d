import { ActivityTypes, CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { EngineOutput, OfferedCommand } from '../../core/flow/engine-io.js';
import { msg } from '../../core/messages.js';
import { card, primary, submit, textBlock, typeset } from './adaptive-card.js';
import type { MessageRef } from '../../core/messages.js';
import type { Translate } from '../../infra/i18n/create-i18n.js';
import type { AdaptiveCard } from './adaptive-card.js';
import { promptCard } from './question-cards.js';
import { resultCard } from './result-cards.js';

/** Teams rejects bot messages over 100 KB (UTF-16); text is split well below that. */
const MAX_TEXT_CHARS = 20_000;

/** Turns engine outputs into Teams activities: consecutive messages become one, prompts become cards. */
export function renderOutputs(outputs: readonly EngineOutput[], t: Translate): Partial<Activity>[] {
  const activities: Partial<Activity>[] = [];
  let pending: MessageRef[] = [];
  const flush = () => {
    if (pending.length > 0) activities.push(...textActivities(pending.map(t).join('\n\n')));
    pending = [];
  };
  for (const output of outputs) {
    if (output.type === 'message') {
      pending.push(output.message);
      continue;
    }
    flush();
    if (output.type === 'offer') {
      activities.push(cardActivity(offerCard(output.message, output.actions, t)));
      continue;
    }
    const shown = output.type === 'results' || output.type === 'derivedFactors' ? resultCard(output, t) : promptCard(output, t);
    activities.push(cardActivity(shown));
  }
  flush();
  return activities;
}

/** Sends `activities` in order; nothing at all when there is nothing to send (botbuilder throws on an empty list). */
export async function sendAll(context: TurnContext, activities: readonly Partial<Activity>[]): Promise<void> {
  if (activities.length > 0) await context.sendActivities([...activities]);
}

/** A message and the commands offered with it, the first as the primary button. */
function offerCard(message: MessageRef, actions: readonly OfferedCommand[], t: Translate): AdaptiveCard {
  return card(
    [textBlock(t(message))],
    actions.map((command, i) => {
      const button = submit(t(msg(`common:offer.${command}`)), { bilan: 'command', command }, false);
      return i === 0 ? primary(button) : button;
    }),
  );
}

export function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] };
}

/** One or more text messages, split on paragraph boundaries so none exceeds Teams' size limit. */
export function textActivities(text: string): Partial<Activity>[] {
  return splitText(typeset(text), MAX_TEXT_CHARS).map((part) => ({ type: ActivityTypes.Message, text: part, textFormat: 'markdown' }));
}

export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf('\n', max);
    const at = cut > max / 2 ? cut : max;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n+/, '');
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
