import { LOCALES, type Locale } from '../../core/locale.js';
import type { SkillExtractor, SkillMatch } from '../../core/skills/skill-extractor.js';
import type { AnswerKeyer } from './answer-keyer.js';
import type { AnswerLanguage } from './answer-language.js';
import { analysePolarity, segmentRanges, type Polarity } from './clause-polarity.js';
import type { LabelIndex } from './label-index.js';
import type { LabelMatcher, SentenceWord } from './label-matcher.js';
import type { MacroCollapse } from './macro-collapse.js';
import type { NegationRules } from './negation-rules.js';
import type { MatchingSettings } from './resource-files.js';
import { rankSkills, type FoundSkill } from './skill-ranking.js';
import type { TriggerCandidate, TriggerMatcher, TriggerWord } from './trigger-matcher.js';
import type { Taxonomy } from './taxonomy.js';
import type { TriggerSense } from './trigger-sense.js';
import { tokenize, type Token } from './tokenizer.js';

/** Everything the extractor needs for one language. */
export interface LanguagePipeline {
  readonly keyer: AnswerKeyer;
  readonly index: LabelIndex;
  readonly labels: LabelMatcher;
  readonly triggers: TriggerMatcher;
  readonly sense: TriggerSense;
  readonly negation: NegationRules;
  readonly collapse: MacroCollapse;
}

interface AnswerWord extends TriggerWord, SentenceWord {}

interface Reading {
  readonly tokens: readonly Token[];
  readonly pipeline: LanguagePipeline;
  readonly triggered: readonly TriggerCandidate[];
  readonly labelled: readonly ReturnType<LabelMatcher['match']>[number][];
  readonly polarity: ReturnType<typeof analysePolarity>;
}

/**
 * Lexicon-based skill extraction (see data/skills/README.md): lexicon triggers (savoir-être, everyday activity
 * words) and ROME / ESCO labels matched on stems, clause segment by clause segment, minus what the person says they
 * lack or only wish for. Each language's index is built once, on first use or by prepare() / warmUp().
 */
export class LexiconSkillExtractor implements SkillExtractor {
  constructor(
    private readonly taxonomy: Taxonomy,
    private readonly buildPipeline: (locale: Locale) => LanguagePipeline,
    private readonly settings: MatchingSettings,
    private readonly languages: AnswerLanguage,
  ) {}

  private readonly pipelines = new Map<Locale, LanguagePipeline>();

  /** Builds the index of a language now rather than at its first answer. */
  prepare(locale: Locale): LanguagePipeline {
    let pipeline = this.pipelines.get(locale);
    if (!pipeline) this.pipelines.set(locale, (pipeline = this.buildPipeline(locale)));
    return pipeline;
  }

  /** The licence attribution lines of the taxonomies, to show wherever skills are shown (e.g. an "about" card). */
  get attribution(): readonly string[] {
    return this.taxonomy.attribution;
  }

  /** Builds every language's index and reads the display labels now, instead of during first answers. */
  warmUp(): void {
    for (const locale of LOCALES) this.prepare(locale);
    this.taxonomy.loadLabels();
  }

  extract(text: string, locale: Locale): readonly SkillMatch[] {
    return this.findings(text, locale, 'positive');
  }

  /** The skills the person says they lack or cannot do (« je ne sais pas faire de devis »), best first. */
  lacked(text: string, locale: Locale): readonly SkillMatch[] {
    return this.findings(text, locale, 'negated');
  }

  /** The last answer read: a turn asks both what the person has and what they lack in the same words. */
  private lastRead: { readonly text: string; readonly locale: Locale; readonly reading: Reading } | undefined;

  private findings(text: string, locale: Locale, wanted: Polarity): readonly SkillMatch[] {
    if (typeof text !== 'string' || !LOCALES.includes(locale)) return [];
    const last = this.lastRead;
    const reading = last && last.text === text && last.locale === locale ? last.reading : this.read(text, locale);
    this.lastRead = { text, locale, reading };
    const { tokens, triggered, labelled, polarity } = reading;
    const said = (tokenIndexes: readonly number[]): boolean => tokenIndexes.every((t) => polarity[t] === wanted);
    const found: FoundSkill[] = [
      ...triggered.filter((c) => said(c.tokens)).map((c) => this.triggerSkill(c, locale)),
      ...labelled.filter((c) => said(c.tokens)).map((c) => this.labelSkill(c.entry, c.coverage, c.tokens, locale, reading.pipeline)),
    ];
    return rankSkills(found, tokens.map((t) => t.text), this.settings);
  }

