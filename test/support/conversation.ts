import type { Activity } from 'botbuilder';
import { installInPersonalScope, say, submitCard, type UserSpec } from './activities.js';
import { actionTitled, adaptiveCardOf, cardTexts } from './cards.js';
import type { TestApp } from './test-app.js';

type Json = Record<string, unknown>;

/**
 * One user's chat with the bot over HTTP. In cimode every reply is made of i18n keys, so tests
 * read `keys()` and click card buttons by the key of their title.
 */
export class Conversation {
  private last: Partial<Activity>[] = [];
  private card: Json | undefined;
  private messages = 0;

  constructor(
    private readonly app: TestApp,
    readonly user: UserSpec,
  ) {}

  /** Installs the app in the user's personal scope, as Teams does before the first message. */
  async install(): Promise<this> {
    return this.receive(await this.app.send(installInPersonalScope(this.user)));
  }

  /** Sends typed text. */
  async say(text: string): Promise<this> {
    this.messages++;
    return this.receive(await this.app.send(say(this.user, text)));
  }

  /**
   * Clicks the button titled `titleKey` on the latest card; `inputs` are the card's input values
   * (a string is the value of its `answer` input), merged into the button's data as Teams does.
   */
  async click(titleKey: string, inputs?: string | Record<string, string>): Promise<this> {
    const data = actionTitled(this.card, titleKey);
    const values = typeof inputs === 'string' ? { answer: inputs } : (inputs ?? {});
    return this.submit({ ...data, ...values });
  }

  /** Fills the latest question card's input and presses its submit button. */
  async answer(value: string): Promise<this> {
    return this.click('common:card.submit', value);
  }

  /** Posts an arbitrary card submission (e.g. a stale or tampered one). */
  async submit(value: Json): Promise<this> {
    this.messages++;
    return this.receive(await this.app.send(submitCard(this.user, value)));
  }

  /** How many messages (typed or card submissions) the user has sent. */
  get sent(): number {
    return this.messages;
  }

  /** The replies of the last turn. */
  get replies(): Partial<Activity>[] {
    return this.last;
  }

  /** Keys of the last turn: each text message split into its paragraphs, then each card's TextBlocks. */
  keys(): string[] {
    return this.last.flatMap((a) => (a.text ? a.text.split('\n\n') : cardTexts(adaptiveCardOf(a))));
  }

  /** The latest card received in the conversation. */
  get latestCard(): Json | undefined {
    return this.card;
  }

  /** The prompt key of the latest card (its first TextBlock). */
  currentPrompt(): string | undefined {
    return cardTexts(this.card)[0];
  }

  private receive(replies: Partial<Activity>[]): this {
    this.last = replies;
    const cards = replies.map(adaptiveCardOf).filter((c): c is Json => c !== undefined);
    if (cards.length > 0) this.card = cards[cards.length - 1];
    return this;
  }
}
