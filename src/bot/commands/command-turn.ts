import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../core/locale.js';
import type { MessageRef } from '../../core/messages.js';
import { textActivities } from '../render/render.js';
import { turnLanguage } from '../turn-locale.js';

/** What a command needs for one turn. */
export interface CommandTurn {
  readonly context: TurnContext;
  readonly userId: string;
  /** When the user was asked to confirm the deletion of their data, if the question is open. */
  readonly erasureAskedAt: string | undefined;
  /** Re-resolves the turn's language after the user changed it. */
  readonly relocalize: (saved: Locale) => void;
}

/** Sends `messages` in the turn's language, as one text message. */
export async function sayTo(turn: CommandTurn, ...messages: MessageRef[]): Promise<void> {
  const { t } = turnLanguage(turn.context);
  await turn.context.sendActivities(textActivities(messages.map((m) => t(m)).join('\n\n')));
}
