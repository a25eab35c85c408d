import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { resolveLocale, type Locale } from '../../core/locale.js';
import type { ErasureProof } from '../../core/rights/erasure.js';
import type { Translations } from '../../infra/i18n/create-i18n.js';
import { erasureCertificate } from '../render/erasure-certificate.js';
import { cardActivity } from '../render/render.js';

export interface CertificateNoticeOptions {
  readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  readonly appId: string;
  readonly translations: Translations;
  readonly defaultLocale: Locale;
}

/** Sends the destruction certificate into the user's 1:1 chat when retention destroyed their bilan. */
export function certificateNotice(options: CertificateNoticeOptions) {
  return async (reference: Partial<ConversationReference>, savedLocale: Locale | undefined, proof: ErasureProof): Promise<void> => {
    const t = options.translations.translator(resolveLocale(savedLocale, [reference.locale], options.defaultLocale));
    await options.adapter.continueConversationAsync(options.appId, reference, async (context) => {
      await context.sendActivity(cardActivity(erasureCertificate(proof, t)));
    });
  };
}
