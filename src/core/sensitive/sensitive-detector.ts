import { z } from 'zod';
import { DataValidationError } from '../errors.js';
import { compilePattern, PatternIndex, WordCutter } from './phrase-pattern.js';

/** GDPR art. 9 special categories a free-text answer may disclose about its author. */
export const SENSITIVE_CATEGORIES = ['health', 'religion', 'union', 'sexualOrientation', 'politics', 'ethnicOrigin'] as const;
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];

/** What an answer discloses: signs of distress come first, then personal data of special categories. */
export type SensitiveFinding = { readonly type: 'distress' } | { readonly type: 'personal'; readonly categories: readonly SensitiveCategory[] };

const phrases = z.object({ fr: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }).strict();

/** data/sensitive/lexicon.json: phrases of personal disclosure per category, of distress, and career phrases that are neither. */
export const sensitiveLexiconSchema = z
  .object({
    description: z.string(),
    version: z.number().int().positive(),
    compounds: z.array(z.string().min(1)),
    sets: z.record(z.string().regex(/^[A-Za-z]+$/), z.array(z.string().min(1)).min(1)),
    categories: z.object({
      health: phrases,
      religion: phrases,
      union: phrases,
      sexualOrientation: phrases,
      politics: phrases,
      ethnicOrigin: phrases,
    }).strict(),
    distress: phrases,
    notDisclosures: phrases,
  })
  .strict();

export type SensitiveLexicon = z.infer<typeof sensitiveLexiconSchema>;

interface Compiled {
  readonly cutter: WordCutter;
  readonly categories: ReadonlyMap<SensitiveCategory, PatternIndex>;
  readonly distress: PatternIndex;
  readonly notDisclosures: PatternIndex;
}

/**
 * Finds, in a free-text answer, the author disclosing something of a special category about themselves
 * (« mon diabète », « je suis syndiqué ») or signs of distress (« je n'en peux plus »). It looks for phrases
 * of personal disclosure, not for topics: « je travaille dans la santé au travail » is a job. It never
 * infers an emotion or a diagnosis: it only says which listed phrases the text contains. Both languages'
 * phrases are always tried: users mix them.
 */
export class SensitiveDetector {
  private readonly compiled: Compiled;

  constructor(lexicon: SensitiveLexicon, source = 'lexicon') {
    this.compiled = compile(lexicon, source);
  }

  detect(text: string): SensitiveFinding | undefined {
    const words = this.compiled.cutter.words(text);
    if (words.length === 0) return undefined;
    const excluded = this.compiled.notDisclosures.spans(words);
    if (this.compiled.distress.matches(words, excluded)) return { type: 'distress' };
    const categories = SENSITIVE_CATEGORIES.filter((c) => this.compiled.categories.get(c)?.matches(words, excluded));
    return categories.length > 0 ? { type: 'personal', categories } : undefined;
  }
}

/** Parses and compiles a lexicon; every problem is reported at once, naming its place in the file. */
export function compileLexicon(raw: unknown, source: string): SensitiveDetector {
  const parsed = sensitiveLexiconSchema.safeParse(raw);
  if (!parsed.success) throw new DataValidationError(`${source} is not a valid sensitive-content lexicon:`, parsed.error.issues.map((i) => `${source}#${i.path.join('.')}: ${i.message}`));
  return new SensitiveDetector(parsed.data, source);
}

function compile(lexicon: SensitiveLexicon, source: string): Compiled {
  const cutter = new WordCutter(lexicon.compounds);
  const problems: string[] = [];
  const sets = new Map<string, ReadonlySet<string>>();
  for (const [name, words] of Object.entries(lexicon.sets)) {
    const folded = words.map((w) => cutter.words(w));
    folded.forEach((w, i) => { if (w.length !== 1) problems.push(`${source}#sets.${name}.${i}: "${String(words[i])}" must be one word`); });
    sets.set(name.toLowerCase(), new Set(folded.flatMap((w) => w)));
  }
  const patterns = (path: string, group: { fr: string[]; en: string[] }): PatternIndex =>
    new PatternIndex((['fr', 'en'] as const).flatMap((lng) =>
      group[lng].flatMap((phrase, i) => {
        try {
          return [compilePattern(phrase, sets, cutter)];
        } catch (error) {
          problems.push(`${source}#${path}.${lng}.${i}: ${(error as Error).message}`);
          return [];
        }
      }),
    ));
  const categories = new Map(SENSITIVE_CATEGORIES.map((c) => [c, patterns(`categories.${c}`, lexicon.categories[c])] as const));
  const compiled = { cutter, categories, distress: patterns('distress', lexicon.distress), notDisclosures: patterns('notDisclosures', lexicon.notDisclosures) };
  if (problems.length > 0) throw new DataValidationError(`${source} has invalid phrases:`, problems);
  return compiled;
}
