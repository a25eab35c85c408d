import type { Locale } from '../locale.js';
import { fold, tokenize, wordKey } from './title-keys.js';
import { currentJobIndex } from './current-job.js';
import { FicheRetrieval } from './fiche-retrieval.js';
import type { NamedJob } from './job-directory.js';
import { JobTitleIndex, type JobTitle, type TitleMatch } from './job-title-index.js';

/** A ROME fiche métier as job recognition and occupation ranking need it. */
export interface Fiche {
  readonly code: string;
  readonly fr: string;
  /** The ESCO occupation's English label, through the ESCO–ROME mapping, when there is one. */
  readonly en?: string;
  /** The English title is that of an ESCO occupation mapped mainly to another fiche. */
  readonly enBorrowed?: boolean;
  readonly riasec?: string;
  readonly definition: string;
  readonly definitionEn?: string;
  /** ROME mobilités: the fiches a person in this one can move to, closest first. */
  readonly mobility: readonly string[];
  /** ROME work contexts (publics, structures, conditions, hours), by referential id. */
  readonly contexts?: readonly string[];
  /** [kind of savoir (index in the data's list of ROME sous-catégories), how many of the fiche's savoirs are of it]. */
  readonly knowledge?: readonly (readonly [number, number])[];
}

/** Per language: titles to recognise, words that never name a job, words that say nothing about one. */
export interface JobLanguage {
  readonly titles: readonly JobTitle[];
  /** Articles and prepositions, skipped inside titles (« assistante de la direction »). */
  readonly stopwords: readonly string[];
  /** Words of wishes that say nothing about a job (« voudrais », « devenir », « maybe »). */
  readonly wishWords: readonly string[];
  /** Words that say a job is held now (« depuis », "currently"). */
  readonly currentMarkers?: readonly string[];
  /** Words after which a title is the person's own (« je suis », "as a"). */
  readonly selfMarkers?: readonly string[];
  /** English articles: they may differ between a title and how it is written ("head of the department"). */
  readonly articles?: readonly string[];
  /** English words that may stand before a title without changing the job (« senior »). */
  readonly grades?: readonly string[];
}

export interface JobCatalogData {
  readonly fiches: readonly Fiche[];
  readonly languages: Readonly<Record<Locale, JobLanguage>>;
}

/** A job a person named, resolved to a ROME fiche, labelled in their language. */
export interface RecognisedJob extends TitleMatch {
  readonly label: string;
}

/** The ROME fiches, their labels in both languages, and the means to find them in what a person writes. */
export class JobCatalog {
  private readonly byCode = new Map<string, Fiche>();
  private readonly indexes = new Map<Locale, JobTitleIndex>();
  private readonly retrievals = new Map<Locale, FicheRetrieval>();
  private readonly ownRetrievals = new Map<Locale, FicheRetrieval>();
  private readonly genericRootSets = new Map<Locale, Set<string>>();
  private readonly markers = new Map<Locale, MarkerWords>();
  private common: Map<string, number> | undefined;

  constructor(private readonly data: JobCatalogData) {
    for (const fiche of data.fiches) this.byCode.set(fiche.code, fiche);
  }

  fiche(code: string): Fiche | undefined {
    return this.byCode.get(code);
  }

  /** How common the fiche's job is, in [0, 1]: the log of its number of French titles, relative to the most. */
  commonness(code: string): number {
    if (!this.common) {
      const counts = new Map<string, number>();
      for (const t of this.data.languages.fr.titles) counts.set(t.code, (counts.get(t.code) ?? 0) + 1);
      const most = Math.log1p(Math.max(1, ...counts.values()));
      this.common = new Map([...counts].map(([c, n]) => [c, Math.log1p(n) / most]));
    }
    return this.common.get(code) ?? 0;
  }

  /** The fiche's title in `locale`: English through ESCO, else the French ROME title. */
  label(code: string, locale: Locale): string {
    const fiche = this.byCode.get(code);
    if (!fiche) return code;
    return (locale === 'en' ? fiche.en : undefined) ?? fiche.fr;
  }

