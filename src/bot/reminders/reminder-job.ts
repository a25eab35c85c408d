import type { CloudAdapter } from 'botbuilder';
import type { BilanRepository } from '../../core/bilan/bilan-repository.js';
import type { Clock } from '../../core/clock.js';
import { resolveLocale, type Locale } from '../../core/locale.js';
import type { Logger } from '../../core/logger.js';
import { msg } from '../../core/messages.js';
import { reminderDue } from '../../core/reminders/reminder-policy.js';
import type { Translations } from '../../infra/i18n/create-i18n.js';
import { every } from '../periodic-task.js';
import { card, submit, textBlock } from '../render/adaptive-card.js';
import { cardActivity } from '../render/render.js';
import type { ConversationDirectory } from './conversation-directory.js';
import { inConversation } from '../in-conversation.js';

export interface ReminderJobOptions {
  readonly adapter: CloudAdapter;
  readonly appId: string;
  readonly directory: ConversationDirectory;
  readonly repository: BilanRepository;
  readonly translations: Translations;
  readonly defaultLocale: Locale;
  readonly clock: Clock;
  readonly afterDays: number;
  readonly logger: Logger;
}

/** One gentle reminder in the user's own chat after a long absence, with a button to resume and one to stop them. */
export class ReminderJob {
  constructor(private readonly options: ReminderJobOptions) {}

  /** Sends the reminders that are due; returns how many were sent. Only those users' chats are read. */
  async runOnce(): Promise<number> {
    let sent = 0;
    for (const userId of await this.options.directory.userIds()) {
      const loaded = await this.options.repository.load(userId);
      const now = this.options.clock.now();
      if (!loaded || !reminderDue(loaded.record, now, this.options.afterDays)) continue;
      const reference = await this.options.directory.find(userId);
      if (!reference) continue;
      // Claimed before sending: a failure costs one reminder, never a second one.
      const reminders = { ...loaded.record.reminders, lastSentAt: now.toISOString() };
      await this.options.repository.save({ ...loaded.record, reminders }, loaded.eTag);
      const locale = resolveLocale(loaded.record.locale, [reference.locale], this.options.defaultLocale);
      const t = this.options.translations.translator(locale);
      const reminder = card(
        [textBlock(t(msg('common:reminders.text')))],
        [
          submit(t(msg('common:reminders.resume')), { bilan: 'command', command: 'resume' }, false),
          submit(t(msg('common:reminders.stop')), { bilan: 'command', command: 'stopReminders' }, false),
        ],
      );
      await inConversation(this.options.adapter, this.options.appId, reference, (context) => context.sendActivity(cardActivity(reminder)));
      sent++;
    }
    return sent;
  }

  start(intervalMs: number): void {
    if (this.options.afterDays > 0) this.stop = every(intervalMs, () => this.runOnce(), { logger: this.options.logger, message: 'reminders not sent' });
  }

  stop: () => void = () => undefined;
}
