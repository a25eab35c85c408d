import type { Locale } from '../locale.js';
import type { OccupationSkill, OccupationSuggestion } from '../skills/occupation-suggester.js';
import { GENERIC_AGREEMENT, type JobCatalog, type RecognisedJob } from './job-catalog.js';
import { fold, tokenize } from './title-keys.js';
import { WishConcepts } from './wish-concepts.js';

/** What a person said about their work and wishes (any field may be empty). */
export interface WishAnswers {
  readonly careerPath?: string;
  readonly currentMissions?: string;
  readonly moreOf?: string;
  readonly lessOf?: string;
  readonly targets?: string;
  readonly outsideWork?: string;
}

/** Skill proximity and the skills shown next to a fiche (the skill-based suggester). */
export interface SkillSide {
  /** Fiche code → similarity between the person's skills and the fiche's, for the closest fiches. */
  proximity(skillIds: readonly string[], holland: string | undefined, locale: Locale): ReadonlyMap<string, number>;
  /** The person's skills the fiche uses (matched) and its core skills they have not confirmed (gaps), in `locale`. */
  describe(code: string, skillIds: readonly string[], locale: Locale): { matched: readonly OccupationSkill[]; gaps: readonly OccupationSkill[] };
}

export interface RankingQuery {
  readonly answers: WishAnswers;
  readonly locale: Locale;
  /** Skills the person confirmed (ROME or ESCO ids): the only ones listed as matched. */
  readonly skillIds: readonly string[];
  readonly holland?: string | undefined;
  /** Jobs the person already confirmed (their current job first); recognised from the answers when absent. */
  readonly confirmedJobs?: readonly string[];
  readonly limit: number;
}

export interface Ranking {
  /** Jobs the person has held or holds, current first (fiche codes, labelled). */
  readonly jobs: readonly RecognisedJob[];
  /** Jobs named as targets, best match first. */
  readonly targets: readonly RecognisedJob[];
  /** Fiches named in a negative clause of the targets answer (« surtout pas la vente »). */
  readonly ruledOut: readonly string[];
  readonly occupations: readonly OccupationSuggestion[];
}

/** How much each reason to propose a fiche counts (each signal is scaled to [0, 1] first). */
export const RANKING_WEIGHTS = {
  namedTarget: 10,
  /** Another fiche the words of a named target name almost as often (« electrician »: building or maintenance). */
  namedAlternative: 5,
  targetWords: 3,
  moreOfWords: 1,
  targetNeighbour: 0.8,
  currentNeighbour: 0.2,
  skills: 0.6,
  /** Publics, settings and activities the wishes name (« avec des enfants », "outdoors"), through work contexts. */
  concepts: 2,
  /** How common the job is (its number of ROME appellations, log-scaled): breaks near-ties, as among the many fiches a
   * concept alone favours (« au calme », "working from home"). */
  common: 0.1,
  /** A fiche carrying a working condition the person wants less of (« les nuits », "heavy lifting") weighs this much. */
  disfavoured: 0.7,
  /** In English, a fiche with no English title (no ESCO occupation maps to it) weighs this much less. */
  untranslated: 0.8,
  /** A fiche this much about what the person wants less of (relative to the best) is left out… */
  lessOfCut: 0.6,
} as const;
const MAX_JOBS = 3;
/** A job named by a whole title. */
const SURE = 0.5;
/** Fiches considered from each word-based signal. */
const POOL = 100;

/**
 * Occupations from what the person wants: first the jobs they name as targets, then fiches their wishes describe,
 * mobility neighbours of the targets and of the current job, then skill (and RIASEC) proximity. Fiches built on
 * what they want less of, those they rule out and their current job are left out.
 */
export class OccupationRanker {
  constructor(
    private readonly catalog: JobCatalog,
    private readonly skills: SkillSide,
    private readonly negations: Readonly<Record<Locale, readonly string[]>>,
    private readonly concepts: WishConcepts = new WishConcepts([], []),
  ) {}

