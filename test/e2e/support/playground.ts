/**
 * End-to-end harness for the Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground`):
 * starts the Playground CLI against a bot endpoint and drives its web UI in headless Chromium
 * (playwright-core). See ./README.md for the DOM facts and Playground behaviour this relies on.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PLAYGROUND_BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'agentsplayground');
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Default bound for waits on bot output. */
export const DEFAULT_WAIT_MS = 15_000;
const START_TIMEOUT_MS = 30_000;
const OPEN_TIMEOUT_MS = 60_000;
const SUBMIT_TIMEOUT_MS = 5_000;
const POLL_MS = 25;

// ---- DOM facts (Playground 0.2.28, Fluent UI v9 + Adaptive Cards renderer) -------------------------
/** Every chat message (bot and user) has a header with this label; its parent is the message root. */
const HEADER = '[aria-label="Message header"]';
/** Body of a bot message; one per rendered bot message, in DOM (= chronological) order. */
const BOT_MESSAGE = `${HEADER} ~ * .fai-OutputCard`;
/** The compose box: a Lexical editor (the log panel is another contenteditable, without the role). */
const COMPOSE = '[contenteditable="true"][role="textbox"][data-lexical-editor="true"]';
const ACTION_BUTTON = '.ac-actionSet button';
const CHOICE_ITEM = '.fui-Radio, .fui-Checkbox';
const TEXT_INPUT =
  'textarea, input[type="text"]:not([role="combobox"]), input[type="email"], input[type="tel"], input[type="url"], input[type="number"], input:not([type])';

/** A bot message as rendered in the personal chat. */
export interface BotMessage {
  /** Plain text of the message outside any Adaptive Card (markdown rendered, trimmed). */
  readonly text: string;
  /** Text of the card's TextBlocks / RichTextBlocks, in order. */
  readonly cardTexts: string[];
  /** Titles of the card's action buttons (Action.Submit etc.), in order. */
  readonly actions: string[];
  /** Labels of the card's expanded Input.ChoiceSet options (radios and checkboxes), in order. */
  readonly choices: string[];
}

/** Any message in the personal chat, for diagnostics. */
export type TranscriptEntry = ({ readonly from: 'bot' } & BotMessage) | { readonly from: 'user' | 'other'; readonly text: string };

