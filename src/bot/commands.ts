import type { TurnContext } from 'botbuilder';
import type { BilanService } from '../core/bilan/bilan-service.js';
import type { BilanStatus } from '../core/bilan/bilan-status.js';
import { LOCALES, toLocale, type Locale } from '../core/locale.js';
import { msg, type MessageRef } from '../core/messages.js';
import { KeywordSet, foldForMatching } from '../core/text/normalize.js';
import type { Translations } from '../infra/i18n/create-i18n.js';
import type { FlowTurns } from './flow-turns.js';
import { card, submit, textBlock } from './render/adaptive-card.js';
import { cardActivity, renderOutputs, sendAll, textActivities } from './render/render.js';
import { sensitiveCommentCard } from './render/sensitive-card.js';
import { MAX_COMMENT_CHARS, type CommandPayload, type SynthesisEditPayload } from './submit-payload.js';
import { editCard, editsFrom, itemsOf } from './synthesis/synthesis-editing.js';
import type { SynthesisDownloads, SynthesisFormat } from './synthesis/synthesis-downloads.js';
import type { SharingService } from '../core/sharing/sharing-service.js';
import { turnLanguage } from './turn-locale.js';
import type { DataRights } from './rights/data-rights.js';

/** What a command needs for one turn. */
export interface CommandTurn {
  readonly context: TurnContext;
  readonly userId: string;
  /** When the user was asked to confirm the deletion of their data, if the question is open. */
  readonly erasureAskedAt: string | undefined;
  /** Re-resolves the turn's language after the user changed it. */
  readonly relocalize: (saved: Locale) => void;
}

interface Command {
  readonly name:
    | 'help' | 'pause' | 'resume' | 'restart' | 'status' | 'language' | 'synthesis' | 'editSynthesis' | 'share' | 'unshare' | 'stopReminders' | 'comment'
    | 'myData' | 'deleteMyData' | 'keepOneYear' | 'dontKeep';
  readonly handle: (turn: CommandTurn, argument: string) => Promise<void>;
}

/**
 * The commands a user can type at any point, in French or English ("aide", "help", "où j'en suis"…).
 * Their words live in locales/<lng>/common.json under commands.<name>.keywords.
 */
export class Commands {
  private readonly table: readonly { command: Command; words: KeywordSet; prefixes: string[] }[];