  /** Everything an answer says, each candidate with its polarity, before keeping the ones said or the ones denied. */
  private read(text: string, locale: Locale): Reading {
    const tokens = tokenize(text);
    // Read in the answer's own language; labels stay in the session's.
    const pipeline = this.prepare(this.languages.of(tokens, locale));
    const capitalised = /\p{Lu}/u.test(text);
    const segments = segmentRanges(tokens).map(([start, end]) => this.wordsOf(tokens, start, end, pipeline, capitalised));
    const triggered = segments.flatMap((words) => pipeline.triggers.match(words)).filter((c) => this.makesSense(c, tokens, pipeline));
    const labelled = segments.flatMap((words) => pipeline.labels.match(words)).filter((c) => c.tokens.length > 1 || !pipeline.sense.isObjectOfAction(tokens, c.tokens[0] ?? -1));
    const neutral = new Set(triggered.flatMap((c) => c.tokens));
    const polarity = analysePolarity(tokens, pipeline.negation, { neutral, evidence: new Set([...neutral, ...labelled.flatMap((c) => c.tokens)]) });
    return { tokens, pipeline, triggered, labelled, polarity };
  }

  /** A one-word activity trigger counts only where it names what the person does. */
  private makesSense({ trigger, tokens: at }: TriggerCandidate, tokens: readonly Token[], pipeline: LanguagePipeline): boolean {
    const [only, ...more] = at;
    return !trigger.senseChecked || only === undefined || more.length > 0 || pipeline.sense.namesOwnActivity(tokens, only);
  }

  /** `capitalised`: the answer uses capitals somewhere, so a word in lower case is no acronym. */
  private wordsOf(tokens: readonly Token[], start: number, end: number, pipeline: LanguagePipeline, capitalised: boolean): AnswerWord[] {
    const words: AnswerWord[] = [];
    for (let i = start; i < end; i++) {
      const token = tokens[i];
      if (!token?.isWord) continue;
      const keys = pipeline.keyer.keysOf(token);
      const keyIds = keys.map((key) => pipeline.index.keyId(key)).filter((id): id is number => id !== undefined);
      const { folded } = token;
      // A repaired misspelling counts as the word it was read as, for the checks that compare words as written.
      const lower = pipeline.keyer.repairOf(folded) ?? token.lower;
      const mayBeAcronym = !capitalised || /^\p{Lu}/u.test(token.text);
      words.push({ token: i, lower, folded, keys, keyIds, compound: folded.includes('-') && !/[+#.]/u.test(folded), name: isName(tokens, i), mayBeAcronym });
    }
    return words;
  }

  private triggerSkill({ trigger, tokens }: TriggerCandidate, locale: Locale): FoundSkill {
    const { id, label, kind } = trigger.entry;
    return { id, label: label[locale], kind, score: trigger.score, tokens, rome: !id.startsWith('http'), curated: true };
  }

  /**
   * A matched taxonomy entry as the person will see it: an ESCO item aligned with a ROME item is reported as
   * that ROME item, and a ROME compétence as its macro-compétence when the macro names the same activity.
   * ROME has no English labels: in English the matched ESCO label is kept.
   */
  private labelSkill(entry: number, coverage: number, tokens: readonly number[], locale: Locale, pipeline: LanguagePipeline): FoundSkill {
    const rome = this.taxonomy.isRome(entry) ? entry : this.taxonomy.romeRow(entry);
    const shown = rome === undefined ? entry : pipeline.collapse.displayRow(rome);
    const label = this.taxonomy.label(locale === 'en' && rome !== entry ? entry : shown, locale);
    const base = rome === undefined ? this.settings.scores.esco : this.settings.scores.rome;
    return { id: this.taxonomy.id(shown), label, kind: this.taxonomy.kind(shown), score: base * coverage, tokens, rome: rome !== undefined, curated: false };
  }
}

const SENTENCE_END = new Set(['.', '!', '?', '…', '\n', ':']);

/** A word capitalised after the first word of its sentence: a name ("sur Canva", "in Procreate"). */
function isName(tokens: readonly Token[], at: number): boolean {
  const token = tokens[at];
  const previous = tokens[at - 1];
  return token !== undefined && previous !== undefined && !SENTENCE_END.has(previous.text) && /^\p{Lu}\p{Ll}/u.test(token.text);
}
