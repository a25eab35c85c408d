import type { BilanRecord, KeptOccupation, PendingPrompt } from '../bilan/bilan-record.js';
import type { JobDirectory } from '../jobs/job-directory.js';
import type { Locale } from '../locale.js';
import { msg, type MessageRef } from '../messages.js';
import type { SensitiveFinding } from '../sensitive/sensitive-detector.js';
import type { OccupationSuggester } from '../skills/occupation-suggester.js';
import type { SkillExtractor } from '../skills/skill-extractor.js';
import type { Vocabulary } from './answer-parsers.js';
import type { EngineInput, EngineOutput } from './engine-io.js';
import type { FlowStep, QuestionStep } from './flow-schema.js';
import { answerJobReview, jobSkillCandidates, jobsToConfirm } from './job-review.js';
import { confirmedSkillIds, confirmSkills, gatheredCandidates, keepOccupations, readSelection, screenTypedSkills, skillCandidates, splitTypedList, toKept } from './pending-prompts.js';
import { occupationsFromWishes, type WishRanker } from './wish-ranking.js';

type ActionStep = Extract<FlowStep, { type: 'action' }>;

export interface PendingCardsOptions {
  readonly vocabulary: Vocabulary;
  readonly skills?: SkillExtractor | undefined;
  readonly occupations?: OccupationSuggester | undefined;
  readonly occupationRanker?: WishRanker | undefined;
  readonly jobs?: JobDirectory | undefined;
  readonly sensitive?: { detect(text: string): SensitiveFinding | undefined } | undefined;
}

/** What a reply to a pending card does: the flow goes on, the card is shown again, or the reply is not understood. */
export type PendingOutcome =
  | { readonly kind: 'next'; readonly record: BilanRecord; readonly notes: readonly EngineOutput[] }
  | { readonly kind: 'again'; readonly pending: PendingPrompt; readonly notes: readonly EngineOutput[] }
  | { readonly kind: 'unreadable'; readonly reason: MessageRef };

const MAX_OCCUPATIONS = 5;

/** The cards a flow waits on between two steps: jobs to confirm, skills to tick, occupations to keep. */
export class PendingCards {
  constructor(private readonly options: PendingCardsOptions) {}

  /** The jobs named in the step's `question`, to confirm. */
  jobs(record: BilanRecord, step: ActionStep, locale: Locale): PendingPrompt | undefined {
    const directory = this.options.jobs;
    return directory && step.question ? jobsToConfirm(record, step.question, step.alsoFrom ?? [], directory, locale) : undefined;
  }

  /** The skills found in the answers to the step's `questions`, on one card. */
  gatheredReview(record: BilanRecord, step: ActionStep, locale: Locale): PendingPrompt | undefined {
    const skills = this.options.skills;
    if (!skills || !step.questions) return undefined;
    const found = step.questions.map((id) => {
      const value = record.answers[id]?.value;
      return typeof value === 'string' ? skillCandidates(skills.extract(value, locale), record).map((c) => ({ ...c, from: id })) : [];
    });
    const candidates = gatheredCandidates(found);
    return candidates.length === 0 ? undefined : { type: 'skillReview', questionId: step.id, candidates };
  }

  /** After an answer: the current job's core competences (`jobSkills`) and the skills found in it, to tick. */
  skillReview(record: BilanRecord, question: QuestionStep, locale: Locale): PendingPrompt | undefined {
    const value = record.answers[question.id]?.value;
    const text = typeof value === 'string' ? value : undefined;
    const fromJob = question.jobSkills && this.options.jobs ? jobSkillCandidates(record, text, this.options.jobs, locale) : [];
    const found = question.extractSkills && this.options.skills && text ? skillCandidates(this.options.skills.extract(text, locale), record) : [];
    const candidates = [...fromJob, ...found.filter((c) => !fromJob.some((j) => j.id === c.id))];
    return candidates.length === 0 ? undefined : { type: 'skillReview', questionId: question.id, candidates };
  }

