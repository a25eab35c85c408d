/**
 * Team channels in the Microsoft 365 Agents Playground: switching views, posting (with an @mention of the bot) and
 * reading the posts — the user's and the bot's proactive ones — with their thread replies. The team and its channel
 * come from the Playground config file (`.m365agentsplayground.yml`, see ./README.md).
 */
import type { Locator } from 'playwright-core';
import { DEFAULT_WAIT_MS, type PlaygroundPage } from './playground.js';

// ---- DOM facts (Playground 0.2.28) -----------------------------------------------------------------
/** A post in the channel view (the new-post composer is a Card too, but has no `role=group`). */
const POST = '.fui-Card[role="group"]';
/** A FactSet row is a `.ac-fact-title` followed by its `.ac-fact-value` (both hold TextBlocks). */
/** Every editor is a Lexical contenteditable; in the channel view the first one is the new-post composer. */
const EDITOR = '[contenteditable="true"][role="textbox"][data-lexical-editor="true"]';
/** The @mention picker that opens when typing "@…" in an editor. */
const MENTION_OPTION = '#typeahead-menu [role="menuitem"]';

/** A reply in a post's thread. */
export interface ChannelReply {
  readonly author: string;
  readonly text: string;
}

/** A post of the channel as rendered: a user's message, or a card the bot posted as a new thread. */
export interface ChannelPost {
  readonly author: string;
  /** Text of the post itself (markdown rendered, or the whole card), without its replies. */
  readonly text: string;
  /** Text of the post's Adaptive Card TextBlocks / RichTextBlocks, in order. */
  readonly cardTexts: string[];
  /** The rows of the post's Adaptive Card FactSets, in order. */
  readonly facts: { readonly title: string; readonly value: string }[];
  readonly replies: ChannelReply[];
}

// Runs in the page (as a string, like the harness's PAGE_HELPERS).
const READ_POSTS = `(() => {
  const clean = (s) => (s || '').replace(/\\u00a0/g, ' ').replace(/[ \\t]+\\n/g, '\\n').trim();
  const avatarName = (el) => clean(el && el.getAttribute('aria-label'));
  return Array.from(document.querySelectorAll(${JSON.stringify(POST)})).filter((c) => c.querySelector('.fui-CardHeader')).map((card) => {
    const header = card.querySelector('.fui-CardHeader');
    const footer = card.querySelector('.fui-CardFooter');
    const outside = (el) => !header.contains(el) && !(footer && footer.contains(el));
    const replies = Array.from(card.querySelectorAll('[role="img"].fui-Avatar[aria-label]')).filter(outside).map((avatar) => ({
      author: avatarName(avatar),
      text: clean(avatar.parentElement && avatar.parentElement.nextElementSibling ? avatar.parentElement.nextElementSibling.innerText : ''),
    }));
    const body = Array.from(card.children).filter((c) => c !== header && !c.contains(header) && c !== footer && c.getAttribute('role') !== 'separator'
      && !c.querySelector('[role="img"].fui-Avatar'));
    return {
      author: avatarName(header.querySelector('[role="img"][aria-label]')),
      text: body.map((c) => clean(c.innerText)).filter(Boolean).join('\\n'),
      cardTexts: Array.from(card.querySelectorAll('.ac-textBlock, .ac-richTextBlock')).map((e) => clean(e.innerText)).filter(Boolean),
      facts: Array.from(card.querySelectorAll('.ac-fact-title')).map((title) => ({
        title: clean(title.innerText),
        value: clean(title.nextElementSibling && title.nextElementSibling.matches('.ac-fact-value') ? title.nextElementSibling.innerText : ''),
      })),
      replies,
    };
  });
})()`;

/** Shows the personal chat again (the chat keeps its history across view switches). */
export async function openPersonalChat(pg: PlaygroundPage): Promise<void> {
  await pg.page.getByRole('treeitem', { name: 'Personal Chat', exact: true }).click({ timeout: DEFAULT_WAIT_MS });
  await pg.page.locator('[aria-label="Message header"]').first().waitFor({ state: 'visible', timeout: DEFAULT_WAIT_MS });
}

/** One team channel of the Playground, shown in its view. */
export class PlaygroundChannel {
  private constructor(
    private readonly pg: PlaygroundPage,
    /** The tree item's label, `<team> - <channel>`. */
    readonly label: string,
  ) {}