  /**
   * The jobs named in `text`, in reading order. `context` (the person's other answers) helps choose among the fiches a
   * title may name: a generic head (« conseiller », "trainer") names the one its qualifier and the context agree with.
   */
  recognise(text: string, locale: Locale, context = ''): RecognisedJob[] {
    if (typeof text !== 'string' || text.trim() === '') return [];
    return this.index(locale)
      .match(text)
      .map((m) => (m.generic ? this.resolvedGeneric(m, text, context, locale) : m))
      .filter((m): m is TitleMatch => m !== undefined && (m.confidence >= 1 || m.generic === true || !this.qualifiedHead(m, text, locale)))
      .map((m) => this.disambiguated(m, text, context, locale))
      .filter((m) => this.byCode.has(m.code))
      .map((m) => this.supported(m, locale))
      .map((m) => ({ ...m, label: this.label(m.code, locale) }));
  }

  /**
   * The fiches named in `text`, once each in reading order, the one held now marked `current`: whole titles, and words
   * that begin a fiche's own title (« infirmière », "nurse"); weaker guesses are left for the person to type.
   */
  named(text: string, locale: Locale): NamedJob[] {
    const seen = new Set<string>();
    const jobs = this.recognise(text, locale).filter((job) => job.confidence >= NAMED_CONFIDENCE && !seen.has(job.code) && seen.add(job.code));
    const { current: now, self } = this.markerWords(locale);
    const current = currentJobIndex(text, jobs.map((job) => job.start), now);
    return jobs.map((job, i) => ({ code: job.code, label: job.label, said: job.text, current: i === current, own: isOwnTitle(text, job.start, self) }));
  }

  /** The jobs `text` names as the person's own (« je suis… », at the start of a sentence), not others' (« to the judge »). */
  ownJobs(text: string, locale: Locale): RecognisedJob[] {
    const { self } = this.markerWords(locale);
    return this.recognise(text, locale).filter((job) => isOwnTitle(text, job.start, self));
  }

  /**
   * An English word that only begins titles (« owner ») right after another word that is no grade names another job
   * ("product owner"): it is not read as the titles it begins.
   */
  private qualifiedHead(match: TitleMatch, text: string, locale: Locale): boolean {
    if (locale !== 'en') return false;
    const before = /([\p{L}]+)\s+$/u.exec(text.slice(0, match.start))?.[1];
    if (!before) return false;
    return !this.markerWords(locale).beforeTitle.has(fold(before));
  }

  /**
   * A generic head (« trainer ») names, among the fiches it heads, the one its clause's other words and the context
   * agree with (BM25 over the fiches' titles and definitions, the head word left out), favouring the fiches it heads
   * most often; fiches the words do not agree with at all are never named. Without any agreeing word, the head names
   * what it named before (the fiche most of its titles belong to, when one has a fair share), or nothing.
   */
  private resolvedGeneric(match: TitleMatch, text: string, context: string, locale: Locale): TitleMatch | undefined {
    const votes = match.votes ?? new Map<string, number>();
    const clause = tokenize(text, locale).filter((t) => t.clause === match.clause && (t.end <= match.start || t.start >= match.end));
    const said = this.specificWords(clause.map((t) => t.word).join(' '), locale);
    const rest = `${text.slice(0, match.start)} ${text.slice(match.end)}`;
    const query = [said, this.specificWords(rest, locale), this.specificWords(context, locale)].join('. ');
    const relevance = this.relevance(query, locale);
    // Agreement relative to the fiches the words are most about, among all: a candidate sharing one stray word is none.
    const best = Math.max(0, ...relevance.values());
    const most = Math.max(0, ...votes.values());
    const scored = [...votes.keys()]
      .map((code): [string, number] => [code, (relevance.get(code) ?? 0) * (GENERIC_VOTE_FLOOR + (1 - GENERIC_VOTE_FLOOR) * ((votes.get(code) ?? 0) / most))])
      .filter(([code]) => (relevance.get(code) ?? 0) >= best * GENERIC_AGREEMENT)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = scored[0]?.[1] ?? 0;
    if (top === 0) {
      const unsaid = relevance.size === 0 && query.replace(/[^\p{L}]+/gu, '') === '';
      return unsaid && match.confidence > 0 && !this.qualifiedHead(match, text, locale) ? { ...match, generic: false } : undefined;
    }
    const codes = scored.filter(([, score]) => score >= top * GENERIC_ALTERNATIVE_RATIO).map(([code]) => code).slice(0, 1 + GENERIC_ALTERNATIVES);
    const qualifier = locale === 'en' ? clause.filter((t) => t.end <= match.start).at(-1) : undefined;
    const adjacent = qualifier !== undefined && /^\s+$/u.test(text.slice(qualifier.end, match.start));
    const [code = '', ...alternatives] = codes;
    return { ...match, code, alternatives, confidence: GENERIC_CONFIDENCE, ...(adjacent ? { start: qualifier.start, text: text.slice(qualifier.start, match.end) } : {}) };
  }

