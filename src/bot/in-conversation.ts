import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';

/**
 * Runs `work` in the conversation `reference` points to (a proactive message, a delete), and fails when it fails.
 * An error inside continueConversationAsync's callback would go to the adapter's onTurnError, which logs it and
 * resolves: it is caught here and rethrown, so that a failed send is never taken for a success.
 */
export async function inConversation(
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>,
  appId: string,
  reference: Partial<ConversationReference>,
  work: (context: TurnContext) => Promise<unknown>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    try {
      await work(context);
    } catch (error: unknown) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}