  /**
   * Shows the channel `channel` of the team `team`. The first time, the UI installs the app in the team: the bot gets
   * installationUpdate + conversationUpdate (teamMemberAdded) for the channel, and the harness waits for both turns.
   */
  static async open(pg: PlaygroundPage, team: string, channel: string): Promise<PlaygroundChannel> {
    const view = new PlaygroundChannel(pg, `${team} - ${channel}`);
    await view.show();
    return view;
  }

  /** Switches (back) to this channel's view. */
  async show(): Promise<void> {
    await this.pg.page.getByRole('treeitem', { name: this.label, exact: true }).click({ timeout: DEFAULT_WAIT_MS });
    await this.#composer().waitFor({ state: 'visible', timeout: DEFAULT_WAIT_MS });
    await this.pg.waitForIdle();
  }

  /**
   * Starts a new post, as the Playground's current user: `@<mention>` picked from the mention menu (so the bot gets a
   * real mention entity and `<at>…</at>` text, as in Teams), then `text`; resolves once the bot's turn has ended.
   */
  async post(text: string, opts: { mention?: string | undefined } = {}): Promise<void> {
    if (/[\r\n]/.test(text)) throw new Error('PlaygroundChannel.post: the editor sends on Enter; post one line');
    const page = this.pg.page;
    const before = (await this.posts()).length;
    await this.#composer().click({ timeout: DEFAULT_WAIT_MS });
    if (opts.mention !== undefined) {
      await page.keyboard.type(`@${opts.mention.slice(0, 3)}`);
      await page.locator(MENTION_OPTION).filter({ hasText: opts.mention }).first().click({ timeout: DEFAULT_WAIT_MS });
      await page.keyboard.insertText(' ');
    }
    await page.keyboard.insertText(text);
    const posted = page.waitForResponse(
      (r) => r.request().method() === 'POST' && /^\/_conversation\/v1\/conversations\/[^/]+\/messages$/.test(new URL(r.url()).pathname),
      { timeout: DEFAULT_WAIT_MS },
    );
    posted.catch(() => undefined);
    await page.getByRole('button', { name: 'Post', exact: true }).click({ timeout: DEFAULT_WAIT_MS });
    const response = await posted.catch(() => undefined);
    if (!response || response.status() >= 400) {
      throw new Error(`PlaygroundChannel.post(${JSON.stringify(text)}): the UI's post ${response ? `answered HTTP ${response.status()}` : 'was not sent'}. ${await this.describe()}`);
    }
    await this.waitForPosts(before + 1);
    await this.pg.waitForIdle();
  }

  /** The channel's posts as shown, newest first (the Playground's order). */
  async posts(): Promise<ChannelPost[]> {
    return this.pg.page.evaluate<ChannelPost[]>(READ_POSTS);
  }

  /** Resolves with the posts once at least `count` are shown. */
  async waitForPosts(count: number, timeoutMs: number = DEFAULT_WAIT_MS): Promise<ChannelPost[]> {
    return this.#waitFor(async () => {
      const posts = await this.posts();
      return posts.length >= count ? posts : undefined;
    }, timeoutMs, `at least ${count} post(s) in ${this.label}`);
  }

  /** Resolves with the first post satisfying `match`. */
  async waitForPost(match: (post: ChannelPost) => boolean, what: string, timeoutMs: number = DEFAULT_WAIT_MS): Promise<ChannelPost> {
    return this.#waitFor(async () => (await this.posts()).find(match), timeoutMs, `a post in ${this.label}: ${what}`);
  }

  /** A summary of the channel view for error messages. */
  async describe(): Promise<string> {
    let posts: string;
    try {
      posts = (await this.posts()).map((p, i) => `  [${i}] ${p.author}: ${JSON.stringify(p.text.slice(0, 200))} replies ${JSON.stringify(p.replies)}`).join('\n') || '  (none)';
    } catch (error: unknown) {
      posts = `  (could not read the page: ${(error as Error).message})`;
    }
    return `Channel ${this.label}; posts (newest first):\n${posts}\n${await this.pg.describe()}`;
  }

  #composer(): Locator {
    return this.pg.page.locator(EDITOR).first();
  }

  async #waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. ${await this.describe()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