// Runs in the page (as a string, so no transpiler helpers leak into it). Keeps a DOM-mutation counter for
// event-driven waits and reads the chat.
const PAGE_HELPERS = `(() => {
  if (window.__pgHarness) return;
  const clean = (s) => (s || '').replace(/\\u00a0/g, ' ').trim();
  const H = {
    seq: 0,
    clean,
    botCards: () => Array.from(document.querySelectorAll(${JSON.stringify(BOT_MESSAGE)})),
    bot(card) {
      const content = Array.from(card.children).find((c) => c.getAttribute('role') !== 'progressbar') || card;
      const text = content.querySelector('.ac-adaptiveCard')
        ? Array.from(content.children)
            .filter((c) => !c.matches('.ac-adaptiveCard') && !c.querySelector('.ac-adaptiveCard'))
            .map((c) => clean(c.innerText)).filter(Boolean).join('\\n')
        : clean(content.innerText);
      return {
        text,
        cardTexts: Array.from(content.querySelectorAll('.ac-textBlock, .ac-richTextBlock')).map((e) => clean(e.innerText)).filter(Boolean),
        actions: Array.from(content.querySelectorAll(${JSON.stringify(ACTION_BUTTON)})).map(H.actionTitle),
        choices: Array.from(content.querySelectorAll('label.fui-Radio__label, label.fui-Checkbox__label')).map((l) => clean(l.innerText)),
      };
    },
    // The label the person sees first: the Playground gives an Action.OpenUrl button its URL as tooltip (title).
    actionTitle: (b) => clean(b.innerText || b.getAttribute('aria-label') || b.getAttribute('title') || ''),
    botMessages: () => H.botCards().map((c) => H.bot(c)),
    transcript() {
      return Array.from(document.querySelectorAll(${JSON.stringify(HEADER)})).map((header) => {
        const root = header.parentElement;
        const card = root && root.querySelector('.fai-OutputCard');
        if (card) return Object.assign({ from: 'bot' }, H.bot(card));
        const from = header.querySelector('[aria-label="Message author"]') ? 'other' : 'user';
        return { from, text: clean(header.nextElementSibling ? header.nextElementSibling.innerText : '') };
      });
    },
    choiceSets: (card) => Array.from(card.querySelectorAll('.ac-input-container')).filter((c) => c.querySelector(${JSON.stringify(CHOICE_ITEM)})),
    // Checks that the card still holds the expected input state and clicks the action in the same task, so
    // no re-render can slip in between (the Playground resets card inputs whenever an activity arrives).
    verifyAndClick(index, expected) {
      const card = H.botCards()[index];
      if (!card) return 'bot message #' + index + ' is gone';
      for (const c of expected.choices) {
        const sets = c.set === null ? H.choiceSets(card) : H.choiceSets(card).slice(c.set, c.set + 1);
        const items = sets.flatMap((s) => Array.from(s.querySelectorAll(${JSON.stringify(CHOICE_ITEM)})))
          .filter((i) => clean(i.querySelector('label') && i.querySelector('label').innerText) === c.label);
        const combos = Array.from(card.querySelectorAll('input[role="combobox"]'));
        const ok = items.some((i) => i.querySelector('input') && i.querySelector('input').checked) || combos.some((i) => clean(i.value) === c.label);
        if (!ok) return 'choice "' + c.label + '" is not selected any more';
      }
      const inputs = Array.from(card.querySelectorAll(${JSON.stringify(TEXT_INPUT)}));
      for (const i of expected.inputs) {
        const el = inputs[i.index];
        if (!el || el.value !== i.value) return 'input #' + i.index + ' holds ' + JSON.stringify(el ? el.value : null) + ', not ' + JSON.stringify(i.value);
      }
      const button = Array.from(card.querySelectorAll(${JSON.stringify(ACTION_BUTTON)})).find((b) => H.actionTitle(b) === expected.action);
      if (!button) return 'action "' + expected.action + '" not found';
      button.click();
      return '';
    },
  };
  window.__pgHarness = H;
  new MutationObserver(() => { H.seq++; }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

// ---------------------------------------------------------------------------------------------------
// Playground process
// ---------------------------------------------------------------------------------------------------

/** Options for {@link startPlayground}. */
export interface StartPlaygroundOptions {
  /** The bot's messaging endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  readonly botEndpoint: string;
  /** Port for the Playground (default: a free ephemeral port; the Playground itself falls back to a random one if taken). */
  readonly port?: number | undefined;
  /** A `.m365agentsplayground.yml` to use (passed as M365_AGENTS_PLAYGROUND_CONFIG_PATH); default: built-in mock data. */
  readonly configPath?: string | undefined;
  /** Where the Playground writes its log, relative to the repo root (default: a temp file removed on stop). */
  readonly logFile?: string | undefined;
  /** Bound for the Playground to start listening (default 30 s). */
  readonly timeoutMs?: number | undefined;
}

/** A running Playground server. */
export interface PlaygroundServer {
  /** Web UI, e.g. `http://localhost:56150`. */
  readonly url: string;
  /** The mocked Bot Connector service (the serviceUrl the bot replies to). */
  readonly connectorUrl: string;
  /** The port actually listened on. */
  readonly port: number;
  /** The Playground's log file. */
  readonly logFile: string;
  /** Recent stdout/stderr of the Playground process. */
  output(): string;
  /** Stops the Playground (its whole process group); idempotent. */
  stop(): Promise<void>;
}

