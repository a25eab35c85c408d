import type { Locale } from '../locale.js';
import { fold, tokenize } from './title-keys.js';
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

  /** The jobs named in `text`, in reading order. */
  recognise(text: string, locale: Locale): RecognisedJob[] {
    if (typeof text !== 'string' || text.trim() === '') return [];
    return this.index(locale)
      .match(text)
      .filter((m) => m.confidence >= 1 || !this.qualifiedHead(m, text, locale))
      .map((m) => this.disambiguated(m, text, locale))
      .filter((m) => this.byCode.has(m.code))
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

  /** When the words name several fiches, the one the rest of the sentence is most about. */
  private disambiguated(match: TitleMatch, text: string, locale: Locale): TitleMatch {
    if (match.alternatives.length === 0) return match;
    const relevance = this.relevance(text, locale);
    const candidates = [match.code, ...match.alternatives];
    const best = candidates.reduce((a, b) => ((relevance.get(b) ?? 0) > (relevance.get(a) ?? 0) ? b : a));
    return best === match.code ? match : { ...match, code: best, alternatives: candidates.filter((c) => c !== best) };
  }

  /** How much `text` is about each fiche (BM25 over titles and definitions), for the fiches it shares words with. */
  relevance(text: string, locale: Locale): Map<string, number> {
    if (typeof text !== 'string' || text.trim() === '') return new Map();
    return this.retrieval(locale).score(text);
  }

  /** Builds both languages' indexes now rather than at the first answer. */
  warmUp(): void {
    for (const locale of Object.keys(this.data.languages) as Locale[]) {
      this.index(locale);
      this.retrieval(locale);
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
