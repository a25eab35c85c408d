import { z } from 'zod';

/** The longest comment a user can add to their synthesis. */
export const MAX_COMMENT_CHARS = 2000;

/**
 * What our Adaptive Cards post back (Action.Submit data merged with the card's inputs). Anything
 * else in `activity.value` (including extra fields, which our cards never send) makes the submission
 * invalid: it is treated as a stale card. Nothing here is ever used as a storage key.
 */
const answerPayload = z.object({
  bilan: z.literal('answer'),
  flowId: z.string().max(64),
  flowVersion: z.number().int(),
  promptId: z.string().max(128),
  choice: z.string().max(64).optional(),
  answer: z.string().max(100_000).optional(),
  added: z.string().max(10_000).optional(),
  skip: z.literal(true).optional(),
  keep: z.literal(true).optional(),
  rewrite: z.literal(true).optional(),
}).strict();

const commandPayload = z.object({
  bilan: z.literal('command'),
  command: z.enum(['restartConfirm', 'restartCancel', 'setLanguage', 'shareConfirm', 'shareCancel', 'resume', 'stopReminders', 'eraseConfirm', 'eraseCancel', 'keepConfirm', 'keepCancel', 'pause', 'later', 'synthesis', 'commentConfirm', 'commentCancel']),
  locale: z.string().max(8).optional(),
  /** A comment held back for confirmation rides in the card's button only, never stored before the click. */
  comment: z.string().max(MAX_COMMENT_CHARS).optional(),
}).strict();

/** « modifier ma synthèse »: the card's inputs, `text:<item id>` and `remove:<item id>`, as strings. */
const synthesisEditPayload = z.object({ bilan: z.literal('synthesisEdit') }).catchall(z.string().max(MAX_COMMENT_CHARS));

export const submitPayloadSchema = z.discriminatedUnion('bilan', [answerPayload, commandPayload, synthesisEditPayload]);

export type SubmitPayload = z.infer<typeof submitPayloadSchema>;
export type AnswerPayload = z.infer<typeof answerPayload>;
export type CommandPayload = z.infer<typeof commandPayload>;
export type SynthesisEditPayload = z.infer<typeof synthesisEditPayload>;

/** The card submission carried by an activity, or `invalid` when `value` is present but not ours. */
export function readSubmit(value: unknown): SubmitPayload | 'invalid' | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = submitPayloadSchema.safeParse(value);
  return parsed.success ? parsed.data : 'invalid';
}
