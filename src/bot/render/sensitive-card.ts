import type { EngineOutput } from '../../core/flow/engine-io.js';
import type { SensitiveFinding } from '../../core/sensitive/sensitive-detector.js';
import { msg } from '../../core/messages.js';
import type { Translate } from '../../infra/i18n/create-i18n.js';
import { card, submit, textBlock, type AdaptiveCard } from './adaptive-card.js';

type SensitiveCheck = Extract<EngineOutput, { type: 'sensitiveCheck' }>;

/**
 * Asks what to do with an answer that mentions something personal (or distress), which is not stored yet.
 * The answer rides in the "keep" button's data only, so nothing is kept on our side unless the user clicks it.
 */
export function sensitiveCard(check: SensitiveCheck, data: Record<string, unknown>, t: Translate): AdaptiveCard {
  const distress = check.finding.type === 'distress';
  const categories = categoriesOf(check.finding, t);
  const body = distress
    ? [textBlock(t(msg('common:wellbeing.title')), 'title'), textBlock(t(msg('common:wellbeing.notStored')))]
    : [textBlock(t(msg('common:sensitive.title', { categories })), 'title'), textBlock(t(msg('common:sensitive.notRequired')))];
  const actions = [
    submit(t(msg('common:sensitive.keep')), { ...data, answer: check.answer, keep: true }, false),
    submit(t(msg('common:sensitive.rewrite')), { ...data, rewrite: true }, false),
    submit(t(msg(distress ? 'common:wellbeing.continue' : 'common:sensitive.skip')), { ...data, skip: true }, false),
    ...(distress ? [submit(t(msg('common:wellbeing.pause')), { bilan: 'command', command: 'pause' }, false)] : []),
  ];
  return card(body, actions);
}

/** The same choice for a « commentaire : … » held back: the comment rides in the "add" button's data only. */
export function sensitiveCommentCard(comment: string, finding: SensitiveFinding, t: Translate): AdaptiveCard {
  const title = finding.type === 'distress' ? msg('common:synthesis.commentCheck.distressTitle') : msg('common:synthesis.commentCheck.title', { categories: categoriesOf(finding, t) });
  return card(
    [textBlock(t(title), 'title'), textBlock(t(msg('common:synthesis.commentCheck.notRequired')))],
    [
      submit(t(msg('common:synthesis.commentCheck.add')), { bilan: 'command', command: 'commentConfirm', comment }, false),
      submit(t(msg('common:synthesis.commentCheck.drop')), { bilan: 'command', command: 'commentCancel' }, false),
    ],
  );
}

function categoriesOf(finding: SensitiveFinding, t: Translate): string {
  return finding.type === 'personal' ? finding.categories.map((c) => t(msg(`common:sensitive.categories.${c}`))).join(', ') : '';
}
