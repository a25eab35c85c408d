import { msg } from '../../core/messages.js';
import type { SharingService } from '../../core/sharing/sharing-service.js';
import { card, submit, textBlock } from '../render/adaptive-card.js';
import { cardActivity } from '../render/render.js';
import { turnLanguage } from '../turn-locale.js';
import { sayTo, type CommandTurn } from './command-turn.js';

/** « partager » and « ne plus partager »: the summary sent to the counsellor, only with the user's explicit agreement. */
export class SharingCommands {
  constructor(private readonly sharing: SharingService) {}

  /** A card says what goes to whom, and nothing happens without "yes". */
  async ask(turn: CommandTurn): Promise<void> {
    const { t } = turnLanguage(turn.context);
    const body = [textBlock(t(msg('common:sharing.confirmTitle')), 'title'), textBlock(t(msg('common:sharing.confirmWhat')))];
    const actions = [
      submit(t(msg('common:sharing.yes')), { bilan: 'command', command: 'shareConfirm' }, false),
      submit(t(msg('common:sharing.no')), { bilan: 'command', command: 'shareCancel' }, false),
    ];
    await turn.context.sendActivity(cardActivity(card(body, actions)));
  }

  async share(turn: CommandTurn): Promise<void> {
    const outcome = await this.sharing.share(turn.userId, turnLanguage(turn.context).locale);
    await sayTo(turn, msg(`common:sharing.outcome.${outcome}`));
  }

  async unshare(turn: CommandTurn): Promise<void> {
    const outcome = await this.sharing.revoke(turn.userId);
    await sayTo(turn, msg(`common:sharing.outcome.${outcome}`));
  }

  /** Before a restart: the summary shared with the counsellor described the bilan about to be erased, it is withdrawn. */
  async withdrawBeforeRestart(turn: CommandTurn): Promise<void> {
    const unshared = await this.sharing.revoke(turn.userId);
    if (unshared !== 'nothingShared') await sayTo(turn, msg(unshared === 'revoked' ? 'common:commands.restart.unshared' : 'common:commands.restart.unsharedPending'));
  }
}
