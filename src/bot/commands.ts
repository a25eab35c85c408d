import type { BilanService } from '../core/bilan/bilan-service.js';
import { LOCALES, toLocale, type Locale } from '../core/locale.js';
import { msg } from '../core/messages.js';
import { KeywordSet, foldForMatching } from '../core/text/normalize.js';
import type { SharingService } from '../core/sharing/sharing-service.js';
import type { Translations } from '../infra/i18n/create-i18n.js';
import { languageNamed, textAfterKeyword } from './commands/command-arguments.js';
import { sayTo, type CommandTurn } from './commands/command-turn.js';
import { SharingCommands } from './commands/sharing-commands.js';
import { statusMessages } from './commands/status-messages.js';
import { SynthesisCommands } from './commands/synthesis-commands.js';
import type { FlowTurns } from './flow-turns.js';
import { card, submit, textBlock } from './render/adaptive-card.js';
import { cardActivity, renderOutputs, sendAll } from './render/render.js';
import type { CommandPayload, SynthesisEditPayload } from './submit-payload.js';
import type { SynthesisDownloads } from './synthesis/synthesis-downloads.js';
import { turnLanguage } from './turn-locale.js';
import type { DataRights } from './rights/data-rights.js';

export type { CommandTurn } from './commands/command-turn.js';

/**
 * Every command a user can type in their chat with the bot, in the order they are tried (the first whose words match
 * wins): `aide` lists them all, the Teams menu (appPackage/manifest.json) ten of them.
 */
export const COMMAND_NAMES = [
  'help', 'pause', 'resume', 'restart', 'status', 'language', 'synthesis', 'editSynthesis', 'share', 'unshare', 'stopReminders', 'comment',
  'myData', 'deleteMyData', 'keepOneYear', 'dontKeep',
] as const;

type CommandName = (typeof COMMAND_NAMES)[number];

interface Command {
  readonly name: CommandName;
  readonly handle: (turn: CommandTurn, argument: string) => Promise<void>;
}

/**
 * The commands a user can type at any point, in French or English ("aide", "help", "où j'en suis"…).
 * Their words live in locales/<lng>/common.json under commands.<name>.keywords.
 */
export class Commands {
  private readonly table: readonly { command: Command; words: KeywordSet; prefixes: string[] }[];
  private readonly synthesis: SynthesisCommands;
  private readonly sharing: SharingCommands;

  constructor(
    private readonly service: BilanService,
    private readonly flow: FlowTurns,
    translations: Translations,
    downloads: SynthesisDownloads,
    sharing: SharingService,
    private readonly rights: DataRights,
  ) {
    this.synthesis = new SynthesisCommands(service, downloads, sharing);
    this.sharing = new SharingCommands(sharing);
    const handlers: Record<CommandName, Command['handle']> = {
      help: (turn) => sayTo(turn, msg('common:commands.help.reply')),
      pause: (turn) => this.pause(turn),
      resume: (turn) => this.resume(turn),
      restart: (turn) => this.askRestart(turn),
      status: (turn) => this.status(turn),
      language: (turn, argument) => this.language(turn, argument),
      synthesis: (turn) => this.synthesis.links(turn),
      editSynthesis: (turn) => this.synthesis.edit(turn),
      share: (turn) => this.sharing.ask(turn),
      unshare: (turn) => this.sharing.unshare(turn),
      stopReminders: (turn) => this.stopReminders(turn),
      comment: (turn, argument) => this.synthesis.comment(turn, argument),
      myData: (turn) => this.rights.exportData(turn),
      deleteMyData: (turn) => this.rights.askErase(turn),
      keepOneYear: (turn) => this.rights.askExtend(turn),
      dontKeep: (turn) => this.rights.revokeExtension(turn),
    };
    this.table = COMMAND_NAMES.map((name) => {
      const words = translations.keywords(`common:commands.${name}.keywords`);
      return { command: { name, handle: handlers[name] }, words: new KeywordSet(words), prefixes: words.map(foldForMatching) };
    });
  }

  /** Runs the command the text names, if it names one. Only "language" takes an argument ("langue en"). */
  async tryRun(turn: CommandTurn, text: string): Promise<boolean> {
    const folded = foldForMatching(text);
    for (const { command, words, prefixes } of this.table) {
      if (words.matchesFolded(folded)) return command.handle(turn, '').then(() => true);
      if (command.name === 'language') {
        const prefix = prefixes.find((p) => folded.startsWith(`${p} `));
        if (prefix) return command.handle(turn, folded.slice(prefix.length + 1)).then(() => true);
      }
      if (command.name === 'comment') {
        const comment = textAfterKeyword(text, prefixes);
        if (comment !== undefined) return command.handle(turn, comment).then(() => true);
      }
    }
    return false;
  }