/** Spawns the Playground CLI (node_modules/.bin/agentsplayground, msteams channel) and waits until its UI answers. */
export async function startPlayground(opts: StartPlaygroundOptions): Promise<PlaygroundServer> {
  const requestedPort = opts.port ?? (await freePort());
  const tmp = mkdtempSync(path.join(tmpdir(), 'bilan-playground-'));
  const logFile = opts.logFile !== undefined ? path.resolve(REPO_ROOT, opts.logFile) : path.join(tmp, 'playground.log');
  mkdirSync(path.dirname(logFile), { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    NODE_OPTIONS: '', // keep the test runner's loaders out of the Playground
  };
  if (opts.configPath !== undefined) env['M365_AGENTS_PLAYGROUND_CONFIG_PATH'] = path.resolve(opts.configPath);
  const args = ['-e', opts.botEndpoint, '-c', 'msteams', '--disable-telemetry', '-p', String(requestedPort)];
  // cwd = temp dir: the Playground would otherwise pick up a .m365agentsplayground.yml from the cwd.
  const child = spawn(process.execPath, [realpathSync(PLAYGROUND_BIN), ...args], {
    cwd: tmp,
    env,
    detached: true, // own process group, so stop() can kill everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  // Don't let a leaked Playground keep the test runner alive; the exit hook below still kills it.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  const killGroup = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined || exited) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onParentExit = (): void => killGroup('SIGKILL');
  process.once('exit', onParentExit);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onParentExit);
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
    await exitPromise;
    clearTimeout(timer);
    rmSync(tmp, { recursive: true, force: true });
  };

  const timeoutMs = opts.timeoutMs ?? START_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  try {
    let port: number | undefined;
    for (;;) {
      if (exited) throw new Error(`the Playground exited early (code ${String(exited.code)}, signal ${String(exited.signal)})`);
      if (Date.now() > deadline) throw new Error(`the Playground did not answer within ${timeoutMs} ms`);
      port ??= Number(/Listening on (\d+)/.exec(output)?.[1]) || undefined;
      // /_debug/ping answers at once; /_internal/v1/config only once the bot endpoint accepts connections.
      if (port !== undefined && (await answers(`http://localhost:${port}/_debug/ping`))) break;
      await sleep(100);
    }
    const url = `http://localhost:${port}`;
    return { url, connectorUrl: `${url}/_connector`, port, logFile, output: () => output, stop };
  } catch (error: unknown) {
    await stop();
    throw new Error(`startPlayground: ${(error as Error).message}. Output:\n${output}`);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------------
// Browser side
// ---------------------------------------------------------------------------------------------------

/** Options for {@link openPlayground}. */
export interface OpenPlaygroundOptions {
  /** Where {@link PlaygroundPage.screenshot} writes (default `test-artifacts/e2e`). */
  readonly artifactsDir?: string | undefined;
  /** Bound for the UI to load and the install activity to be delivered (default 60 s). */
  readonly timeoutMs?: number | undefined;
}

/** Which message in the chat to act on: index into {@link PlaygroundPage.botMessages} (negative counts from the end). */
export interface MessageTarget {
  readonly messageIndex?: number | undefined;
}

/** A choice to select with {@link PlaygroundPage.selectChoice}. */
export interface ChoiceTarget extends MessageTarget {
  /** Which Input.ChoiceSet of the card (0-based) when several have the same label. */
  readonly choiceSetIndex?: number | undefined;
}

/** A text input to fill with {@link PlaygroundPage.fillInput}. */
export interface InputTarget extends MessageTarget {
  /** Which text input of the card (0-based, default 0). */
  readonly inputIndex?: number | undefined;
}

/** Options for {@link PlaygroundPage.clickAction}. */
export interface ClickOptions extends MessageTarget {
  /** Wait for the Playground to post the submit/invoke to the bot (default true; false for OpenUrl/ShowCard). */
  readonly expectSubmit?: boolean | undefined;
}

/** How {@link PlaygroundPage.waitForBotMessage} recognises a message: substring / regex of its text or card texts, or a predicate. */
export type MessageMatcher = string | RegExp | ((message: BotMessage, index: number) => boolean);

/** A frame of the Playground's UI websockets (/_ws_conversation/… and /_ws/log/stream), as far as used here. */
interface PlaygroundFrame {
  readonly action?: string;
  readonly logAction?: string;
  readonly log?: {
    readonly conversationId?: string;
    readonly level?: string;
    readonly activityName?: string;
    readonly from?: string;
    readonly to?: string;
    readonly displayText?: string;
    readonly response?: { readonly statusCode?: number };
  };
}

/** One entry of the Playground's log panel (its /_ws/log/stream websocket), as far as used here. */
export interface PlaygroundLogEntry {
  readonly conversationId: string | undefined;
  /** "Microsoft 365 Agents Playground" or "User Application" (the bot), when the entry is an HTTP exchange. */
  readonly from: string | undefined;
  readonly to: string | undefined;
  /** e.g. "message", "installationUpdate", "createConversation". */
  readonly activityName: string | undefined;
  readonly status: number | undefined;
  /** e.g. "Warning" for the Playground's own notices. */
  readonly level: string | undefined;
  readonly displayText: string;
}

interface TurnLog {
  readonly activity: string;
  readonly status: number | undefined;
  readonly text: string;
}

/** Opens the Playground UI in headless Chromium on the personal chat with the bot, once the install activity was delivered. */
export async function openPlayground(url: string, opts: OpenPlaygroundOptions = {}): Promise<PlaygroundPage> {
  const timeoutMs = opts.timeoutMs ?? OPEN_TIMEOUT_MS;
  let config: { config: { personalChat: { id: string } } };
  try {
    const res = await fetch(`${url}/_internal/v1/config`, { signal: AbortSignal.timeout(timeoutMs) });
    config = (await res.json()) as typeof config;
  } catch (error: unknown) {
    throw new Error(
      `openPlayground(${url}): GET /_internal/v1/config failed (${(error as Error).message}); the Playground holds it (and the UI) ` +
        `until the bot endpoint accepts connections — is the bot listening?`,
    );
  }
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'bilan-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      timeout: timeoutMs,
    });
    // The UI pulls fonts/animations from CDNs; fail them at once instead of waiting for DNS, and never leave loopback.
    await context.route((u) => !isLoopback(u), (route) => route.abort('blockedbyclient'));
    await context.addInitScript(PAGE_HELPERS);
    const page = context.pages()[0] ?? (await context.newPage());
    const pg = new PlaygroundPage(page, context, userDataDir, {
      artifactsDir: path.resolve(REPO_ROOT, opts.artifactsDir ?? 'test-artifacts/e2e'),
      personalChatId: config.config.personalChat.id,
    });
    const installPath = `/_debug/conversation/${config.config.personalChat.id}/installation`;
    const installed = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === installPath, {
      timeout: timeoutMs,
    });
    installed.catch(() => undefined);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    await page.locator(COMPOSE).waitFor({ state: 'visible', timeout: timeoutMs });
    let response;
    try {
      response = await installed;
    } catch {
      throw new Error(
        `the UI never posted the personal-chat install (${installPath}) within ${timeoutMs} ms; the Playground only does so once it ` +
          `reaches the bot. ${await pg.describe()}`,
      );
    }
    if (response.status() >= 400) {
      throw new Error(`the install request answered HTTP ${response.status()}: ${await response.text()}. ${await pg.describe()}`);
    }
    return pg;
  } catch (error: unknown) {
    await context?.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`openPlayground(${url}): ${(error as Error).message}`);
  }
}

