import type { Activity } from 'botbuilder';

type Json = Record<string, unknown>;

/** The Adaptive Card content of an activity, if it carries one. */
export function adaptiveCardOf(activity: Partial<Activity> | undefined): Json | undefined {
  const attachment = activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as Json | undefined;
}

/** Every TextBlock text of a card (in cimode: the i18n keys), depth first. */
export function cardTexts(card: Json | undefined): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Json;
      if (element['type'] === 'TextBlock' && typeof element['text'] === 'string') out.push(element['text']);
      Object.values(element).forEach(walk);
    }
  };
  walk(card?.['body']);
  return out;
}

/** The Action.Submit buttons of a card: title and data. */
export function submitActions(card: Json | undefined): { title: string; data: Json }[] {
  const actions = (card?.['actions'] as Json[] | undefined) ?? [];
  return actions.filter((a) => a['type'] === 'Action.Submit').map((a) => ({ title: String(a['title']), data: a['data'] as Json }));
}

/** The Action.Submit whose title is `title` (in cimode: an i18n key). */
export function actionTitled(card: Json | undefined, title: string): Json {
  const action = submitActions(card).find((a) => a.title === title);
  if (!action) throw new Error(`No action titled ${title}; card has ${submitActions(card).map((a) => a.title).join(', ')}`);
  return action.data;
}

/** The input element with id `answer` of a question card. */
export function answerInput(card: Json | undefined): Json | undefined {
  return ((card?.['body'] as Json[] | undefined) ?? []).find((e) => e['id'] === 'answer' || e['id'] === 'choice');
}

/** The values of the first Input.ChoiceSet of a card (e.g. the skill ids offered for confirmation). */
export function choiceValues(card: Json | undefined): string[] {
  const input = ((card?.['body'] as Json[] | undefined) ?? []).find((e) => e['type'] === 'Input.ChoiceSet');
  return ((input?.['choices'] as { value: string }[] | undefined) ?? []).map((c) => c.value);
}
