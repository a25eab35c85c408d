import { ActivityTypes, TestAdapter, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import { expect } from 'chai';
import { TypingIndicator } from '../../../src/bot/typing-indicator.js';

/** A TestAdapter whose typing indicators fail, the way a send on an ended turn does. */
class FailingTypingAdapter extends TestAdapter {
  typingAttempts = 0;

  override sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    if (activities.some((a) => a.type === ActivityTypes.Typing)) {
      this.typingAttempts++;
      return Promise.reject(new TypeError("Cannot perform 'get' on a proxy that has been revoked"));
    }
    return super.sendActivities(context, activities);
  }
}

describe('TypingIndicator', () => {
  it('reports a failed indicator to onError and lets the turn finish and reply', async () => {
    const errors: unknown[] = [];
    let indicatorFailed: () => void = () => undefined;
    const failedOnce = new Promise<void>((resolve) => (indicatorFailed = resolve));
    const adapter = new FailingTypingAdapter(async (context) => {
      await failedOnce; // the turn is still running when the indicator fails
      await context.sendActivity('done');
    });
    adapter.use(new TypingIndicator(0, 1000, (error) => {
      errors.push(error);
      indicatorFailed();
    }));

    await adapter.send('bonjour').assertReply('done').startTest();

    expect(adapter.typingAttempts).to.equal(1);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.be.instanceOf(TypeError);
  });

  it('sends no indicator for an expectReplies delivery', async () => {
    const adapter = new FailingTypingAdapter(async (context) => {
      await new Promise((resolve) => setTimeout(resolve, 30)); // past the indicator delay: one would have been sent
      await context.sendActivity('done');
    });
    adapter.use(new TypingIndicator(0, 1000, () => undefined));
    await adapter.send({ type: 'message', text: 'bonjour', deliveryMode: 'expectReplies' }).startTest();
    expect(adapter.typingAttempts).to.equal(0);
  });
});