  /** The word heads job titles spread over several ROME domains (« conseiller », "trainer"; not « infirmier »). */
  isGenericHead(word: string, locale: Locale): boolean {
    return this.index(locale).generic.has(wordKey(word, locale));
  }

  /** `text` without the words sharing a root with a generic head (« assistant », "manager"): they agree with anything. */
  specificWords(text: string, locale: Locale): string {
    const generic = this.genericRoots(locale);
    return tokenize(text, locale).filter((t) => !generic.has(t.root)).map((t) => t.word).join(' ');
  }

  /** The roots of the generic heads. */
  genericRoots(locale: Locale): ReadonlySet<string> {
    let roots = this.genericRootSets.get(locale);
    if (!roots) {
      roots = new Set([...this.index(locale).generic].map((key) => tokenize(key, locale)[0]?.root ?? key));
      this.genericRootSets.set(locale, roots);
    }
    return roots;
  }

  /**
   * When the words name several fiches (an ESCO title the mapping gives to several), the one whose own title and
   * definition agree best with the words said and the context; the mapping's votes count as evidence, not as the decider.
   * An English title its fiche's own text never uses ("occupational health nurse" → insurance risk) is weaker evidence,
   * and the fiches whose own title and definition are most about its words compete with it.
   */
  private disambiguated(match: TitleMatch, text: string, context: string, locale: Locale): TitleMatch {
    if (match.generic) return match;
    if (match.confidence < 1) {
      if (match.alternatives.length === 0) return match;
      // The head of titles (« nurse »): the fiche the rest of the sentence is most about.
      const candidates = [match.code, ...match.alternatives];
      const relevance = this.relevance(text, locale);
      const best = candidates.reduce((a, b) => ((relevance.get(b) ?? 0) > (relevance.get(a) ?? 0) ? b : a));
      return best === match.code ? match : { ...match, code: best, alternatives: candidates.filter((c) => c !== best) };
    }
    // Without a context (a career path), only the mapping's own candidates compete.
    const unsupported = locale === 'en' && context.trim() !== '' && !this.supports(match.code, match.text, locale);
    if (match.alternatives.length === 0 && !unsupported) return match;
    const votes = new Map(match.votes ?? [[match.code, 1]]);
    const candidates = [match.code, ...match.alternatives, ...(unsupported ? this.ownTop(match.text, locale) : [])].filter((c, i, all) => all.indexOf(c) === i);
    const topVotes = Math.max(0, ...candidates.map((c) => votes.get(c) ?? 0));
    const vote = (code: string): number => (topVotes > 0 ? (votes.get(code) ?? 0) / topVotes : 0) * (this.supports(code, match.text, locale) ? 1 : UNSUPPORTED_TITLE);
    const clause = tokenize(text, locale).filter((t) => t.clause === match.clause).map((t) => t.word).join(' ');
    const agreement = (words: string): ((code: string) => number) => {
      const own = this.ownRelevance(words, locale);
      const most = Math.max(0, ...candidates.map((c) => own.get(c) ?? 0));
      return (code) => (most > 0 ? (own.get(code) ?? 0) / most : 0);
    };
    const [said, profile] = [agreement(clause), agreement(context)];
    const score = (code: string): number => OWN_AGREEMENT * (said(code) + profile(code)) + vote(code);
    const sorted = [...candidates].sort((a, b) => score(b) - score(a) || candidates.indexOf(a) - candidates.indexOf(b));
    const best = score(sorted[0] ?? '');
    const [code = match.code, ...alternatives] = sorted.filter((c) => score(c) >= best * ALTERNATIVE_SCORE_RATIO).slice(0, 1 + MAX_ALTERNATIVES);
    return { ...match, code, alternatives };
  }

