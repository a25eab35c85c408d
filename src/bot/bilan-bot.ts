import { TeamsActivityHandler, TurnContext } from 'botbuilder';
import type { BilanService, OpenedTurn } from '../core/bilan/bilan-service.js';
import type { Locale } from '../core/locale.js';
import type { Logger } from '../core/logger.js';
import { msg } from '../core/messages.js';
import type { Translations } from '../infra/i18n/create-i18n.js';
import { Commands, type CommandTurn } from './commands.js';
import { FlowTurns } from './flow-turns.js';
import { textActivities } from './render/render.js';
import { readSubmit } from './submit-payload.js';
import type { SynthesisDownloads } from './synthesis/synthesis-downloads.js';
import type { SharingService } from '../core/sharing/sharing-service.js';
import { KeywordSet } from '../core/text/normalize.js';
import { targetFromActivity, type ChannelRegistry, type ChannelRole } from './channels/channel-registry.js';
import type { ConversationDirectory } from './reminders/conversation-directory.js';
import type { DataRights } from './rights/data-rights.js';

const CHANNEL_ROLES: readonly ChannelRole[] = ['counsellor', 'hr'];
import { setTurnLanguage, turnLanguage } from './turn-locale.js';
import { userIdOf } from './user-id.js';
import type { Admission, RateLimiter } from '../core/limits/rate-limiter.js';
import type { TenantGate } from './tenant-gate.js';

export interface BilanBotOptions {
  readonly service: BilanService;
  readonly translations: Translations;
  readonly downloads: SynthesisDownloads;
  readonly sharing: SharingService;
  readonly channels: ChannelRegistry;
  readonly directory: ConversationDirectory;
  /** « Mes données », « supprimer mes données », the one-year retention agreement. */
  readonly rights: DataRights;
  /** The pseudonym each user's data is stored under, from their channel user id. */
  readonly personIds: { of(rawId: string): string };
  /** Entra object ids allowed to register the counsellor channel. */
  readonly counsellorAdmins: readonly string[];
  readonly defaultLocale: Locale;
  readonly logger: Logger;
  /** Longest message accepted; longer ones get a polite answer and change nothing. */
  readonly maxMessageChars: number;
  /** Messages per user and minute; refused messages are neither processed nor stored. */
  readonly rateLimiter: RateLimiter;
  /** The tenants whose users may use the bot; others get a polite refusal, and nothing about them is stored. */
  readonly tenants: TenantGate;
}

/** The Teams edge: routes each activity to commands or to the bilan flow, in the user's language. */
export class BilanBot extends TeamsActivityHandler {
  private readonly flow: FlowTurns;
  private readonly commands: Commands;
  private readonly registerWords: Readonly<Record<ChannelRole, KeywordSet>>;

