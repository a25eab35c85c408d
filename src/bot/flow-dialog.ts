import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from './dialogs-sdk.js';
import type { BilanService, TurnResult } from '../core/bilan/bilan-service.js';
import type { EngineInput } from '../core/flow/flow-engine.js';
import { msg } from '../core/messages.js';
import { renderOutputs } from './render/render.js';
import { readSubmit } from './submit-payload.js';
import { turnLanguage } from './turn-locale.js';
import { userIdOf } from './user-id.js';

export const FLOW_DIALOG_ID = 'bilanFlow';

export interface FlowDialogOptions {
  /** Erase the bilan and start again (after the user confirmed "restart"). */
  readonly restart?: boolean;
}

/**
 * The one botbuilder dialog: it hands each turn to the domain's BilanService (which runs the
 * dialog trees of dialogs/) and renders what comes back. Progress lives in the bilan record,
 * so this dialog keeps no state of its own beyond being active (a plain Dialog: it has no child
 * dialogs, so a ComponentDialog's inner dialog context would be built for nothing at every turn).
 */
export class FlowDialog extends Dialog<FlowDialogOptions> {
  constructor(private readonly service: BilanService) {
    super(FLOW_DIALOG_ID);
  }

  override async beginDialog(dc: DialogContext, options?: FlowDialogOptions): Promise<DialogTurnResult> {
    const userId = requireUserId(dc.context);
    const { locale } = turnLanguage(dc.context);
    const turnId = dc.context.activity.id;
    const result = options?.restart ? await this.service.restart(userId, locale) : await this.service.startOrResume(userId, locale, turnId);
    const prefix = options?.restart ? [{ type: 'message' as const, message: msg('common:commands.restart.done') }] : [];
    return this.reply(dc, { ...result, outputs: [...prefix, ...result.outputs] });
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const userId = requireUserId(dc.context);
    const { locale } = turnLanguage(dc.context);
    return this.reply(dc, await this.service.answer(userId, toEngineInput(dc.context), locale, dc.context.activity.id));
  }

  private async reply(dc: DialogContext, result: TurnResult): Promise<DialogTurnResult> {
    const { t } = turnLanguage(dc.context);
    await dc.context.sendActivities(renderOutputs(result.outputs, t));
    return result.waiting ? Dialog.EndOfTurn : dc.endDialog();
  }
}

/** The user's message as engine input: a card answer when it carries one of ours, else its text. */
export function toEngineInput(context: TurnContext): EngineInput {
  const submit = readSubmit(context.activity.value);
  if (submit && submit !== 'invalid' && submit.bilan === 'answer') {
    return {
      type: 'submit',
      flowId: submit.flowId,
      flowVersion: submit.flowVersion,
      promptId: submit.promptId,
      value: submit.choice ?? submit.answer,
      ...(submit.added ? { added: submit.added } : {}),
      ...(submit.skip ? { skip: true } : {}),
      ...(submit.keep ? { keep: true } : {}),
      ...(submit.rewrite ? { rewrite: true } : {}),
    };
  }
  if (submit === 'invalid') return { type: 'submit', flowId: '', flowVersion: 0, promptId: '' };
  return { type: 'text', text: context.activity.text ?? '' };
}

function requireUserId(context: TurnContext): string {
  const id = userIdOf(context.activity);
  if (!id) throw new Error('Activity without a sender');
  return id;
}