  /** The fiche's own title or definition uses one of the words. */
  private supports(code: string, words: string, locale: Locale): boolean {
    return (this.ownRelevance(words, locale).get(code) ?? 0) > 0;
  }

  /** The fiches whose own title and definition are most about `words`. */
  private ownTop(words: string, locale: Locale): string[] {
    const own = [...this.ownRelevance(words, locale)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const best = own[0]?.[1] ?? 0;
    return own.filter(([, value]) => value >= best * OWN_TOP_RATIO).slice(0, MAX_ALTERNATIVES).map(([code]) => code);
  }

  /** How much `text` is about each fiche (BM25 over titles and definitions), for the fiches it shares words with. */
  relevance(text: string, locale: Locale): Map<string, number> {
    if (typeof text !== 'string' || text.trim() === '') return new Map();
    return this.retrieval(locale).score(text);
  }

  /**
   * A title that shares no word with its fiche's own title and definition (an ESCO label the mapping gives to a fiche
   * about something else: "occupational health nurse" → insurance risk) names that fiche with less confidence.
   */
  private supported(match: TitleMatch, locale: Locale): TitleMatch {
    if (match.confidence < 1 || locale !== 'en' || this.supports(match.code, match.text, locale)) return match;
    return { ...match, confidence: match.confidence * UNSUPPORTED_TITLE };
  }

  /** How much `text` is about each fiche's own title and definition (not the other titles the mapping gives it). */
  private ownRelevance(text: string, locale: Locale): Map<string, number> {
    let retrieval = this.ownRetrievals.get(locale);
    if (!retrieval) {
      const language = this.data.languages[locale];
      const texts = this.data.fiches.map((f) => ({
        code: f.code,
        titles: locale === 'en' ? [f.en ?? ''] : [f.fr],
        definition: (locale === 'en' ? f.definitionEn : f.definition) ?? '',
      }));
      retrieval = new FicheRetrieval(texts, locale, new Set([...language.stopwords, ...language.wishWords].map(fold)));
      this.ownRetrievals.set(locale, retrieval);
    }
    return retrieval.score(text);
  }

  /** Builds both languages' indexes now rather than at the first answer. */
  warmUp(): void {
    for (const locale of Object.keys(this.data.languages) as Locale[]) {
      this.index(locale);
      this.retrieval(locale);
      this.ownRelevance('', locale);
    }
  }

  /** The language's marker words, folded once. */
  private markerWords(locale: Locale): MarkerWords {
    let words = this.markers.get(locale);
    if (!words) {
      const language = this.data.languages[locale];
      const folded = (list: readonly string[] | undefined) => new Set((list ?? []).map(fold));
      words = {
        current: folded(language.currentMarkers),
        self: folded(language.selfMarkers),
        beforeTitle: folded([...language.stopwords, ...language.wishWords, ...(language.grades ?? [])]),
      };
      this.markers.set(locale, words);
    }
    return words;
  }

  private index(locale: Locale): JobTitleIndex {
    let index = this.indexes.get(locale);
    if (!index) {
      const language = this.data.languages[locale];
      const own: JobTitle[] = this.data.fiches.filter((f) => locale !== 'en' || !f.enBorrowed).map((f) => ({ title: locale === 'en' ? (f.en ?? '') : f.fr, code: f.code, weight: OWN_TITLE_WEIGHT, own: true }));
      const plain = new Set(this.data.fiches.flatMap((f) => tokenize((locale === 'en' ? f.definitionEn : f.definition) ?? '', locale).map((t) => t.key)));
      index = new JobTitleIndex([...own.filter((t) => t.title !== ''), ...language.titles], locale, new Set(language.stopwords), new Set(language.articles ?? []), plain);
      this.indexes.set(locale, index);
    }
    return index;
  }

  private retrieval(locale: Locale): FicheRetrieval {
    let retrieval = this.retrievals.get(locale);
    if (!retrieval) {
      const language = this.data.languages[locale];
      const titles = new Map<string, string[]>();
      for (const t of language.titles) {
        const list = titles.get(t.code) ?? [];
        list.push(t.title);
        titles.set(t.code, list);
      }
      const texts = this.data.fiches.map((f) => ({
        code: f.code,
        titles: [locale === 'en' ? (f.en ?? '') : f.fr, ...(titles.get(f.code) ?? [])],
        definition: (locale === 'en' ? f.definitionEn : f.definition) ?? '',
      }));
      retrieval = new FicheRetrieval(texts, locale, new Set([...language.stopwords, ...language.wishWords].map(fold)));
      this.retrievals.set(locale, retrieval);
    }
    return retrieval;
  }
}

interface MarkerWords {
  /** A job held now (« depuis »). */
  readonly current: ReadonlySet<string>;
  /** A title that is the person's own (« je suis »). */
  readonly self: ReadonlySet<string>;
  /** Words that may stand right before a title without making it another job. */
  readonly beforeTitle: ReadonlySet<string>;
}

/** A title at the start of a sentence, or right after « je suis », "as a"…, is the person's own. */
function isOwnTitle(text: string, start: number, selfMarkers: ReadonlySet<string>): boolean {
  const before = text.slice(Math.max(0, text.slice(0, start).search(/[^.;!?:\n]*$/u)), start);
  const words = before.split(/[^\p{L}]+/u).filter((w) => w !== '').map(fold);
  return words.length === 0 || words.slice(-3).some((w) => selfMarkers.has(w));
}

/** The head of a fiche's own title (« infirmière ») names a job; the head of other titles only hints at one. */
const NAMED_CONFIDENCE = 0.6;
/** A fiche's own title names it, whatever other fiches' appellations or ESCO labels say. */
const OWN_TITLE_WEIGHT = 12;
/** A generic head's fiches: the least-headed keeps this share of the agreement the most-headed would get. */
const GENERIC_VOTE_FLOOR = 0.5;
/** A generic head resolved by its context: a guess, below a whole title and the head of a fiche’s own title. */
const GENERIC_CONFIDENCE = 0.45;
const GENERIC_ALTERNATIVE_RATIO = 0.7;
/** A candidate of a generic head must be this much about the words (relative to the fiche they are most about). */
export const GENERIC_AGREEMENT = 0.25;
const GENERIC_ALTERNATIVES = 2;
/** Among the fiches one title names: agreement of their own title and definition, against the mapping's votes (1). */
const OWN_AGREEMENT = 1;
const ALTERNATIVE_SCORE_RATIO = 0.5;
const MAX_ALTERNATIVES = 3;
/** Fiches whose own text is this much about a title's words (relative to the best) compete with its mapped fiche. */
const OWN_TOP_RATIO = 0.9;
/** A title whose words its fiche's own title and definition never use. */
const UNSUPPORTED_TITLE = 0.6;
