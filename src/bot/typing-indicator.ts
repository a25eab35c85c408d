import { ActivityTypes, DeliveryModes, TurnContext, type Middleware } from 'botbuilder';

/**
 * Shows "typing…" while a message turn takes longer than `delayMs`, again every `periodMs`, like botbuilder's
 * ShowTypingMiddleware, which it replaces: when a turn ends while an indicator is being sent, that one's error
 * handler reads the revoked TurnContext, which throws outside any turn and ends the process (seen under load
 * with two instances). Here a failed indicator is only reported to `onError`: it is cosmetic.
 * None for expectReplies deliveries: their replies all come back at once, in the HTTP response.
 */
export class TypingIndicator implements Middleware {
  constructor(
    private readonly delayMs: number,
    private readonly periodMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    const isMessage = activity.type === (ActivityTypes.Message as string);
    if (!isMessage || activity.deliveryMode === (DeliveryModes.ExpectReplies as string)) return next();
    // Taken now: the context is revoked once the turn ends, and an indicator may still be on its way then.
    const adapter = context.adapter;
    const reference = TurnContext.getConversationReference(activity);
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const send = async () => {
      if (finished) return;
      try {
        await adapter.sendActivities(context, [TurnContext.applyConversationReference({ type: ActivityTypes.Typing }, reference)]);
      } catch (error: unknown) {
        this.onError(error);
      }
      if (!finished) timer = setTimeout(() => void send(), this.periodMs);
    };
    timer = setTimeout(() => void send(), this.delayMs);
    try {
      await next();
    } finally {
      finished = true;
      clearTimeout(timer);
    }
  }
}
