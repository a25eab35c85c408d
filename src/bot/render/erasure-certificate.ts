import { msg } from '../../core/messages.js';
import type { ErasureProof } from '../../core/rights/erasure.js';
import type { Translate } from '../../infra/i18n/create-i18n.js';
import { card, textBlock, type AdaptiveCard } from './adaptive-card.js';

/** The destruction certificate the user receives: date, why, categories destroyed, a reference; never any content. */
export function erasureCertificate(proof: ErasureProof, t: Translate): AdaptiveCard {
  const categories = proof.categories.length > 0 ? proof.categories.map((c) => `- ${t(msg(`rights:categories.${c}`))}`).join('\n') : t(msg('rights:certificate.nothingStored'));
  return card([
    textBlock(t(msg('rights:certificate.title')), 'title'),
    textBlock(t(msg('rights:certificate.date', { date: proof.erasedAt.slice(0, 10), time: proof.erasedAt.slice(11, 16) }))),
    ...(proof.reason === 'retention' ? [textBlock(t(msg('rights:certificate.retention')))] : []),
    textBlock(t(msg('rights:certificate.destroyed'))),
    textBlock(categories),
    ...(proof.channelPostsPending > 0 ? [textBlock(t(msg('rights:certificate.channelPending', { count: proof.channelPostsPending })))] : []),
    textBlock(t(msg('rights:certificate.kept', { reference: proof.id })), 'subtle'),
    textBlock(t(msg('rights:certificate.afresh'))),
  ]);
}