  rank(query: RankingQuery): Ranking {
    const { answers, locale } = query;
    const jobs = this.heldJobs(query);
    const context = [answers.moreOf, answers.currentMissions, answers.careerPath].filter((t) => t).join('. ');
    const { targets, ruledOut } = this.targets(answers.targets ?? '', locale, context);
    const score = new Map<string, number>();
    const add = (code: string, value: number): void => {
      if (value > 0 && this.catalog.fiche(code)) score.set(code, (score.get(code) ?? 0) + value);
    };
    targets.forEach((t) => add(t.code, RANKING_WEIGHTS.namedTarget * t.confidence));
    targets.forEach((t) => t.alternatives.forEach((code) => add(code, RANKING_WEIGHTS.namedAlternative * t.confidence)));
    const reading = this.concepts.read(positiveText(answers.targets ?? '', this.negationWords(locale)), answers.moreOf ?? '', answers.lessOf ?? '', locale);
    const wishWords = topScaled(this.wishRelevance(reading.targets, context, locale));
    for (const [code, value] of wishWords) add(code, RANKING_WEIGHTS.targetWords * value);
    const moreOfWords = topScaled(this.catalog.relevance(reading.moreOf, locale));
    for (const [code, value] of moreOfWords) add(code, RANKING_WEIGHTS.moreOfWords * value);
    for (const [code, value] of reading.favoured) add(code, RANKING_WEIGHTS.concepts * value);
    // The neighbours of a target count as much as the target is sure (a generic head read through its context, less).
    const targetCodes: [string, number][] = targets.length > 0 ? targets.map((t) => [t.code, t.confidence]) : [...wishWords].slice(0, 2).map(([c]) => [c, 1]);
    for (const [code, sure] of targetCodes) neighbours(this.catalog.fiche(code)?.mobility ?? []).forEach(([n, v]) => add(n, RANKING_WEIGHTS.targetNeighbour * v * sure));
    for (const job of jobs.slice(0, 1)) neighbours(this.catalog.fiche(job.code)?.mobility ?? []).forEach(([n, v]) => add(n, RANKING_WEIGHTS.currentNeighbour * v));
    for (const [code, value] of this.skills.proximity(query.skillIds, query.holland, locale)) add(code, RANKING_WEIGHTS.skills * value);
    for (const [code, value] of score) score.set(code, value + RANKING_WEIGHTS.common * this.catalog.commonness(code));
    for (const code of reading.disfavoured) if (score.has(code)) score.set(code, (score.get(code) ?? 0) * RANKING_WEIGHTS.disfavoured);

    const excluded = new Set([...ruledOut, ...this.lessOf(reading.lessOf, [wishWords, moreOfWords], locale)]);
    // A job held is proposed again only when it is the one target named (« rester comptable, ailleurs »): named with
    // others, it qualifies them (« formateur cariste »).
    const named = new Set(targets.map((t) => t.code));
    for (const job of jobs) if (!named.has(job.code) || named.size > 1) excluded.add(job.code);
    if (locale !== 'fr') for (const [code, value] of score) if (!this.catalog.fiche(code)?.en) score.set(code, value * RANKING_WEIGHTS.untranslated);
    // Several fiches may carry the same title in English (one ESCO occupation): the best of them stands for all.
    const labels = new Set<string>();
    const ranked: [string, number][] = [];
    const limit = Math.max(0, Math.floor(query.limit));
    for (const [code, value] of [...score].filter(([c]) => !excluded.has(c)).sort(before)) {
      if (ranked.length >= limit) break;
      const label = this.catalog.label(code, locale);
      if (!labels.has(label)) ranked.push([code, value]);
      labels.add(label);
    }
    const occupations = ranked.map(([code, value]) => {
      const { matched, gaps } = this.skills.describe(code, query.skillIds, locale);
      const fiche = this.catalog.fiche(code);
      const label = this.catalog.label(code, locale);
      const said = saidOtherwise(targets, code, label);
      return { code, label, matchedSkills: matched, gaps, riasec: fiche?.riasec, score: Math.round(value * 1e4) / 1e4, ...(said ? { said } : {}) };
    });
    return { jobs, targets, ruledOut, occupations };
  }

  /**
   * The person's jobs, current first: the confirmed ones (the career path as they checked it) and those their missions
   * name as theirs (not « I report to the judge »); without confirmed jobs, those named in the career path too.
   */
  private heldJobs(query: RankingQuery): RecognisedJob[] {
    const { answers, locale } = query;
    const confirmed = (query.confirmedJobs ?? []).map((code) => ({ code, label: this.catalog.label(code, locale), text: '', start: 0, end: 0, confidence: 1, clause: 0, alternatives: [] }));
    const path = confirmed.length > 0 ? [] : this.catalog.recognise(answers.careerPath ?? '', locale);
    const found = [...path, ...this.catalog.ownJobs(answers.currentMissions ?? '', locale)];
    // A whole title first (the current job is usually named first); the head of titles only after.
    const named = [...found.filter((job) => job.confidence >= SURE), ...found.filter((job) => job.confidence < SURE)];
    const seen = new Set<string>();
    return [...confirmed, ...named].filter((job) => !seen.has(job.code) && seen.add(job.code)).slice(0, MAX_JOBS + confirmed.length);
  }

