import type { Locale } from '../../core/locale.js';
import type { OccupationQuery, OccupationSkill, OccupationSuggester, OccupationSuggestion } from '../../core/skills/occupation-suggester.js';
import { DEFAULT_OCCUPATIONS_DATA_DIR, readOccupationsFile, type FicheRecord, type FicheSkills, type OccupationsFile } from './occupations-file.js';

type Weight = 1 | 2;

/** Calls back for each skill of a fiche, core ones first. */
function forEachSkill(skills: FicheSkills, callback: (id: string, weight: Weight) => void): void {
  for (const id of skills.core) callback(id, 2);
  for (const id of skills.other) callback(id, 1);
}

export interface ScoringRules {
  /** A fiche is proposed only if it shares this many skills with the user… */
  readonly minSharedSkills: number;
  /** …or this many of its core skills. */
  readonly minSharedCoreSkills: number;
  /** Relative bonus when the fiche's RIASEC letter is the 1st, 2nd, 3rd… letter of the user's Holland code. */
  readonly riasecBonus: readonly number[];
  readonly maxGaps: number;
}

export const DEFAULT_SCORING_RULES: ScoringRules = { minSharedSkills: 2, minSharedCoreSkills: 1, riasecBonus: [0.15, 0.1, 0.05], maxGaps: 5 };


/**
 * Proposes ROME fiches métier from confirmed skills (see data/occupations/README.md).
 *
 * Each fiche is a vector over its skills: weight (2 core, 1 other) × idf, idf = ln(1 + fiches / fiches using the
 * skill), so that « Faire preuve de rigueur » (1,070 fiches) counts far less than « Comptabilité générale » (45).
 * The score is the cosine between that vector and the user's skills (idf-weighted too): the overlap divided by
 * the fiche's norm, so a fiche listing 100 items does not win by size. It is then multiplied by 1 + the RIASEC
 * bonus of the fiche's letter's place in the user's Holland code. Ties: more shared skills, then ROME code.
 */
export class RomeOccupationSuggester implements OccupationSuggester {
  readonly taxonomyVersions: Readonly<Record<string, string>>;
  readonly attribution: readonly string[];
  private readonly fiches: readonly FicheRecord[];
  private readonly labels: OccupationsFile['labels'];
  private readonly aliases: ReadonlyMap<string, string>;
  private readonly ficheIndex: ReadonlyMap<string, number>;
  private readonly skillIndex = new Map<string, number>();
  private readonly idf: Float64Array;
  private readonly ficheNorm: Float64Array;
  /** Inverted index: the fiches of skill s are postingFiche[postingStart[s] .. postingStart[s + 1]). */
  private readonly postingStart: Int32Array;
  private readonly postingFiche: Int32Array;
  private readonly postingWeight: Uint8Array;

  constructor(
    file: OccupationsFile,
    private readonly rules: ScoringRules = DEFAULT_SCORING_RULES,
  ) {
    this.taxonomyVersions = { rome: file.version.replace(/^ROME\s+/u, '') };
    this.attribution = file.attribution;
    this.fiches = file.fiches;
    this.labels = file.labels;
    this.ficheIndex = new Map(file.fiches.map((fiche, f) => [fiche.code, f]));
    const aliases = new Map<string, string>();
    for (const target of Object.keys(file.aliases)) for (const id of file.aliases[target] ?? []) aliases.set(id, target);
    this.aliases = aliases;

    const counts: number[] = [];
    for (const fiche of file.fiches) {
      forEachSkill(fiche.skills, (id) => {
        const s = this.skillIndex.get(id);
        if (s === undefined) {
          this.skillIndex.set(id, counts.length);
          counts.push(1);
        } else {
          counts[s] = (counts[s] ?? 0) + 1;
        }
      });
    }
    const fiches = file.fiches.length;
    this.idf = Float64Array.from(counts, (count) => Math.log(1 + fiches / count));
    this.postingStart = new Int32Array(counts.length + 1);
    counts.forEach((count, s) => (this.postingStart[s + 1] = (this.postingStart[s] ?? 0) + count));
    const total = this.postingStart[counts.length] ?? 0;
    this.postingFiche = new Int32Array(total);
    this.postingWeight = new Uint8Array(total);
    this.ficheNorm = new Float64Array(fiches);
    const next = this.postingStart.slice(0, counts.length);
    file.fiches.forEach((fiche, f) => {
      let squares = 0;
      forEachSkill(fiche.skills, (id, weight) => {
        const s = this.skillIndex.get(id) ?? 0;
        const p = next[s] ?? 0;
        next[s] = p + 1;
        this.postingFiche[p] = f;
        this.postingWeight[p] = weight;
        squares += (weight * (this.idf[s] ?? 0)) ** 2;
      });
      this.ficheNorm[f] = Math.sqrt(squares);
    });
  }

