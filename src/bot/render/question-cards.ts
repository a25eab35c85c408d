import type { Answer, KeptOccupation, SkillCandidate } from '../../core/bilan/bilan-record.js';
import type { EngineOutput, RecapLine } from '../../core/flow/engine-io.js';
import type { QuestionStep } from '../../core/flow/flow-schema.js';
import { msg } from '../../core/messages.js';
import type { Translate } from '../../infra/i18n/create-i18n.js';
import { card, choiceSet, primary, submit, textBlock, toggled, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { jobReviewCard } from './job-cards.js';
import { sensitiveCard } from './sensitive-card.js';

type Prompt = Exclude<EngineOutput, { type: 'message' | 'results' | 'derivedFactors' | 'offer' }>;

/** Longest answer the text box accepts; the engine enforces the same limit on typed answers. */
export const MAX_ANSWER_LENGTH = 4000;
const RECAP_ANSWER_PREVIEW = 280;

/** The Adaptive Card for a question, a recap, or the choice of what to correct in a recap. */
export function promptCard(prompt: Prompt, t: Translate): AdaptiveCard {
  const data = { bilan: 'answer', flowId: prompt.flow.id, flowVersion: prompt.flow.version, promptId: prompt.promptId };
  switch (prompt.type) {
    case 'question':
      return questionCard(prompt.question, data, t);
    case 'recap':
      return card(
        [textBlock(t(msg(prompt.step.prompt)), 'title'), recapFacts(prompt.lines, t)],
        [
          primary(submit(t(msg('common:recap.confirm')), { ...data, choice: 'confirm' })),
          submit(t(msg('common:recap.correct')), { ...data, choice: 'correct' }),
          submit(t(msg('common:recap.later')), { ...data, skip: true }),
        ],
      );
    case 'recapChoose':
      return card(
        [
          textBlock(t(msg('common:recap.chooseTitle')), 'title'),
          choiceSet('choice', prompt.lines.map((l) => ({ title: t(msg(l.label)), value: l.question.id })), false, t(msg('common:recap.chooseTitle'))),
        ],
        [primary(submit(t(msg('common:card.submit')), data)), submit(t(msg('common:recap.back')), { ...data, choice: 'back' }, false)],
      );
    case 'skillReview':
      return skillReviewCard(prompt.candidates, data, t);
    case 'occupations':
      return occupationsCard(prompt.suggestions, data, t);
    case 'jobReview':
      return jobReviewCard(prompt.jobs, prompt.correcting, data, t);
    case 'sensitiveCheck':
      return sensitiveCard(prompt, data, t);
  }
}

const MAX_EXAMPLE = 90;

/** How a candidate reads on the card: a job's core competence with an example, a skill found with the words behind it. */
function candidateTitle(c: SkillCandidate, t: Translate): string {
  const kind = t(msg(`common:skills.kinds.${c.kind}`));
  if (c.job) return c.example ? `${c.label} — ${t(msg('common:skills.example', { example: c.example.slice(0, MAX_EXAMPLE) }))}` : c.label;
  return `${c.label} (${kind}) — « ${c.evidence.join(' … ')} »`;
}

/** Skills to tick: the current job's core competences, then those found in the user's answer; nothing is kept unless ticked. */
function skillReviewCard(candidates: readonly SkillCandidate[], data: Record<string, unknown>, t: Translate): AdaptiveCard {
  const job = candidates.find((c) => c.job)?.job;
  const found = candidates.some((c) => !c.job);
  const choices = candidates.map((c) => ({ title: candidateTitle(c, t), value: c.id }));
  return card(
    [
      textBlock(t(msg(job ? 'common:skills.jobReviewTitle' : 'common:skills.reviewTitle', { job: job ?? '' })), 'title'),
      textBlock(t(msg(job && found ? 'common:skills.jobAndFoundHint' : job ? 'common:skills.jobHint' : 'common:skills.reviewHint')), 'subtle'),
      choiceSet('answer', choices, true, t(msg('common:skills.chooseLabel'))),
      { type: 'Input.Text', id: 'added', maxLength: 240, label: t(msg('common:skills.addLabel')), placeholder: t(msg('common:skills.addPlaceholder')) },
      textBlock(t(msg('common:skills.source')), 'subtle'),
    ],
    // "None of these" sends the typed field too: a skill written there is kept, never lost.
    [primary(submit(t(msg('common:skills.confirm')), data)), submit(t(msg('common:skills.none')), { ...data, skip: true })],
  );
}

/** Occupations close to the user's confirmed skills: what they already have and what they would need. */
function occupationsCard(suggestions: readonly KeptOccupation[], data: Record<string, unknown>, t: Translate): AdaptiveCard {
  const names = (skills: readonly { label: string }[]) => skills.map((s) => userText(s.label)).join(', ') || '—';
  const details = suggestions.map((o) => ({
    type: 'Container',
    separator: true,
    items: [
      textBlock(`${userText(o.label)} (ROME ${userText(o.code)})`, 'title'),
      ...(o.said ? [textBlock(t(msg('common:occupations.youSaid', { said: userText(o.said) })), 'subtle')] : []),
      textBlock(t(msg('common:occupations.have', { skills: names(o.matchedSkills) }))),
      textBlock(t(msg('common:occupations.gaps', { skills: names(o.gaps) })), 'subtle'),
    ],
  }));
  return card(
    [
      textBlock(t(msg('common:occupations.title')), 'title'),
      textBlock(t(msg('common:occupations.hint')), 'subtle'),
      ...details,
      choiceSet('answer', suggestions.map((o) => ({ title: o.label, value: o.code })), true, t(msg('common:occupations.chooseLabel'))),
      { type: 'Input.Text', id: 'added', maxLength: 240, label: t(msg('common:occupations.addLabel')), placeholder: t(msg('common:occupations.addPlaceholder')) },
      textBlock(t(msg('common:occupations.source')), 'subtle'),
    ],
    // "None of these" sends the typed field too: a job written there is kept.
    [primary(submit(t(msg('common:occupations.keep')), data)), submit(t(msg('common:occupations.none')), { ...data, skip: true })],
  );
}

function questionCard(question: QuestionStep, data: Record<string, unknown>, t: Translate): AdaptiveCard {
  const prompt = t(msg(question.prompt));
  const body: CardElement[] = [textBlock(prompt, 'title')];
  if (question.hint) body.push(textBlock(t(msg(question.hint)), 'subtle'));
  const input = questionInput(question, t);
  if (input) body.push(input);
  if (question.kind === 'text') body.push(textBlock(t(msg('common:card.typeOrClick')), 'subtle'));
  if (question.details) body.push(...toggled('details', t(msg('common:card.details')), question.details.map((key) => textBlock(t(msg(key))))));
  body.push(...toggled('why', t(msg('common:card.why')), [textBlock(t(msg(question.purpose)), 'subtle')]));
  const answerActions =
    question.kind === 'yesNo'
      ? [primary(submit(t(msg('common:card.yes')), { ...data, choice: 'yes' }, false)), submit(t(msg('common:card.no')), { ...data, choice: 'no' }, false)]
      : [primary(submit(t(msg('common:card.submit')), data))];
  return card(body, [...answerActions, submit(t(msg('common:card.skip')), { ...data, skip: true }, false)]);
}

/** The card input of a question; its label says how to answer (the question itself is the card's title). */
function questionInput(question: QuestionStep, t: Translate): CardElement | undefined {
  switch (question.kind) {
    case 'text':
      return {
        type: 'Input.Text',
        id: 'answer',
        isMultiline: true,
        maxLength: MAX_ANSWER_LENGTH,
        label: t(msg('common:card.answerLabel')),
        placeholder: t(msg('common:card.textPlaceholder')),
      };
    case 'singleChoice':
    case 'multiChoice': {
      const multiple = question.kind === 'multiChoice';
      const choices = (question.options ?? []).map((o) => ({ title: t(msg(o.label)), value: o.value }));
      return choiceSet('answer', choices, multiple, t(msg(multiple ? 'common:card.chooseManyLabel' : 'common:card.chooseOneLabel')));
    }
    case 'scale':
      return scaleInput(question, t(msg('common:card.scaleLabel')), t);
    case 'yesNo':
      return undefined;
  }
}

function scaleInput(question: QuestionStep, label: string, t: Translate): CardElement {
  const { min = 1, max = 5, minLabel, maxLabel } = question.scale ?? {};
  const ends = new Map<number, string | undefined>([[min, minLabel], [max, maxLabel]]);
  const choices = Array.from({ length: max - min + 1 }, (_, i) => {
    const value = min + i;
    const end = ends.get(value);
    return { title: end ? `${value} – ${t(msg(end))}` : String(value), value: String(value) };
  });
  return choiceSet('answer', choices, false, label);
}

/** The answers of `lines` as a FactSet: label, then the answer as the user gave it. */
export function recapFacts(lines: readonly RecapLine[], t: Translate): CardElement {
  return { type: 'FactSet', facts: lines.map((line) => ({ title: t(msg(line.label)), value: describeAnswer(line.question, line.answer, t) })) };
}

/** How a stored answer reads back to the user: their words (shortened), option labels, or a number. */
export function describeAnswer(question: QuestionStep, answer: Answer | undefined, t: Translate): string {
  if (answer?.unsure) return t(msg('common:recap.unsure'));
  if (!answer || answer.skipped || answer.value === undefined) return t(msg('common:recap.skipped'));
  const value = answer.value;
  if (typeof value === 'number') return question.scale ? `${value} / ${question.scale.max}` : String(value);
  if (question.kind === 'text' && typeof value === 'string') return userText(preview(value));
  const values = Array.isArray(value) ? value : [value];
  const label = (v: string) => question.options?.find((o) => o.value === v)?.label;
  if (question.kind === 'yesNo') return t(msg(value === 'yes' ? 'common:card.yes' : 'common:card.no'));
  return values.map((v) => { const key = label(v); return key ? t(msg(key)) : userText(v); }).join(', ');
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= RECAP_ANSWER_PREVIEW ? flat : `${flat.slice(0, RECAP_ANSWER_PREVIEW - 1)}…`;
}