  /** Jobs named in the targets answer, and those named in a clause that says no to them. */
  private targets(text: string, locale: Locale, context: string): { targets: RecognisedJob[]; ruledOut: string[] } {
    const negations = this.negationWords(locale);
    const negativeClauses = new Set(tokenize(text, locale).filter((t) => negations.has(fold(t.word))).map((t) => t.clause));
    const named = withoutQualifiers(this.catalog.recognise(text, locale, context), text, locale);
    return {
      targets: named.filter((job) => !negativeClauses.has(job.clause)).sort((a, b) => b.confidence - a.confidence),
      ruledOut: named.filter((job) => negativeClauses.has(job.clause)).map((job) => job.code),
    };
  }

  /**
   * How much the targets are about each fiche, where the words of a generic head (« assistant », "trainer", and the
   * words sharing its root) count for a fiche only as much as the rest of the targets and the context agree with it
   * (scaled to the fiche they agree with most): "trainer" brings no dog trainer to a person whose words say nothing of
   * animals.
   */
  private wishRelevance(targets: string, context: string, locale: Locale): Map<string, number> {
    const genericRoots = this.catalog.genericRoots(locale);
    const tokens = tokenize(targets, locale);
    const generic = tokens.filter((t) => genericRoots.has(t.root));
    if (generic.length === 0) return this.catalog.relevance(targets, locale);
    const rest = this.catalog.specificWords(targets, locale);
    const scores = this.catalog.relevance(rest, locale);
    const agreement = topScaled(this.catalog.relevance(`${rest}. ${this.catalog.specificWords(context, locale)}`, locale));
    for (const [code, value] of this.catalog.relevance(generic.map((t) => t.word).join(' '), locale)) {
      if ((agreement.get(code) ?? 0) >= GENERIC_AGREEMENT) scores.set(code, (scores.get(code) ?? 0) + value);
    }
    return scores;
  }

  /** Fiches mostly about what the person wants less of: more about it than about their targets and wishes (`wishes`). */
  private lessOf(lessOf: string, wishes: readonly ReadonlyMap<string, number>[], locale: Locale): string[] {
    const wanted = new Map<string, number>();
    for (const words of wishes) for (const [code, value] of words) wanted.set(code, (wanted.get(code) ?? 0) + value);
    return [...topScaled(this.catalog.relevance(lessOf, locale))]
      .filter(([code, value]) => value >= RANKING_WEIGHTS.lessOfCut && value > (wanted.get(code) ?? 0))
      .map(([code]) => code);
  }

  private negationWords(locale: Locale): Set<string> {
    return new Set(this.negations[locale].map(fold));
  }
}

/**
 * Two titles side by side make one job, the second qualifying the first in French (« formateur cariste »), the first
 * qualifying the second in English ("forklift trainer"): the qualifier is not a target of its own.
 */
function withoutQualifiers(jobs: readonly RecognisedJob[], text: string, locale: Locale): RecognisedJob[] {
  const adjacent = (a: RecognisedJob | undefined, b: RecognisedJob | undefined): boolean => a !== undefined && b !== undefined && /^\s+$/u.test(text.slice(a.end, b.start));
  return jobs.filter((job, i) => (locale === 'fr' ? !adjacent(jobs[i - 1], job) : !adjacent(job, jobs[i + 1])));
}

/** The best POOL scores, divided by the best one. */
function topScaled(scores: ReadonlyMap<string, number>): Map<string, number> {
  const top = [...scores].sort(before).slice(0, POOL);
  const best = top[0]?.[1] ?? 0;
  return new Map(best > 0 ? top.map(([code, value]) => [code, value / best]) : []);
}

const before = (a: readonly [string, number], b: readonly [string, number]): number => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

/** Mobility targets with a weight that decreases with their rank in the fiche's list. */
function neighbours(codes: readonly string[]): [string, number][] {
  return codes.map((code, rank) => [code, 1 / (1 + rank / 4)]);
}

/** The clauses of `text` that carry none of the negation words. */
function positiveText(text: string, negations: ReadonlySet<string>): string {
  return text
    .split(/[.,;:!?\n]|\b(?:mais|but)\b/u)
    .filter((clause) => !clause.split(/[^\p{L}]+/u).some((word) => negations.has(fold(word))))
    .join('. ');
}

/** The words a target was named with, when the fiche's label shares none of them (so the person sees what was read). */
function saidOtherwise(targets: readonly RecognisedJob[], code: string, label: string): string | undefined {
  const said = targets.find((t) => t.code === code)?.text.trim();
  if (!said) return undefined;
  const stems = (text: string) => fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3).map((w) => w.slice(0, 5));
  const labelStems = new Set(stems(label));
  return stems(said).some((stem) => labelStems.has(stem)) ? undefined : said;
}