  suggest(query: OccupationQuery): readonly OccupationSuggestion[] {
    const limit = Number.isFinite(query.limit) ? Math.floor(query.limit) : 0;
    const user = this.userSkills(query.skillIds);
    if (limit <= 0 || user.length === 0) return [];

    const fiches = this.fiches.length;
    const dot = new Float64Array(fiches);
    const shared = new Uint16Array(fiches);
    const sharedCore = new Uint16Array(fiches);
    const touched: number[] = [];
    let userSquares = 0;
    for (const s of user) {
      const idf = this.idf[s] ?? 0;
      userSquares += idf * idf;
      const end = this.postingStart[s + 1] ?? 0;
      for (let p = this.postingStart[s] ?? 0; p < end; p++) {
        const f = this.postingFiche[p] ?? 0;
        const weight = this.postingWeight[p] ?? 1;
        if (shared[f] === 0) touched.push(f);
        dot[f] = (dot[f] ?? 0) + weight * idf * idf;
        shared[f] = (shared[f] ?? 0) + 1;
        if (weight === 2) sharedCore[f] = (sharedCore[f] ?? 0) + 1;
      }
    }

    const holland = hollandLetters(query.holland);
    const userNorm = Math.sqrt(userSquares);
    const ranked = touched
      .filter((f) => (shared[f] ?? 0) >= this.rules.minSharedSkills || (sharedCore[f] ?? 0) >= this.rules.minSharedCoreSkills)
      .map((f) => {
        const similarity = (dot[f] ?? 0) / ((this.ficheNorm[f] ?? 1) * userNorm);
        return { f, score: similarity * (1 + this.riasecBonus(this.fiches[f]?.riasec, holland)), shared: shared[f] ?? 0 };
      })
      .sort((a, b) => b.score - a.score || b.shared - a.shared || compareText(this.fiches[a.f]?.code ?? '', this.fiches[b.f]?.code ?? ''));
    const userSet = new Set(user);
    return ranked.slice(0, limit).map(({ f, score }) => this.suggestion(f, score, userSet, query.locale));
  }

  /** The suggestion for one fiche (matched skills and gaps against `skillIds`), whatever its score; undefined for an unknown code. */
  describe(code: string, skillIds: readonly string[], locale: Locale): OccupationSuggestion | undefined {
    const f = this.ficheIndex.get(code);
    return f === undefined ? undefined : this.suggestion(f, 0, new Set(this.userSkills(skillIds)), locale);
  }

  /** The label of a fiche-level skill id in `locale`, only if the data has one in that language. */
  labelIn(id: string, locale: Locale): string | undefined {
    return this.labels[id]?.[locale];
  }

  /**
   * The fiche-level id a confirmed skill id counts as: itself for a ROME macro-compétence, savoir or savoir-être
   * some fiche uses, its macro-compétence for a ROME compétence, the linked ROME item for an ESCO concept the
   * extractor links to ROME; undefined when no fiche uses it. matchedSkills and gaps name fiche-level ids: with
   * this, a caller can show under each matched skill the confirmed skills (in the person's words) behind it.
   */
  countsAs(id: string): string | undefined {
    const target = this.aliases.get(id) ?? id;
    return this.skillIndex.has(target) ? target : undefined;
  }