  /** Handles a command card button (restart confirmation, language choice). */
  async runSubmit(turn: CommandTurn, payload: CommandPayload): Promise<void> {
    switch (payload.command) {
      case 'restartConfirm':
        return this.restart(turn);
      case 'restartCancel':
        await sayTo(turn, msg('common:commands.restart.cancelled'));
        return this.showCurrentPrompt(turn);
      case 'setLanguage':
        return this.setLanguage(turn, toLocale(payload.locale));
      case 'shareConfirm':
        return this.sharing.share(turn);
      case 'shareCancel':
        return sayTo(turn, msg('common:sharing.cancelled'));
      case 'resume':
        return this.resume(turn);
      case 'stopReminders':
        return this.stopReminders(turn);
      case 'eraseConfirm':
        return this.rights.erase(turn);
      case 'eraseCancel':
        return this.rights.cancelErase(turn);
      case 'keepConfirm':
        return this.rights.extend(turn);
      case 'keepCancel':
        return this.rights.cancelExtend(turn);
      case 'pause':
        return this.pause(turn);
      case 'later':
        return sayTo(turn, msg('common:offer.laterDone'));
      case 'synthesis':
        return this.synthesis.links(turn);
      case 'commentConfirm':
        return this.synthesis.comment(turn, (payload.comment ?? '').trim(), true);
      case 'commentCancel':
        return sayTo(turn, msg('common:synthesis.commentCheck.dropped'));
    }
  }

  /** Saves what the synthesis edit card asks for. */
  saveSynthesisEdits(turn: CommandTurn, payload: SynthesisEditPayload): Promise<void> {
    return this.synthesis.saveEdits(turn, payload);
  }

  private async pause(turn: CommandTurn): Promise<void> {
    const paused = await this.service.pause(turn.userId);
    await sayTo(turn, msg(paused ? 'common:commands.pause.done' : 'common:commands.pause.nothing'));
  }

  private resume(turn: CommandTurn): Promise<void> {
    return this.flow.startOrResume(turn.context, turn.userId);
  }

  private async restart(turn: CommandTurn): Promise<void> {
    await this.sharing.withdrawBeforeRestart(turn);
    return this.flow.restart(turn.context, turn.userId);
  }

  private async askRestart(turn: CommandTurn): Promise<void> {
    const { t } = turnLanguage(turn.context);
    await turn.context.sendActivity(
      cardActivity(
        card(
          [textBlock(t(msg('common:commands.restart.confirm')))],
          [
            submit(t(msg('common:commands.restart.yes')), { bilan: 'command', command: 'restartConfirm' }, false),
            submit(t(msg('common:commands.restart.no')), { bilan: 'command', command: 'restartCancel' }, false),
          ],
        ),
      ),
    );
  }

  private async status(turn: CommandTurn): Promise<void> {
    const status = await this.service.status(turn.userId);
    await sayTo(turn, ...statusMessages(status));
  }

  private async language(turn: CommandTurn, argument: string): Promise<void> {
    const chosen = argument ? languageNamed(argument) : undefined;
    if (chosen) return this.setLanguage(turn, chosen);
    const { t } = turnLanguage(turn.context);
    const buttons = LOCALES.map((l) => submit(t(msg(`common:languages.${l}`)), { bilan: 'command', command: 'setLanguage', locale: l }, false));
    await turn.context.sendActivity(cardActivity(card([textBlock(t(msg('common:commands.language.choose')))], buttons)));
  }

  private async stopReminders(turn: CommandTurn): Promise<void> {
    await this.service.stopReminders(turn.userId);
    await sayTo(turn, msg('common:reminders.stopped'));
  }

  private async setLanguage(turn: CommandTurn, locale: Locale | undefined): Promise<void> {
    if (!locale) return sayTo(turn, msg('common:commands.language.unchanged'));
    await this.service.setLocale(turn.userId, locale);
    turn.relocalize(locale);
    await sayTo(turn, msg('common:commands.language.changed', { language: msg(`common:languages.${locale}`) }));
    await this.showCurrentPrompt(turn);
  }

  private async showCurrentPrompt(turn: CommandTurn): Promise<void> {
    const { t, locale } = turnLanguage(turn.context);
    const current = await this.service.currentPrompt(turn.userId, locale);
    await sendAll(turn.context, renderOutputs(current.outputs, t));
  }
}
