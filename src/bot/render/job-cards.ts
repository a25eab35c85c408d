import type { JobCandidate } from '../../core/bilan/bilan-record.js';
import { msg } from '../../core/messages.js';
import type { Translate } from '../../infra/i18n/create-i18n.js';
import { card, primary, submit, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** One job as understood: the title as the person wrote it, and the ROME fiche it was read as. */
function jobLine(job: JobCandidate, t: Translate): CardElement {
  const title = capitalised(job.said ?? job.label);
  const fiche = job.code ? t(msg('common:jobs.fiche', { label: job.label, code: job.code })) : t(msg('common:jobs.notRecognised'));
  const current = job.current ? ` ${t(msg('common:jobs.current'))}` : '';
  return {
    type: 'Container',
    items: [textBlock(`**${userText(title)}**${current}`), textBlock(userText(fiche), 'subtle')],
  };
}

/**
 * The jobs understood in the career path, to confirm with one click, or to correct by typing them; while correcting,
 * a text field for the jobs in the person's words.
 */
export function jobReviewCard(jobs: readonly JobCandidate[], correcting: boolean, data: Record<string, unknown>, t: Translate): AdaptiveCard {
  if (correcting) {
    return card(
      [
        textBlock(t(msg('common:jobs.correctTitle')), 'title'),
        { type: 'Input.Text', id: 'answer', maxLength: 600, label: t(msg('common:jobs.correctLabel')), placeholder: t(msg('common:jobs.correctPlaceholder')) },
      ],
      [primary(submit(t(msg('common:card.submit')), data)), submit(t(msg('common:jobs.skip')), { ...data, skip: true }, false)],
    );
  }
  return card(
    [textBlock(t(msg('common:jobs.reviewTitle')), 'title'), ...jobs.map((job) => jobLine(job, t)), textBlock(t(msg('common:jobs.reviewHint')), 'subtle')],
    [
      primary(submit(t(msg('common:jobs.confirm')), { ...data, choice: 'confirm' }, false)),
      submit(t(msg('common:jobs.correct')), { ...data, choice: 'correct' }, false),
      submit(t(msg('common:jobs.skip')), { ...data, skip: true }, false),
    ],
  );
}