  /** Occupations ranked from the step's wishes, else close to the confirmed skills. */
  occupations(record: BilanRecord, step: ActionStep, locale: Locale): PendingPrompt | undefined {
    const suggester = this.options.occupations;
    const skillIds = confirmedSkillIds(record);
    const confirmedJobs = [...(record.jobs ?? [])].sort((a, b) => Number(b.current ?? false) - Number(a.current ?? false)).flatMap((j) => (j.code ? [j.code] : []));
    const ranked = occupationsFromWishes(this.options.occupationRanker, record, step.wishes, { skillIds, locale, limit: MAX_OCCUPATIONS, confirmedJobs });
    const suggestions = ranked.length > 0 || !suggester || skillIds.length === 0 ? ranked : suggester.suggest({ skillIds, holland: record.interests?.holland, locale, limit: MAX_OCCUPATIONS });
    return suggestions.length === 0 ? undefined : { type: 'occupations', suggestions: suggestions.map(toKept) };
  }

  /** Jobs the person typed on the occupation card, each read as the fiche it names or the closest one. */
  private typedOccupations(record: BilanRecord, typed: readonly string[], locale: Locale): { kept: KeptOccupation[]; notes: EngineOutput[]; unknown: number } {
    const directory = this.options.jobs;
    const skillIds = confirmedSkillIds(record);
    const screened = screenTypedSkills(typed.flatMap((t) => splitTypedList(t)), this.options.sensitive);
    const found = screened.kept.map((text) => directory?.typedOccupation(text, skillIds, locale));
    const kept = found.flatMap((o) => (o ? [{ code: o.code, label: o.label, matchedSkills: [...o.matchedSkills], gaps: [...o.gaps] }] : []));
    const approximate = found.flatMap((o) => (o?.approximate ? [o.label] : []));
    const notes: EngineOutput[] = [...screened.notes, ...approximate.map((label) => ({ type: 'message' as const, message: msg('common:occupations.typedApproximate', { label }) }))];
    return { kept, notes, unknown: found.filter((o) => o === undefined).length };
  }

  answer(record: BilanRecord, pending: PendingPrompt, input: EngineInput, locale: Locale, at: string): PendingOutcome {
    switch (pending.type) {
      case 'jobReview': {
        if (!this.options.jobs) return { kind: 'next', record, notes: [] };
        const outcome = answerJobReview(record, pending, input, { directory: this.options.jobs, vocabulary: this.options.vocabulary, sensitive: this.options.sensitive, locale, at });
        if (outcome.kind === 'unreadable') return { kind: 'unreadable', reason: msg('common:jobs.useCard') };
        return outcome.kind === 'done' ? { kind: 'next', record: outcome.record, notes: outcome.notes } : outcome;
      }
      case 'skillReview': {
        const selection = readSelection(input, pending.candidates, (c) => c.id, this.options.vocabulary);
        if (!selection.ok) return { kind: 'unreadable', reason: msg('common:skills.useCard') };
        const typed = screenTypedSkills(selection.added, this.options.sensitive);
        // On a card gathering several answers, skills typed by the person are filed under the first answer shown.
        const source = pending.candidates.find((c) => c.from)?.from ?? pending.questionId;
        return { kind: 'next', record: { ...confirmSkills(record, source, selection.chosen, typed.kept, at), updatedAt: at }, notes: typed.notes };
      }
      case 'occupations': {
        const selection = readSelection(input, pending.suggestions, (o) => o.code, this.options.vocabulary);
        const typedJob = !selection.ok && input.type === 'text' ? [input.text] : [];
        if (!selection.ok && typedJob.length === 0) return { kind: 'unreadable', reason: msg('common:occupations.useCard') };
        const typed = this.typedOccupations(record, [...(selection.ok ? selection.added : []), ...typedJob], locale);
        if (typed.unknown > 0 && typed.kept.length === 0 && (!selection.ok || selection.chosen.length === 0)) {
          return { kind: 'again', pending, notes: [{ type: 'message', message: msg('common:occupations.typedNotFound') }] };
        }
        const chosen = [...(selection.ok ? selection.chosen : []), ...typed.kept];
        const kept = keepOccupations(record, chosen, this.options.occupations?.taxonomyVersions ?? {}, at);
        return { kind: 'next', record: { ...kept, updatedAt: at }, notes: typed.notes };
      }
    }
  }
}