function isLoopback(u: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname) || u.protocol === 'data:' || u.protocol === 'blob:';
}

/** Drives the Playground's personal chat: compose box, bot messages, Adaptive Card inputs and actions. */
export class PlaygroundPage {
  readonly #artifactsDir: string;
  readonly #personalChatId: string;
  /** Bot turns the UI started (messages, submits, installs) whose completion the Playground has not logged yet. */
  #pendingTurns = 0;
  #lastActivityAt = Date.now();
  readonly #turns: TurnLog[] = [];
  readonly #logLines: string[] = [];
  readonly #log: PlaygroundLogEntry[] = [];
  #closed = false;

  /** Use {@link openPlayground}. */
  constructor(
    /** The raw Playwright page, for anything the harness does not cover. */
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly userDataDir: string,
    opts: { artifactsDir: string; personalChatId: string },
  ) {
    this.#artifactsDir = opts.artifactsDir;
    this.#personalChatId = opts.personalChatId;
    page.on('request', (r) => this.#onRequest(r, 1));
    page.on('requestfailed', (r) => this.#onRequest(r, -1));
    page.on('requestfinished', (r) => {
      // A rejected request (e.g. 404 ConversationNotFound) starts no bot turn.
      void r.response().then((res) => {
        if (res && res.status() >= 400) this.#onRequest(r, -1);
      });
    });
    page.on('websocket', (ws) => {
      ws.on('framereceived', (frame) => this.#onFrame(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8')));
    });
  }

  /** Number of bot activities a UI request to the Playground triggers. */
  static #turnsStartedBy(r: Request): number {
    if (r.method() !== 'POST') return 0;
    const p = new URL(r.url()).pathname;
    if (/^\/_debug\/conversation\/[^/]+\/installation$/.test(p)) return 2; // installationUpdate + conversationUpdate
    if (/^\/_conversation\/v1\/conversations\/[^/]+\/messages$/.test(p)) return 1;
    if (/^\/_conversation\/v1\/(submit|invoke)$/.test(p)) return 1;
    if (p === '/_internal/v1/customActivities') return 1;
    return 0;
  }

  #onRequest(r: Request, sign: 1 | -1): void {
    const n = PlaygroundPage.#turnsStartedBy(r);
    if (n === 0) return;
    this.#pendingTurns += sign * n;
    this.#lastActivityAt = Date.now();
  }

  #onFrame(payload: string): void {
    let data: PlaygroundFrame;
    try {
      data = JSON.parse(payload) as PlaygroundFrame;
    } catch {
      return;
    }
    if (data.action !== undefined) this.#lastActivityAt = Date.now(); // createMessage / updateMessage / typing …
    const log = data.log;
    if (data.logAction !== 'appendLog' || !log) return;
    const status = log.response?.statusCode;
    const line = [log.from !== undefined ? `${log.from} -> ${log.to ?? '?'}` : undefined, log.activityName, status, log.displayText]
      .filter((x) => x !== undefined && x !== '')
      .join(' ');
    this.#log.push({
      conversationId: log.conversationId,
      from: log.from,
      to: log.to,
      activityName: log.activityName,
      status,
      level: log.level,
      displayText: log.displayText ?? '',
    });
    this.#logLines.push(line);
    if (this.#logLines.length > 30) this.#logLines.shift();
    if (log.conversationId !== undefined) this.#lastActivityAt = Date.now();
    // The Playground logs an activity it sent to the bot once the bot's HTTP response (= end of the turn) arrives.
    if (log.from === 'Microsoft 365 Agents Playground' && log.to === 'User Application') {
      this.#pendingTurns -= 1; // not clamped: event order between the request and WS streams is not guaranteed
      this.#turns.push({ activity: log.activityName ?? '?', status, text: log.displayText ?? '' });
    }
  }

  /** Types `text` in the compose box and presses Enter; resolves with the number of bot messages shown before sending. */
  async sendText(text: string, opts: { timeoutMs?: number | undefined } = {}): Promise<number> {
    if (/[\r\n]/.test(text)) throw new Error('sendText: the Playground compose box sends on Enter and drops line breaks; send one line');
    const timeoutMs = opts.timeoutMs ?? DEFAULT_WAIT_MS;
    const before = await this.botMessages();
    const usersBefore = (await this.transcript()).filter((m) => m.from === 'user').length;
    const box = this.page.locator(COMPOSE);
    await box.click({ timeout: timeoutMs });
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
    const posted = this.page.waitForResponse(
      (r) => r.request().method() === 'POST' && /^\/_conversation\/v1\/conversations\/[^/]+\/messages$/.test(new URL(r.url()).pathname),
      { timeout: timeoutMs },
    );
    posted.catch(() => undefined);
    await this.page.keyboard.press('Enter');
    let response;
    try {
      response = await posted;
    } catch {
      throw new Error(`sendText(${JSON.stringify(text)}): the UI did not post the message within ${timeoutMs} ms. ${await this.describe()}`);
    }
    if (response.status() >= 400) {
      throw new Error(`sendText(${JSON.stringify(text)}): the Playground answered HTTP ${response.status()}: ${await response.text()}`);
    }
    await this.#waitUntil(
      async () => {
        const users = (await this.transcript()).filter((m) => m.from === 'user');
        return users.length > usersBefore ? true : undefined;
      },
      timeoutMs,
      `the user message ${JSON.stringify(text)} to appear in the chat`,
    );
    return before.length;
  }

  /** All bot messages of the personal chat, in order (a text+attachments activity shows as several messages). */
  async botMessages(): Promise<BotMessage[]> {
    return this.page.evaluate<BotMessage[]>('window.__pgHarness.botMessages()');
  }

  /** Every entry of the Playground's log panel received since the page opened, in order. */
  logEntries(): readonly PlaygroundLogEntry[] {
    return [...this.#log];
  }

  /** Every message of the personal chat (bot and user), in order. */
  async transcript(): Promise<TranscriptEntry[]> {
    return this.page.evaluate<TranscriptEntry[]>('window.__pgHarness.transcript()');
  }

  /** Resolves with the bot messages once at least `count` are shown; fails after `timeoutMs`. */
  async waitForBotMessages(count: number, timeoutMs: number = DEFAULT_WAIT_MS): Promise<BotMessage[]> {
    return this.#waitUntil(
      async () => {
        const messages = await this.botMessages();
        return messages.length >= count ? messages : undefined;
      },
      timeoutMs,
      `at least ${count} bot message(s)`,
    );
  }

  /** Resolves with the first bot message at index ≥ `fromIndex` (default 0) that matches; fails after `timeoutMs`. */
  async waitForBotMessage(
    match: MessageMatcher,
    opts: { fromIndex?: number | undefined; timeoutMs?: number | undefined } = {},
  ): Promise<BotMessage & { readonly index: number }> {
    const fromIndex = opts.fromIndex ?? 0;
    const test = (m: BotMessage, i: number): boolean => {
      if (typeof match === 'function') return match(m, i);
      const texts = [m.text, ...m.cardTexts];
      return typeof match === 'string' ? texts.some((t) => t.includes(match)) : texts.some((t) => match.test(t));
    };
    return this.#waitUntil(
      async () => {
        const messages = await this.botMessages();
        for (let i = fromIndex; i < messages.length; i++) {
          const m = messages[i];
          if (m && test(m, i)) return { ...m, index: i };
        }
        return undefined;
      },
      opts.timeoutMs ?? DEFAULT_WAIT_MS,
      `a bot message (index ≥ ${fromIndex}) matching ${typeof match === 'function' ? 'the predicate' : String(match)}`,
    );
  }

  /** Resolves once every bot turn the UI started has ended and no activity arrived for `quietMs` (default 200). */
  async waitForIdle(opts: { timeoutMs?: number | undefined; quietMs?: number | undefined } = {}): Promise<void> {
    const quietMs = opts.quietMs ?? 200;
    await this.#waitUntil(
      () => Promise.resolve(this.#pendingTurns <= 0 && Date.now() - this.#lastActivityAt >= quietMs ? true : undefined),
      opts.timeoutMs ?? DEFAULT_WAIT_MS,
      () => `the bot to be idle (turns still running: ${this.#pendingTurns})`,
      'timer',
    );
  }

  /**
   * Clicks the Adaptive Card action titled `title` (default: in the last bot message that has it) and, unless
   * `expectSubmit` is false, waits for the Playground to post it; resolves with the submitted `value`.
   */
  async clickAction(title: string, opts: ClickOptions = {}): Promise<unknown> {
    await this.waitForIdle();
    const index = await this.#resolveMessage(opts.messageIndex, (m) => m.actions.includes(title), `an action "${title}"`);
    const actions = (await this.botMessages())[index]?.actions ?? [];
    const button = this.#message(index).locator(ACTION_BUTTON).nth(actions.indexOf(title));
    const submitted = this.#submitRequest();
    await button.click({ timeout: DEFAULT_WAIT_MS });
    return opts.expectSubmit === false ? undefined : this.#awaitSubmit(submitted, `clickAction(${JSON.stringify(title)})`);
  }

  /** Selects the option labelled `label` of an Input.ChoiceSet (radio, checkbox, or compact combobox); default: last card offering it. */
  async selectChoice(label: string, opts: ChoiceTarget = {}): Promise<void> {
    await this.waitForIdle();
    const combos = await this.page.evaluate<number[]>(
      `window.__pgHarness.botCards().map((c) => c.querySelectorAll('input[role="combobox"]').length)`,
    );
    const index = await this.#resolveMessage(
      opts.messageIndex,
      (m, i) => m.choices.includes(label) || (combos[i] ?? 0) > 0,
      `a choice "${label}"`,
    );
    await this.#select(index, label, opts.choiceSetIndex);
  }

  /** Fills a text input (Input.Text, single or multi-line) of a card; default: first input of the last card that has one. */
  async fillInput(value: string, opts: InputTarget = {}): Promise<void> {
    await this.waitForIdle();
    const withInputs = await this.page.evaluate<number[]>(
      `window.__pgHarness.botCards().map((c) => c.querySelectorAll(${JSON.stringify(TEXT_INPUT)}).length)`,
    );
    const index = await this.#resolveMessage(opts.messageIndex, (_m, i) => (withInputs[i] ?? 0) > 0, 'a text input');
    await this.#fill(index, value, opts.inputIndex ?? 0);
  }

  /**
   * Fills `inputs` (by position), selects `choices` and clicks `action` on one card, re-checking the inputs in the
   * same browser task as the click and retrying if a re-render wiped them; resolves with the submitted `value`.
   */
  async submitCard(
    action: string,
    opts: MessageTarget & { choices?: readonly string[] | undefined; inputs?: readonly string[] | undefined } = {},
  ): Promise<unknown> {
    const choices = opts.choices ?? [];
    const inputs = opts.inputs ?? [];
    let reason = '';
    for (let attempt = 1; attempt <= 3; attempt++) {
      await this.waitForIdle();
      const index = await this.#resolveMessage(opts.messageIndex, (m) => m.actions.includes(action), `an action "${action}"`);
      for (const label of choices) await this.#select(index, label, undefined);
      for (const [i, value] of inputs.entries()) await this.#fill(index, value, i);
      const submitted = this.#submitRequest();
      reason = await this.page.evaluate<string>(
        `window.__pgHarness.verifyAndClick(${index}, ${JSON.stringify({
          action,
          choices: choices.map((label) => ({ label, set: null })),
          inputs: inputs.map((value, i) => ({ index: i, value })),
        })})`,
      );
      if (reason === '') return this.#awaitSubmit(submitted, `submitCard(${JSON.stringify(action)})`);
      submitted.catch(() => undefined);
    }
    throw new Error(`submitCard(${JSON.stringify(action)}): the card lost its input 3 times (${reason}). ${await this.describe()}`);
  }

  /**
   * Re-sends the personal-chat install through the UI (Mock an Activity → Install application → Send activity).
   * Not needed for the first install: opening the UI already sends installationUpdate(add) + conversationUpdate.
   */
  async installInPersonalChat(): Promise<void> {
    await this.mockActivity('Install application');
  }

  /** Sends one of the UI's "Mock an Activity" menu items (e.g. "Install application", "Uninstall application") via its dialog. */
  async mockActivity(item: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Mock an Activity' }).click({ timeout: DEFAULT_WAIT_MS });
    await this.page
      .locator('[role="menuitem"]')
      .filter({ hasText: exact(item) })
      .click({ timeout: DEFAULT_WAIT_MS });
    const dialog = this.page.getByRole('dialog');
    const sent = this.page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/_internal/v1/customActivities',
      { timeout: DEFAULT_WAIT_MS },
    );
    sent.catch(() => undefined);
    await dialog.getByRole('button', { name: 'Send activity' }).click({ timeout: DEFAULT_WAIT_MS });
    const response = await sent;
    if (response.status() >= 400) throw new Error(`mockActivity(${JSON.stringify(item)}): HTTP ${response.status()}: ${await response.text()}`);
    await dialog.waitFor({ state: 'detached', timeout: DEFAULT_WAIT_MS });
  }

  /** Saves a PNG of the page to `<artifactsDir>/<name>.png` and returns its path; `messageIndex`: that bot message in view. */
  async screenshot(name: string, opts: { messageIndex?: number | undefined } = {}): Promise<string> {
    if (opts.messageIndex !== undefined) await this.#message(opts.messageIndex).scrollIntoViewIfNeeded({ timeout: DEFAULT_WAIT_MS });
    mkdirSync(this.#artifactsDir, { recursive: true });
    const file = path.join(this.#artifactsDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Closes Chromium and removes its profile; idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.context.close().catch(() => undefined);
    rmSync(this.userDataDir, { recursive: true, force: true });
  }

  /** A diagnostic summary: the last messages of the chat, failed bot turns and recent Playground log lines. */
  async describe(last = 6): Promise<string> {
    let messages: string;
    try {
      const transcript = await this.transcript();
      messages = transcript.length
        ? transcript
            .slice(-last)
            .map((m, i) => `  [${transcript.length - Math.min(last, transcript.length) + i}] ${formatEntry(m)}`)
            .join('\n')
        : '  (none)';
    } catch (error: unknown) {
      messages = `  (could not read the page: ${(error as Error).message})`;
    }
    const failed = this.#turns.filter((t) => t.status === undefined || t.status >= 400);
    return [
      `Personal chat ${this.#personalChatId}; last messages on the page:`,
      messages,
      `Bot turns running: ${Math.max(0, this.#pendingTurns)}.` + (failed.length ? ` Failed turns: ${failed.map((t) => `${t.activity}→${String(t.status)}`).join(', ')}.` : ''),
      `Recent Playground log:`,
      ...this.#logLines.slice(-8).map((l) => `  ${l.slice(0, 300)}`),
    ].join('\n');
  }

  #message(index: number): Locator {
    return this.page.locator(BOT_MESSAGE).nth(index);
  }

  /** Absolute index of the target message: the given one (negative from the end) or the last one satisfying `pick`. */
  async #resolveMessage(
    messageIndex: number | undefined,
    pick: (m: BotMessage, i: number) => boolean,
    what: string,
  ): Promise<number> {
    const messages = await this.botMessages();
    if (messageIndex !== undefined) {
      const index = messageIndex < 0 ? messages.length + messageIndex : messageIndex;
      const m = messages[index];
      if (!m || !pick(m, index)) {
        throw new Error(`Expected bot message #${messageIndex} to have ${what}; found ${m ? formatBot(m) : 'no such message'}. ${await this.describe()}`);
      }
      return index;
    }
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i];
      if (m && pick(m, i)) return i;
    }
    throw new Error(`Expected a bot message with ${what}; none found. ${await this.describe()}`);
  }

  async #select(index: number, label: string, choiceSetIndex: number | undefined): Promise<void> {
    const card = this.#message(index);
    let sets = card.locator('.ac-input-container').filter({ has: this.page.locator(CHOICE_ITEM) });
    if (choiceSetIndex !== undefined) sets = sets.nth(choiceSetIndex);
    const inputs = sets.locator(CHOICE_ITEM).filter({ has: this.page.locator('label', { hasText: exact(label) }) }).locator('input');
    const count = await inputs.count();
    if (count > 1) throw new Error(`selectChoice(${JSON.stringify(label)}): ${count} options carry that label; pass choiceSetIndex. ${await this.describe()}`);
    if (count === 1) {
      await inputs.check({ timeout: DEFAULT_WAIT_MS });
      return;
    }
    // Compact ChoiceSet: a Fluent combobox whose options only exist while it is open.
    const combos = card.locator('input[role="combobox"]');
    const combo = choiceSetIndex !== undefined ? combos.nth(choiceSetIndex) : combos.first();
    if ((await combos.count()) === 0) {
      throw new Error(`selectChoice(${JSON.stringify(label)}): no such option in bot message #${index}. ${await this.describe()}`);
    }
    await combo.click({ timeout: DEFAULT_WAIT_MS });
    await this.page.getByRole('option', { name: label, exact: true }).click({ timeout: DEFAULT_WAIT_MS });
    const value = await combo.inputValue();
    if (value.trim() !== label) throw new Error(`selectChoice(${JSON.stringify(label)}): the combobox shows ${JSON.stringify(value)}`);
  }

  async #fill(index: number, value: string, inputIndex: number): Promise<void> {
    const input = this.#message(index).locator(TEXT_INPUT).nth(inputIndex);
    if ((await input.count()) === 0) {
      throw new Error(`fillInput: bot message #${index} has no text input #${inputIndex}. ${await this.describe()}`);
    }
    await input.fill(value, { timeout: DEFAULT_WAIT_MS });
    const actual = await input.inputValue();
    if (actual !== value) throw new Error(`fillInput: input #${inputIndex} of bot message #${index} holds ${JSON.stringify(actual)}, not ${JSON.stringify(value)}`);
  }

  #submitRequest(): Promise<Request> {
    return this.page.waitForRequest(
      (r) => r.method() === 'POST' && /^\/_conversation\/v1\/(submit|invoke)$/.test(new URL(r.url()).pathname),
      { timeout: SUBMIT_TIMEOUT_MS },
    );
  }

  async #awaitSubmit(submitted: Promise<Request>, what: string): Promise<unknown> {
    let request: Request;
    try {
      request = await submitted;
    } catch {
      throw new Error(`${what}: clicked, but the Playground posted no submit/invoke within ${SUBMIT_TIMEOUT_MS} ms. ${await this.describe()}`);
    }
    const response = await request.response();
    if (response && response.status() >= 400) {
      throw new Error(`${what}: the Playground answered HTTP ${response.status()}: ${await response.text()}. ${await this.describe()}`);
    }
    return (request.postDataJSON() as { value?: unknown } | null)?.value;
  }

  /**
   * Polls `probe` after every DOM mutation (or every few ms in 'timer' mode) until it returns a value; throws a
   * descriptive error after `timeoutMs`.
   */
  async #waitUntil<T>(
    probe: () => Promise<T | undefined>,
    timeoutMs: number,
    expected: string | (() => string),
    mode: 'dom' | 'timer' = 'dom',
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seq = mode === 'dom' ? await this.page.evaluate<number>('window.__pgHarness.seq') : 0;
      const value = await probe();
      if (value !== undefined) return value;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof expected === 'string' ? expected : expected()}. ${await this.describe()}`);
      if (mode === 'timer') {
        await sleep(Math.min(POLL_MS, remaining));
        continue;
      }
      try {
        await this.page.waitForFunction(`window.__pgHarness.seq !== ${seq}`, undefined, { timeout: remaining, polling: 'raf' });
      } catch {
        // fall through: the next probe decides, then the deadline check throws
      }
    }
  }
}

/** Matches `text` whole; a space in it also matches the no-break spaces of French typography (« planning »). */
function exact(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '\\s+')}\\s*$`);
}

function formatBot(m: BotMessage): string {
  const parts = [m.text && JSON.stringify(m.text)];
  if (m.cardTexts.length) parts.push(`card ${JSON.stringify(m.cardTexts)}`);
  if (m.choices.length) parts.push(`choices ${JSON.stringify(m.choices)}`);
  if (m.actions.length) parts.push(`actions ${JSON.stringify(m.actions)}`);
  return parts.filter(Boolean).join(' ') || '(empty)';
}

function formatEntry(m: TranscriptEntry): string {
  return m.from === 'bot' ? `bot: ${formatBot(m)}` : `${m.from}: ${JSON.stringify(m.text)}`;
}
