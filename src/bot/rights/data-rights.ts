import type { BilanService } from '../../core/bilan/bilan-service.js';
import type { Clock } from '../../core/clock.js';
import { msg, type MessageRef } from '../../core/messages.js';
import type { RetentionService } from '../../core/rights/retention-service.js';
import type { KeywordSet } from '../../core/text/normalize.js';
import type { CommandTurn } from '../commands.js';
import { card, submit, textBlock, type CardElement } from '../render/adaptive-card.js';
import { erasureCertificate } from '../render/erasure-certificate.js';
import { cardActivity, textActivities } from '../render/render.js';
import type { SynthesisDownloads, SynthesisFormat } from '../synthesis/synthesis-downloads.js';
import { turnLanguage } from '../turn-locale.js';
import type { DataExports } from './data-export.js';
import type { PersonalData } from './personal-data.js';

/** A typed « oui » / « non » answers the deletion question only this soon after it was asked. */
const TYPED_CONFIRMATION_MS = 10 * 60 * 1000;

export interface DataRightsOptions {
  /** Keeps the open deletion question in the user's record, which every turn reads anyway. */
  readonly bilan: BilanService;
  readonly data: PersonalData;
  readonly exports: DataExports;
  readonly downloads: SynthesisDownloads;
  readonly retention: RetentionService;
  readonly clock: Clock;
  readonly yes: KeywordSet;
  readonly no: KeywordSet;
}

/**
 * The user's rights in the chat: « mes données » (a personal link to everything stored, and the synthesis),
 * « supprimer mes données » (after confirmation, every store wiped and a destruction certificate), and the
 * one-year retention agreement for follow-up (« conserver un an », revoked by « ne pas conserver »).
 */
export class DataRights {
  constructor(private readonly options: DataRightsOptions) {}

  async exportData(turn: CommandTurn): Promise<void> {
    const { t, locale } = turnLanguage(turn.context);
    const open = (title: MessageRef, url: string): CardElement => ({ type: 'Action.OpenUrl', title: t(title), url });
    const actions = [open(msg('rights:export.json'), await this.options.exports.link(turn.userId, locale))];
    if (await this.options.downloads.available(turn.userId)) {
      const synthesisLink = async (format: SynthesisFormat) => open(msg(`common:synthesis.${format}`), await this.options.downloads.link(turn.userId, locale, format));
      actions.push(await synthesisLink('pdf'), await synthesisLink('md'));
    }
    const body = [textBlock(t(msg('rights:export.title')), 'title'), textBlock(t(msg('rights:export.what'))), textBlock(t(msg('rights:export.notice')), 'subtle')];
    await turn.context.sendActivity(cardActivity(card(body, actions)));
  }

  async askErase(turn: CommandTurn): Promise<void> {
    const { t } = turnLanguage(turn.context);
    await this.options.bilan.askedErasure(turn.userId);
    const body = [textBlock(t(msg('rights:erase.confirmTitle')), 'title'), textBlock(t(msg('rights:erase.confirmWhat')))];
    const actions = [
      submit(t(msg('rights:erase.yes')), { bilan: 'command', command: 'eraseConfirm' }, false),
      submit(t(msg('rights:erase.no')), { bilan: 'command', command: 'eraseCancel' }, false),
    ];
    await turn.context.sendActivity(cardActivity(card(body, actions)));
  }

  /**
   * A typed « oui » / « non » right after the deletion question; any other message, typed or clicked (`text`
   * undefined), drops the question.
   */
  async tryTypedAnswer(turn: CommandTurn, text: string | undefined): Promise<boolean> {
    const askedAt = turn.erasureAskedAt;
    if (askedAt === undefined) return false;
    await this.options.bilan.forgetErasureQuestion(turn.userId);
    if (text === undefined || this.options.clock.now().getTime() - Date.parse(askedAt) > TYPED_CONFIRMATION_MS) return false;
    if (this.options.yes.matches(text)) return this.erase(turn).then(() => true);
    if (this.options.no.matches(text)) return this.cancelErase(turn).then(() => true);
    return false;
  }

  /** Destroys everything and answers with the destruction certificate. */
  async erase(turn: CommandTurn): Promise<void> {
    const proof = await this.options.data.erase(turn.userId, 'userRequest');
    await turn.context.sendActivity(cardActivity(erasureCertificate(proof, turnLanguage(turn.context).t)));
  }

  async cancelErase(turn: CommandTurn): Promise<void> {
    await this.options.bilan.forgetErasureQuestion(turn.userId);
    await this.say(turn, msg('rights:erase.cancelled'));
  }

  async askExtend(turn: CommandTurn): Promise<void> {
    const { t } = turnLanguage(turn.context);
    const body = [textBlock(t(msg('rights:keep.confirmTitle')), 'title'), textBlock(t(msg('rights:keep.confirmWhat', { days: this.options.retention.policy.retentionDays })))];
    const actions = [
      submit(t(msg('rights:keep.yes')), { bilan: 'command', command: 'keepConfirm' }, false),
      submit(t(msg('rights:keep.no')), { bilan: 'command', command: 'keepCancel' }, false),
    ];
    await turn.context.sendActivity(cardActivity(card(body, actions)));
  }

  async extend(turn: CommandTurn): Promise<void> {
    await this.say(turn, msg(`rights:keep.outcome.${await this.options.retention.extend(turn.userId)}`));
  }

  async revokeExtension(turn: CommandTurn): Promise<void> {
    const outcome = await this.options.retention.revoke(turn.userId);
    await this.say(turn, msg(`rights:keep.outcome.${outcome}`, { days: this.options.retention.policy.retentionDays }));
  }

  async cancelExtend(turn: CommandTurn): Promise<void> {
    await this.say(turn, msg('rights:keep.cancelled', { days: this.options.retention.policy.retentionDays }));
  }

  private async say(turn: CommandTurn, message: MessageRef): Promise<void> {
    const { t } = turnLanguage(turn.context);
    await turn.context.sendActivities(textActivities(t(message)));
  }
}
