import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import { resolveLocale, type Locale } from '../../core/locale.js';
import { msg } from '../../core/messages.js';
import type { ErasureProof } from '../../core/rights/erasure.js';
import type { Translate, Translations } from '../../infra/i18n/create-i18n.js';
import { erasureCertificate } from '../render/erasure-certificate.js';
import { inConversation } from '../in-conversation.js';
import { cardActivity, textActivities } from '../render/render.js';
import type { DestructionWarning } from './retention-sweeper.js';

export interface RetentionNoticeOptions {
  readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  readonly appId: string;
  readonly translations: Translations;
  readonly defaultLocale: Locale;
}

type Notice<T> = (reference: Partial<ConversationReference>, savedLocale: Locale | undefined, about: T) => Promise<void>;

/** Sends the destruction certificate into the user's 1:1 chat when retention destroyed their bilan. */
export function certificateNotice(options: RetentionNoticeOptions): Notice<ErasureProof> {
  return noticeInChat(options, (proof, t) => [cardActivity(erasureCertificate(proof, t))]);
}

/** Warns the user, in their 1:1 chat, of the date their bilan will be destroyed, and what they can do before. */
export function destructionWarningNotice(options: RetentionNoticeOptions): Notice<DestructionWarning> {
  return noticeInChat(options, ({ dueAt, canKeepLonger }, t, locale) => {
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(dueAt);
    const lines = [msg('rights:warning.due', { date }), msg('rights:warning.download'), ...(canKeepLonger ? [msg('rights:warning.keep')] : [])];
    return textActivities(lines.map((line) => t(line)).join('\n\n'));
  });
}

/** Sends into the user's chat, in their language; fails when Teams refused, so the caller can retry or log it. */
function noticeInChat<T>(options: RetentionNoticeOptions, render: (about: T, t: Translate, locale: Locale) => Partial<Activity>[]): Notice<T> {
  return async (reference, savedLocale, about) => {
    const locale = resolveLocale(savedLocale, [reference.locale], options.defaultLocale);
    const activities = render(about, options.translations.translator(locale), locale);
    await inConversation(options.adapter, options.appId, reference, (context) => context.sendActivities(activities));
  };
}
