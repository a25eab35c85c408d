import type { BilanRecord, JobCandidate, PendingPrompt, SkillCandidate } from '../bilan/bilan-record.js';
import type { JobDirectory, NamedJob } from '../jobs/job-directory.js';
import type { Locale } from '../locale.js';
import type { SensitiveFinding } from '../sensitive/sensitive-detector.js';
import type { Vocabulary } from './answer-parsers.js';
import type { EngineInput, EngineOutput } from './engine-io.js';
import { screenTypedSkills, settledSkillIds, splitTypedList } from './pending-prompts.js';

type JobReview = Extract<PendingPrompt, { type: 'jobReview' }>;

/** Most jobs kept from one career path: the card stays short. */
const MAX_JOBS = 6;

export interface JobReviewContext {
  readonly directory: JobDirectory;
  readonly vocabulary: Vocabulary;
  readonly sensitive?: { detect(text: string): SensitiveFinding | undefined } | undefined;
  readonly locale: Locale;
  readonly at: string;
}

export type JobReviewOutcome =
  | { readonly kind: 'done'; readonly record: BilanRecord; readonly notes: readonly EngineOutput[] }
  | { readonly kind: 'again'; readonly pending: JobReview; readonly notes: readonly EngineOutput[] }
  | { readonly kind: 'unreadable' };

const asCandidate = (job: NamedJob): JobCandidate => ({ code: job.code, label: job.label, said: job.said, ...(job.current ? { current: true as const } : {}) });

/**
 * The jobs named in the answer to `questionId` (a career path), then those other answers (`alsoFrom`) name as the
 * person's own, for them to confirm; undefined when none is recognised.
 */
export function jobsToConfirm(record: BilanRecord, questionId: string, alsoFrom: readonly string[], directory: JobDirectory, locale: Locale): JobReview | undefined {
  const textOf = (id: string): string => {
    const value = record.answers[id]?.value;
    return typeof value === 'string' ? value : '';
  };
  const fromPath = directory.named(textOf(questionId), locale);
  const fromOthers = alsoFrom.flatMap((id) => directory.named(textOf(id), locale).filter((job) => job.own));
  const seen = new Set<string>();
  const named = [...fromPath, ...fromOthers.map((job, i) => ({ ...job, current: i === 0 && !fromPath.some((p) => p.current) }))];
  const jobs = named.filter((job) => !seen.has(job.code) && seen.add(job.code)).slice(0, MAX_JOBS).map(asCandidate);
  return jobs.length === 0 ? undefined : { type: 'jobReview', questionId, jobs };
}

/**
 * The person's reply to the jobs card: « oui » keeps the jobs; « corriger » or « non » asks them to type their jobs;
 * anything typed is read as their jobs (titles recognised, the rest kept in their words) and shown again to confirm.
 */
export function answerJobReview(record: BilanRecord, pending: JobReview, input: EngineInput, context: JobReviewContext): JobReviewOutcome {
  const { vocabulary } = context;
  if (input.type === 'submit') {
    if (input.skip) return { kind: 'done', record, notes: [] };
    if (input.value === 'confirm') return { kind: 'done', record: withJobs(record, pending, context.at), notes: [] };
    if (input.value === 'correct') return { kind: 'again', pending: { ...pending, correcting: true }, notes: [] };
    return typeof input.value === 'string' ? corrected(pending, input.value, context) : { kind: 'unreadable' };
  }
  if (vocabulary.yes.matches(input.text)) return { kind: 'done', record: withJobs(record, pending, context.at), notes: [] };
  if (vocabulary.skip.matches(input.text)) return { kind: 'done', record, notes: [] };
  if (vocabulary.no.matches(input.text)) return { kind: 'again', pending: { ...pending, correcting: true }, notes: [] };
  return corrected(pending, input.text, context);
}

/** The jobs as typed again: recognised titles, then each item that names none, in the person's words. */
function corrected(pending: JobReview, text: string, context: JobReviewContext): JobReviewOutcome {
  const items = splitTypedList(text);
  if (items.length === 0) return { kind: 'unreadable' };
  const recognised = context.directory.named(items.join('. '), context.locale);
  // A title never spans two items: an item holding none of the titles read is kept in the person's words.
  const unnamed = items.filter((item) => !recognised.some((job) => item.includes(job.said)));
  const screened = screenTypedSkills(unnamed, context.sensitive);
  const typed: JobCandidate[] = screened.kept.map((label) => ({ label }));
  const jobs = [...recognised.map(asCandidate), ...typed].slice(0, MAX_JOBS);
  if (jobs.length === 0) return { kind: 'unreadable' };
  const { correcting: _done, ...shown } = pending;
  return { kind: 'again', pending: { ...shown, jobs }, notes: screened.notes };
}

function withJobs(record: BilanRecord, pending: JobReview, at: string): BilanRecord {
  const others = (record.jobs ?? []).filter((job) => job.question !== pending.questionId);
  return { ...record, jobs: [...others, ...pending.jobs.map((job) => ({ ...job, question: pending.questionId, confirmedAt: at }))], updatedAt: at };
}

/**
 * The core competences of the job the person holds now, to tick on the skills card: the confirmed current job, else
 * the last one confirmed, else a job this answer names as theirs. Those already confirmed or said to be lacking are left out.
 */
export function jobSkillCandidates(record: BilanRecord, answer: string | undefined, directory: JobDirectory, locale: Locale): SkillCandidate[] {
  const job = currentJob(record, answer, directory, locale);
  if (!job?.code) return [];
  const known = settledSkillIds(record);
  return directory
    .coreSkills(job.code, locale)
    .filter((skill) => !known.has(skill.id))
    .map((skill) => ({ id: skill.id, label: skill.label, kind: skill.kind, evidence: [], job: job.label, ...(skill.example ? { example: skill.example } : {}) }));
}

function currentJob(record: BilanRecord, answer: string | undefined, directory: JobDirectory, locale: Locale): { readonly code?: string | undefined; readonly label: string } | undefined {
  const confirmed = (record.jobs ?? []).filter((job) => job.code);
  const held = confirmed.find((job) => job.current) ?? confirmed.at(-1);
  return held ?? (answer ? directory.named(answer, locale).find((job) => job.own) : undefined);
}