  /** The fiche-level skill indexes of the user's ids, aliases resolved, unknown ids dropped, sorted. */
  private userSkills(ids: readonly string[]): number[] {
    const found = new Set<number>();
    for (const id of Array.isArray(ids) ? ids : []) {
      if (typeof id !== 'string') continue;
      const s = this.skillIndex.get(this.aliases.get(id) ?? id);
      if (s !== undefined) found.add(s);
    }
    return [...found].sort((a, b) => a - b);
  }

  private riasecBonus(letter: string | undefined, holland: readonly string[]): number {
    const place = letter === undefined ? -1 : holland.indexOf(letter);
    return place < 0 ? 0 : (this.rules.riasecBonus[place] ?? 0);
  }

  private suggestion(f: number, score: number, user: ReadonlySet<number>, locale: Locale): OccupationSuggestion {
    const fiche = this.fiches[f] as FicheRecord;
    const skills: { id: string; s: number; weight: Weight; importance: number }[] = [];
    forEachSkill(fiche.skills, (id, weight) => {
      const s = this.skillIndex.get(id) ?? 0;
      skills.push({ id, s, weight, importance: weight * (this.idf[s] ?? 0) });
    });
    skills.sort((a, b) => b.importance - a.importance || compareText(a.id, b.id));
    return {
      code: fiche.code,
      label: (locale === 'en' ? fiche.label_en : undefined) ?? fiche.label_fr,
      matchedSkills: skills.filter((skill) => user.has(skill.s)).map((skill) => this.skill(skill.id, locale)),
      gaps: skills
        .filter((skill) => skill.weight === 2 && !user.has(skill.s))
        .slice(0, this.rules.maxGaps)
        .map((skill) => this.skill(skill.id, locale)),
      riasec: fiche.riasec,
      score: Math.round(score * 1e4) / 1e4,
    };
  }

  private skill(id: string, locale: Locale): OccupationSkill {
    const label = this.labels[id];
    return { id, label: (locale === 'en' ? label?.en : undefined) ?? label?.fr ?? id };
  }
}

/** "sec", "S-E-C" → ["S", "E", "C"]: RIASEC letters, first occurrence kept, order kept. */
function hollandLetters(holland: string | undefined): string[] {
  if (typeof holland !== 'string') return [];
  return [...new Set(holland.toUpperCase().match(/[RIASEC]/gu) ?? [])];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads data/occupations/rome-occupations.json once (a few tens of milliseconds) and returns a suggester whose
 * suggest() runs in memory. Throws a DataValidationError naming the file when it is missing or invalid.
 */
export function loadOccupationSuggester(dataDir: string = DEFAULT_OCCUPATIONS_DATA_DIR, rules: ScoringRules = DEFAULT_SCORING_RULES): RomeOccupationSuggester {
  return new RomeOccupationSuggester(readOccupationsFile(dataDir), rules);
}

/**
 * The suggester, read from disk on first use or by warmUp() (the app calls it right after listening, so that
 * reading 1,584 fiches does not delay startup; few turns ever need it).
 */
export class LazyOccupationSuggester implements OccupationSuggester {
  private loaded: RomeOccupationSuggester | undefined;

  constructor(private readonly dataDir: string = DEFAULT_OCCUPATIONS_DATA_DIR) {}

  warmUp(): void {
    this.suggester();
  }

  get taxonomyVersions(): Readonly<Record<string, string>> {
    return this.suggester().taxonomyVersions;
  }

  suggest(query: OccupationQuery): readonly OccupationSuggestion[] {
    return this.suggester().suggest(query);
  }

  /** The suggester itself, read on first use: other parts that rank occupations share it rather than read it again. */
  suggester(): RomeOccupationSuggester {
    return (this.loaded ??= loadOccupationSuggester(this.dataDir));
  }
}
