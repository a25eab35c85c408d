import { z } from 'zod';
import { LOCALES } from '../locale.js';
import { PHASES, type PhaseId } from '../phases.js';

const isoDate = z.string().datetime();

const answerSchema = z
  .object({
    value: z.union([z.string(), z.number(), z.array(z.string())]).optional(),
    skipped: z.literal(true).optional(),
    at: isoDate,
    flow: z.string(),
    flowVersion: z.number().int(),
  })
  .strict();

const phaseProgressSchema = z
  .object({
    flowId: z.string(),
    flowVersion: z.number().int(),
    stepId: z.string(),
    status: z.enum(['active', 'completed']),
    startedAt: isoDate,
    completedAt: isoDate.optional(),
    /** Inside a recap: the user is choosing what to correct, or re-answering one question. */
    recap: z.union([z.object({ mode: z.literal('choosing') }), z.object({ mode: z.literal('editing'), questionId: z.string() })]).optional(),
  })
  .strict();

const consentSchema = z
  .object({
    informationAcknowledgedAt: isoDate.optional(),
    engagedAt: isoDate.optional(),
    refusedAt: isoDate.optional(),
    objectivesConfirmedAt: isoDate.optional(),
  })
  .strict();

/** Schema of a stored bilan record; anything read back from storage is checked against it. */
export const bilanRecordSchema = z
  .object({
    schemaVersion: z.literal(1),
    userId: z.string().min(1),
    createdAt: isoDate,
    updatedAt: isoDate,
    locale: z.enum(LOCALES).optional(),
    consent: consentSchema,
    phases: z.record(z.enum(PHASES), phaseProgressSchema),
    answers: z.record(z.string(), answerSchema),
    pausedAt: isoDate.optional(),
  })
  .strict();

export type BilanRecord = z.infer<typeof bilanRecordSchema>;
export type Answer = z.infer<typeof answerSchema>;
export type AnswerValue = NonNullable<Answer['value']>;
export type PhaseProgress = z.infer<typeof phaseProgressSchema>;

/** A new, empty record: nothing is known about the user yet. */
export function emptyRecord(userId: string, now: Date): BilanRecord {
  const at = now.toISOString();
  return { schemaVersion: 1, userId, createdAt: at, updatedAt: at, consent: {}, phases: {}, answers: {} };
}

/** The phase the user is in: the first one that is not completed, among those started. */
export function currentPhase(record: BilanRecord): PhaseId | undefined {
  return PHASES.find((phase) => record.phases[phase]?.status === 'active');
}