  constructor(private readonly options: BilanBotOptions) {
    super();
    this.flow = new FlowTurns(options.service);
    this.commands = new Commands(options.service, this.flow, options.translations, options.downloads, options.sharing, options.rights);
    this.registerWords = {
      counsellor: new KeywordSet(options.translations.keywords('common:commands.registerCounsellorChannel.keywords')),
      hr: new KeywordSet(options.translations.keywords('common:commands.registerHrChannel.keywords')),
    };
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcomeOnce(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
      if (botAdded) await this.welcomeOnce(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    if (this.options.tenants.admits(context.activity)) return super.run(context);
    this.options.logger.warn({ activityType: context.activity.type }, 'activity from a tenant that is not allowed: refused, nothing stored');
    if (context.activity.type !== 'message' && context.activity.type !== 'installationUpdate') return;
    setTurnLanguage(context, this.options.translations, undefined, this.options.defaultLocale);
    await this.say(context, 'common:tenant.notAllowed');
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (typeof activity.text === 'string') TurnContext.removeRecipientMention(activity);
    const userId = this.personIdOf(activity);
    if (!userId) return;
    const admission = this.options.rateLimiter.admit(userId);
    if (admission !== 'accepted') return this.refuse(context, userId, admission);
    if (activity.conversation.conversationType !== 'personal') {
      setTurnLanguage(context, this.options.translations, undefined, this.options.defaultLocale);
      const role = activity.conversation.conversationType === 'channel' ? CHANNEL_ROLES.find((r) => this.registerWords[r].matches(activity.text ?? '')) : undefined;
      if (role) return this.registerChannel(context, role);
      return this.say(context, 'common:channel.personalOnly');
    }
    const opened = await this.options.service.openTurn(userId);
    setTurnLanguage(context, this.options.translations, opened.locale, this.options.defaultLocale);
    await this.rememberChatIfStored(context, userId, opened.stored);
    await this.route(context, userId, opened);
    if (!opened.stored) await this.rememberChatIfStored(context, userId, await this.options.service.isStored(userId));
  }

  /**
   * Where the user's chat is (for reminders and retention), kept only while something is stored about them: not
   * before they have read the information, not after erasure. A turn that creates the first record remembers it.
   */
  private async rememberChatIfStored(context: TurnContext, userId: string, stored: boolean): Promise<void> {
    if (stored) await this.options.directory.remember(userId, TurnContext.getConversationReference(context.activity));
  }

  private async route(context: TurnContext, userId: string, opened: OpenedTurn): Promise<void> {
    const activity = context.activity;
    const text = (activity.text ?? '').trim();
    const submit = readSubmit(activity.value);
    if (!text && !submit) {
      // Files and images are neither read nor kept; an empty message loses nothing: the question is shown again.
      if ((activity.attachments?.length ?? 0) > 0) return this.say(context, 'common:input.unsupported');
      await this.say(context, 'common:input.empty');
      return this.flow.showCurrentPrompt(context, userId);
    }
    if (text.length > this.options.maxMessageChars) return this.say(context, 'common:input.tooLong', { max: this.options.maxMessageChars });
    const turn: CommandTurn = { context, userId, erasureAskedAt: opened.erasureAskedAt, relocalize: (saved) => this.relocalize(context, saved) };
    // Any message answers or drops an open deletion question (its own card buttons included: they then act below).
    if (await this.options.rights.tryTypedAnswer(turn, submit ? undefined : text)) return;
    if (submit && submit !== 'invalid' && submit.bilan === 'command') return this.commands.runSubmit(turn, submit);
    if (submit && submit !== 'invalid' && submit.bilan === 'synthesisEdit') return this.commands.saveSynthesisEdits(turn, submit);
    if (!submit && (await this.commands.tryRun(turn, text))) return;
    await this.flow.answer(context, userId);
  }

  /**
   * Starts or resumes the bilan when the app is installed in personal scope; once per conversation, whichever install
   * event comes first and on whichever instance (the record says where the welcome was shown).
   */
  private async welcomeOnce(context: TurnContext): Promise<void> {
    const userId = this.personIdOf(context.activity);
    if (context.activity.conversation.conversationType !== 'personal' || !userId) return;
    const opened = await this.options.service.openTurn(userId);
    await this.rememberChatIfStored(context, userId, opened.stored);
    setTurnLanguage(context, this.options.translations, opened.locale, this.options.defaultLocale);
    await this.flow.welcome(context, userId);
  }

  /** Only a configured admin, writing in the channel itself, can make it the counsellors' (or HR's) channel. */
  private async registerChannel(context: TurnContext, role: ChannelRole): Promise<void> {
    const admin = context.activity.from.aadObjectId;
    if (!admin || !this.options.counsellorAdmins.includes(admin)) return this.say(context, 'common:channel.notAdmin');
    if (this.options.channels.isFixedByConfig(role)) return this.say(context, 'common:channel.fixedByConfig');
    await this.options.channels.register(role, targetFromActivity(context.activity, admin));
    this.options.logger.info({ role, registeredBy: admin }, 'channel registered');
    await this.say(context, role === 'hr' ? 'common:channel.registeredHr' : 'common:channel.registered');
  }

  /** A message over the rate limit: nothing of it is read or stored; the first one of a flood gets a polite answer. */
  private async refuse(context: TurnContext, userId: string, admission: Exclude<Admission, 'accepted'>): Promise<void> {
    this.options.logger.warn({ admission }, 'message over the rate limit');
    if (admission === 'ignored') return;
    setTurnLanguage(context, this.options.translations, (await this.options.service.openTurn(userId)).locale, this.options.defaultLocale);
    await this.say(context, 'common:input.slowDown');
  }

  private personIdOf(activity: TurnContext['activity']): string | undefined {
    const rawId = userIdOf(activity);
    return rawId === undefined ? undefined : this.options.personIds.of(rawId);
  }

  private relocalize(context: TurnContext, saved: Locale): void {
    setTurnLanguage(context, this.options.translations, saved, this.options.defaultLocale);
  }

  private async say(context: TurnContext, key: string, params?: Record<string, number>): Promise<void> {
    const { t } = turnLanguage(context);
    await context.sendActivities(textActivities(t(msg(key, params))));
  }
}