  constructor(
    private readonly service: BilanService,
    private readonly flow: FlowTurns,
    translations: Translations,
    private readonly downloads: SynthesisDownloads,
    private readonly sharing: SharingService,
    private readonly rights: DataRights,
  ) {
    const commands: Command[] = [
      { name: 'help', handle: (turn) => this.say(turn, msg('common:commands.help.reply')) },
      { name: 'pause', handle: (turn) => this.pause(turn) },
      { name: 'resume', handle: (turn) => this.resume(turn) },
      { name: 'restart', handle: (turn) => this.askRestart(turn) },
      { name: 'status', handle: (turn) => this.status(turn) },
      { name: 'language', handle: (turn, argument) => this.language(turn, argument) },
      { name: 'synthesis', handle: (turn) => this.synthesis(turn) },
      { name: 'editSynthesis', handle: (turn) => this.editSynthesis(turn) },
      { name: 'share', handle: (turn) => this.askShare(turn) },
      { name: 'unshare', handle: (turn) => this.unshare(turn) },
      { name: 'stopReminders', handle: (turn) => this.stopReminders(turn) },
      { name: 'comment', handle: (turn, argument) => this.comment(turn, argument) },
      { name: 'myData', handle: (turn) => this.rights.exportData(turn) },
      { name: 'deleteMyData', handle: (turn) => this.rights.askErase(turn) },
      { name: 'keepOneYear', handle: (turn) => this.rights.askExtend(turn) },
      { name: 'dontKeep', handle: (turn) => this.rights.revokeExtension(turn) },
    ];
    this.table = commands.map((command) => {
      const words = translations.keywords(`common:commands.${command.name}.keywords`);
      return { command, words: new KeywordSet(words), prefixes: words.map(foldForMatching) };
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
        await this.say(turn, msg('common:commands.restart.cancelled'));
        return this.showCurrentPrompt(turn);
      case 'setLanguage':
        return this.setLanguage(turn, toLocale(payload.locale));
      case 'shareConfirm':
        return this.share(turn);
      case 'shareCancel':
        return this.say(turn, msg('common:sharing.cancelled'));
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
        return this.say(turn, msg('common:offer.laterDone'));
      case 'synthesis':
        return this.synthesis(turn);
      case 'commentConfirm':
        return this.comment(turn, (payload.comment ?? '').trim(), true);
      case 'commentCancel':
        return this.say(turn, msg('common:synthesis.commentCheck.dropped'));
    }
  }

  private async pause(turn: CommandTurn): Promise<void> {
    const paused = await this.service.pause(turn.userId);
    await this.say(turn, msg(paused ? 'common:commands.pause.done' : 'common:commands.pause.nothing'));
  }

  private resume(turn: CommandTurn): Promise<void> {
    return this.flow.startOrResume(turn.context, turn.userId);
  }

  /** The summary shared with the counsellor described the bilan about to be erased: it is withdrawn first. */
  private async restart(turn: CommandTurn): Promise<void> {
    const unshared = await this.sharing.revoke(turn.userId);
    if (unshared !== 'nothingShared') await this.say(turn, msg(unshared === 'revoked' ? 'common:commands.restart.unshared' : 'common:commands.restart.unsharedPending'));
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
    await this.say(turn, ...statusMessages(status));
  }

  private async language(turn: CommandTurn, argument: string): Promise<void> {
    const chosen = argument ? languageNamed(argument) : undefined;
    if (chosen) return this.setLanguage(turn, chosen);
    const { t } = turnLanguage(turn.context);
    const buttons = LOCALES.map((l) => submit(t(msg(`common:languages.${l}`)), { bilan: 'command', command: 'setLanguage', locale: l }, false));
    await turn.context.sendActivity(cardActivity(card([textBlock(t(msg('common:commands.language.choose')))], buttons)));
  }

  /** Personal links to the draft synthesis, as PDF and Markdown (built when clicked), and the way to the tab. */
  private async synthesis(turn: CommandTurn): Promise<void> {
    if (!(await this.downloads.available(turn.userId))) return this.say(turn, msg('common:synthesis.nothing'));
    const { t, locale } = turnLanguage(turn.context);
    const open = async (format: SynthesisFormat) => ({ type: 'Action.OpenUrl', title: t(msg(`common:synthesis.${format}`)), url: await this.downloads.link(turn.userId, locale, format) });
    // Only the links and where to read it: the content stays out of the Teams history (domain.md §0.5).
    const body = [textBlock(t(msg('common:synthesis.title')), 'title'), textBlock(t(msg('common:synthesis.notice')), 'subtle'), textBlock(t(msg('common:synthesis.where')))];
    await turn.context.sendActivity(cardActivity(card(body, [await open('pdf'), await open('md')])));
  }

  /** « modifier ma synthèse »: a card to reword or remove each skill, achievement and step, before anyone sees them. */
  private async editSynthesis(turn: CommandTurn): Promise<void> {
    const synthesis = await this.downloads.synthesisOf(turn.userId);
    if (!synthesis) return this.say(turn, msg('common:synthesis.nothing'));
    const { t } = turnLanguage(turn.context);
    const items = itemsOf(synthesis, t);
    if (items.length === 0) return this.say(turn, msg('common:synthesisEdit.nothing'));
    await turn.context.sendActivity(cardActivity(editCard(items, t)));
  }

  /** Saves what the edit card asks for, against the synthesis as it stands now. */
  async saveSynthesisEdits(turn: CommandTurn, payload: SynthesisEditPayload): Promise<void> {
    const synthesis = await this.downloads.synthesisOf(turn.userId);
    if (!synthesis) return this.say(turn, msg('common:synthesis.nothing'));
    const { removed, reworded } = editsFrom(itemsOf(synthesis, turnLanguage(turn.context).t), payload);
    if (removed.length === 0 && Object.keys(reworded).length === 0) return this.say(turn, msg('common:synthesisEdit.unchanged'));
    await this.service.editSynthesis(turn.userId, removed, reworded);
    await this.say(turn, msg('common:synthesisEdit.saved', { removed: removed.length, reworded: Object.keys(reworded).length }));
  }

  /** Sharing needs the user's explicit agreement: a card says what goes to whom, and nothing happens without "yes". */
  private async askShare(turn: CommandTurn): Promise<void> {
    const { t } = turnLanguage(turn.context);
    const body = [textBlock(t(msg('common:sharing.confirmTitle')), 'title'), textBlock(t(msg('common:sharing.confirmWhat')))];
    const actions = [
      submit(t(msg('common:sharing.yes')), { bilan: 'command', command: 'shareConfirm' }, false),
      submit(t(msg('common:sharing.no')), { bilan: 'command', command: 'shareCancel' }, false),
    ];
    await turn.context.sendActivity(cardActivity(card(body, actions)));
  }

  private async share(turn: CommandTurn): Promise<void> {
    const outcome = await this.sharing.share(turn.userId, turnLanguage(turn.context).locale);
    await this.say(turn, msg(`common:sharing.outcome.${outcome}`));
  }

  /**
   * « commentaire : … » adds the user's own words to their draft synthesis, as typed; held back for the user's
   * choice when they disclose something sensitive.
   */
  private async comment(turn: CommandTurn, text: string, confirmed = false): Promise<void> {
    if (!text) return this.say(turn, msg('common:synthesis.commentHow'));
    if (text.length > MAX_COMMENT_CHARS) return this.say(turn, msg('common:answer.tooLong', { max: MAX_COMMENT_CHARS }));
    const outcome = await this.service.addComment(turn.userId, text, confirmed);
    if (outcome.type !== 'check') return this.say(turn, msg(outcome.type === 'saved' ? 'common:synthesis.commentSaved' : 'common:synthesis.nothing'));
    const { t } = turnLanguage(turn.context);
    if (outcome.finding.type === 'distress') await this.say(turn, msg('common:wellbeing.support'));
    await turn.context.sendActivity(cardActivity(sensitiveCommentCard(text, outcome.finding, t)));
  }

  private async stopReminders(turn: CommandTurn): Promise<void> {
    await this.service.stopReminders(turn.userId);
    await this.say(turn, msg('common:reminders.stopped'));
  }

  private async unshare(turn: CommandTurn): Promise<void> {
    const outcome = await this.sharing.revoke(turn.userId);
    await this.say(turn, msg(`common:sharing.outcome.${outcome}`));
  }

  private async setLanguage(turn: CommandTurn, locale: Locale | undefined): Promise<void> {
    if (!locale) return this.say(turn, msg('common:commands.language.unchanged'));
    await this.service.setLocale(turn.userId, locale);
    turn.relocalize(locale);
    await this.say(turn, msg('common:commands.language.changed', { language: msg(`common:languages.${locale}`) }));
    await this.showCurrentPrompt(turn);
  }

  private async showCurrentPrompt(turn: CommandTurn): Promise<void> {
    const { t, locale } = turnLanguage(turn.context);
    const current = await this.service.currentPrompt(turn.userId, locale);
    await sendAll(turn.context, renderOutputs(current.outputs, t));
  }

  private async say(turn: CommandTurn, ...messages: MessageRef[]): Promise<void> {
    const { t } = turnLanguage(turn.context);
    await turn.context.sendActivities(textActivities(messages.map((m) => t(m)).join('\n\n')));
  }
}

/**
 * The text after a keyword and a colon (« commentaire : mon texte » → "mon texte"), keeping the user's case and
 * accents. The colon is required: French answers may well start with "Comment…" ("how").
 */
function textAfterKeyword(text: string, foldedKeywords: readonly string[]): string | undefined {
  const trimmed = text.trim();
  for (const keyword of foldedKeywords) {
    if (foldForMatching(trimmed.slice(0, keyword.length)) !== keyword) continue;
    const rest = /^\s*[:：]\s*([\s\S]*)$/.exec(trimmed.slice(keyword.length));
    if (rest) return (rest[1] ?? '').trim();
  }
  return undefined;
}

/** A Map, not an object literal: « langue __proto__ » must not find Object.prototype (found by the fuzz test). */
const LANGUAGE_NAMES: ReadonlyMap<string, Locale> = new Map([['fr', 'fr'], ['francais', 'fr'], ['french', 'fr'], ['en', 'en'], ['anglais', 'en'], ['english', 'en']]);

function languageNamed(argument: string): Locale | undefined {
  return LANGUAGE_NAMES.get(foldForMatching(argument));
}

/** The status report as messages. */
export function statusMessages(status: BilanStatus): MessageRef[] {
  switch (status.type) {
    case 'notStarted':
      return [msg('common:commands.status.notStarted')];
    case 'refused':
      return [msg('common:commands.status.refused')];
    case 'finished':
      return [msg('common:commands.status.done')];
    case 'inProgress': {
      const phase = msg(`common:phases.${status.phase}`);
      const lines = [msg('common:commands.status.phase', { phase, percent: status.phasePercent }), msg('common:commands.status.overall', { percent: status.overallPercent })];
      if (status.currentQuestionKey) lines.push(msg('common:commands.status.current', { question: msg(status.currentQuestionKey) }));
      if (status.next) {
        const next = msg(`common:phases.${status.next.phase}`);
        lines.push(msg(status.next.available ? 'common:commands.status.next' : 'common:commands.status.nextUnavailable', { phase: next }));
      }
      if (status.paused) lines.push(msg('common:commands.status.paused'));
      return lines;
    }
  }
}
