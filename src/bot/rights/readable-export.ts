import type { BilanRecord } from '../../core/bilan/bilan-record.js';
import type { Flow, QuestionStep } from '../../core/flow/flow-schema.js';
import { msg } from '../../core/messages.js';
import type { Synthesis } from '../../core/synthesis/synthesis.js';
import type { Translate } from '../../infra/i18n/create-i18n.js';
import { describeValue } from '../render/synthesis-card.js';
import { itemsOf } from '../synthesis/synthesis-editing.js';

/**
 * The person's bilan in words, for « mes données »: every question as it was asked and the answer as they gave it
 * (option labels, not codes), their synthesis section by section as they edited it, and their edits (each item as it
 * was shown, then their words or its removal; `unedited` is the synthesis built without them). The machine fields,
 * `synthesisEdits` included, sit beside it in the export.
 */
export function readableBilan(record: BilanRecord, synthesis: Synthesis | undefined, flows: readonly Flow[], t: Translate, unedited?: Synthesis) {
  const questions = new Map(flows.flatMap((f) => f.steps.filter((s): s is QuestionStep => s.type === 'question').map((s) => [s.id, s] as const)));
  return {
    answers: Object.entries(record.answers).map(([id, answer]) => {
      const question = questions.get(id);
      return {
        question: question ? t(msg(question.prompt)) : id,
        answer: answer.skipped ? t(msg('common:export.skipped')) : question ? answerText(question, answer.value, t) : String(answer.value ?? ''),
        ...((answer as { unsure?: boolean }).unsure ? { unsure: true } : {}),
        answeredAt: answer.at,
      };
    }),
    synthesis: (synthesis?.sections ?? []).map((section) => ({
      section: t(section.heading),
      lines: section.lines.map((line) => ({ label: t(line.label), value: describeValue(line.value, t) })),
    })),
    synthesisEdits: unedited ? readableEdits(record.synthesisEdits, unedited, t) : [],
  };
}

function readableEdits(edits: BilanRecord['synthesisEdits'], unedited: Synthesis, t: Translate) {
  if (!edits) return [];
  return itemsOf(unedited, t).flatMap((item) => {
    const removed = edits.removed.includes(item.id);
    const words = edits.reworded[item.id];
    if (!removed && words === undefined) return [];
    const change = t(msg(removed ? 'common:export.edits.removed' : 'common:export.edits.reworded'));
    return [{ item: t(msg(`common:synthesisEdit.kind.${item.kind}`)), shown: item.text, change, ...(removed ? {} : { yourWords: words }) }];
  });
}

function answerText(question: QuestionStep, value: BilanRecord['answers'][string]['value'], t: Translate): string {
  if (value === undefined) return '';
  if (question.kind === 'yesNo') return t(msg(value === 'yes' ? 'common:card.yes' : 'common:card.no'));
  if (question.kind === 'scale') return `${String(value)} / ${String(question.scale?.max ?? 10)}`;
  if (question.kind === 'text') return String(value);
  const labels = new Map((question.options ?? []).map((o) => [o.value, o.label]));
  return (Array.isArray(value) ? value : [String(value)]).map((v) => { const key = labels.get(v); return key ? t(msg(key)) : v; }).join(', ');
}
