import type { BilanService } from '../../core/bilan/bilan-service.js';
import { msg } from '../../core/messages.js';
import type { SharingService } from '../../core/sharing/sharing-service.js';
import { card, textBlock } from '../render/adaptive-card.js';
import { cardActivity } from '../render/render.js';
import { sensitiveCommentCard } from '../render/sensitive-card.js';
import { MAX_COMMENT_CHARS, type SynthesisEditPayload } from '../submit-payload.js';
import type { SynthesisDownloads, SynthesisFormat } from '../synthesis/synthesis-downloads.js';
import { editCard, editsFrom, itemsOf } from '../synthesis/synthesis-editing.js';
import { turnLanguage } from '../turn-locale.js';
import { sayTo, type CommandTurn } from './command-turn.js';

/** The commands about the draft synthesis: « ma synthèse », « modifier ma synthèse », « commentaire : … ». */
export class SynthesisCommands {
  constructor(
    private readonly service: BilanService,
    private readonly downloads: SynthesisDownloads,
    private readonly sharing: Pick<SharingService, 'refresh'>,
  ) {}

  /** Personal links to the draft synthesis, as PDF and Markdown (built when clicked), and the way to the tab. */
  async links(turn: CommandTurn): Promise<void> {
    if (!(await this.downloads.available(turn.userId))) return sayTo(turn, msg('common:synthesis.nothing'));
    const { t, locale } = turnLanguage(turn.context);
    const open = async (format: SynthesisFormat) => ({ type: 'Action.OpenUrl', title: t(msg(`common:synthesis.${format}`)), url: await this.downloads.link(turn.userId, locale, format) });
    // Only the links and where to read it: the content stays out of the Teams history (domain.md §0.5).
    const body = [textBlock(t(msg('common:synthesis.title')), 'title'), textBlock(t(msg('common:synthesis.notice')), 'subtle'), textBlock(t(msg('common:synthesis.where')))];
    await turn.context.sendActivity(cardActivity(card(body, [await open('pdf'), await open('md')])));
  }

  /** « modifier ma synthèse »: a card to reword or remove each skill, achievement and step, before anyone sees them. */
  async edit(turn: CommandTurn): Promise<void> {
    const synthesis = await this.downloads.synthesisOf(turn.userId);
    if (!synthesis) return sayTo(turn, msg('common:synthesis.nothing'));
    const { t } = turnLanguage(turn.context);
    const items = itemsOf(synthesis, t);
    if (items.length === 0) return sayTo(turn, msg('common:synthesisEdit.nothing'));
    await turn.context.sendActivity(cardActivity(editCard(items, t)));
  }

  /** Saves what the edit card asks for, against the synthesis as it stands now; the shared card, if any, follows. */
  async saveEdits(turn: CommandTurn, payload: SynthesisEditPayload): Promise<void> {
    const synthesis = await this.downloads.synthesisOf(turn.userId);
    if (!synthesis) return sayTo(turn, msg('common:synthesis.nothing'));
    const { removed, reworded } = editsFrom(itemsOf(synthesis, turnLanguage(turn.context).t), payload);
    if (removed.length === 0 && Object.keys(reworded).length === 0) return sayTo(turn, msg('common:synthesisEdit.unchanged'));
    await this.service.editSynthesis(turn.userId, removed, reworded);
    await sayTo(turn, msg('common:synthesisEdit.saved', { removed: removed.length, reworded: Object.keys(reworded).length }));
    const shared = await this.sharing.refresh(turn.userId, turnLanguage(turn.context).locale);
    if (shared !== 'notShared') await sayTo(turn, msg(`common:synthesisEdit.shared.${shared}`));
  }

  /**
   * « commentaire : … » adds the user's own words to their draft synthesis, as typed; held back for the user's
   * choice when they disclose something sensitive.
   */
  async comment(turn: CommandTurn, text: string, confirmed = false): Promise<void> {
    if (!text) return sayTo(turn, msg('common:synthesis.commentHow'));
    if (text.length > MAX_COMMENT_CHARS) return sayTo(turn, msg('common:answer.tooLong', { max: MAX_COMMENT_CHARS }));
    const outcome = await this.service.addComment(turn.userId, text, confirmed);
    if (outcome.type !== 'check') return sayTo(turn, msg(outcome.type === 'saved' ? 'common:synthesis.commentSaved' : 'common:synthesis.nothing'));
    const { t } = turnLanguage(turn.context);
    if (outcome.finding.type === 'distress') await sayTo(turn, msg('common:wellbeing.support'));
    await turn.context.sendActivity(cardActivity(sensitiveCommentCard(text, outcome.finding, t)));
  }
}
