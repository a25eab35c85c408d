/**
 * Generates data/skills/activities-harvested.json from ROME 4.0 (no hand-picked entry):
 *
 *   npx tsx scripts/skills/build-activities.ts [path/to/shared/data]   (default: ../shared/data)
 *
 * Every ROME savoir-faire macro-compétence used by at least MIN_MACRO_FICHES fiches gets the verb–object clauses of
 * its label as trigger phrases (« Aménager, entretenir un espace vert » → « aménager un espace vert », « entretenir
 * un espace vert »), matched on stems and synonyms so that « entretien des espaces verts » says it too.
 * Tried and left out, because they lowered precision on dev.jsonl and half A of dev2.jsonl without adding recall
 * (docs/skills-extraction.md): the clauses of every compétence, the object nouns that name one macro-compétence,
 * the nouns of « Techniques de … » savoirs, and the object nouns of ESCO labels.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readLanguageFile } from '../../src/infra/skills/resource-files.js';
import { clausesOf, phraseOf, type LabelWords } from './activity-harvest.js';
import { englishToolPhrases } from './english-tool-harvest.js';
import { ESCO_PREFIX, TaxonomySources, type SourceEntry } from './taxonomy-sources.js';
import { toolPhrases, type ToolWords } from './tool-harvest.js';
import { tokenize } from '../../src/infra/skills/tokenizer.js';

const projectRoot = resolve(import.meta.dirname, '../..');
const sharedData = resolve(process.argv[2] ?? join(projectRoot, '../shared/data'));
const outFile = join(projectRoot, 'data/skills/activities-harvested.json');

/** A macro-compétence is common when this many fiches use it (ROME `nb_fiches_metier`). */
const MIN_MACRO_FICHES = 3;
/** Words after which the rest of a label only qualifies the activity. */
const CUTS = ['selon', 'afin', 'conformément', 'lors', 'suivant', 'dans', 'avec', 'pour', 'sur', 'en', 'par', 'à', 'au', 'aux', 'auprès'];
const DETERMINERS = ['le', 'la', 'les', "l'", 'un', 'une', 'des', 'du', 'de', "d'", 'au', 'aux', 'son', 'sa', 'ses', 'leur', 'leurs'];
const INFINITIVE = /(?:er|ir|re|oir)$/u;

function frenchWords(): LabelWords {
  const language = readLanguageFile(join(projectRoot, 'data/skills'), 'fr');
  const stop = new Set([...language.stopwords, ...language.optionalWords]);
  return {
    light: new Set([...language.lightVerbs, ...language.lightNouns]),
    stop,
    cuts: new Set(CUTS),
    isVerb: (word) => INFINITIVE.test(word) && !stop.has(word),
    determiners: new Set(DETERMINERS),
  };
}

function commonMacros(entries: readonly SourceEntry[]): SourceEntry[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const macroIds = new Set(entries.map((entry) => entry.macro).filter(Boolean));
  return [...macroIds]
    .map((id) => byId.get(id))
    .filter((macro): macro is SourceEntry => macro?.kind === 'savoir-faire' && macro.fiches >= MIN_MACRO_FICHES)
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** ROME savoirs « Utilisation de X » used by at least this many fiches give tool triggers. */
const MIN_TOOL_FICHES = 1;

function toolWords(entries: readonly SourceEntry[], words: LabelWords): ToolWords {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    for (const word of new Set(tokenize(entry.label.fr).filter((t) => t.isWord).map((t) => t.folded))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return { stop: words.stop, light: words.light, labelCount: (folded) => counts.get(folded) ?? 0 };
}

const entryOf = (source: SourceEntry, phrases: readonly string[]) => ({
  id: source.id,
  kind: source.kind,
  label: { fr: source.label.fr, en: source.label.fr },
  fr: { phrases: [...new Set(phrases)].sort() },
  en: { phrases: [] as string[] },
});

/** English stop and light words, and how many English taxonomy labels hold each folded word. */
function englishToolWords(entries: readonly SourceEntry[]): ToolWords {
  const language = readLanguageFile(join(projectRoot, 'data/skills'), 'en');
  const counts = new Map<string, number>();
  for (const entry of entries) {
    for (const word of new Set(tokenize(entry.label.en).filter((t) => t.isWord).map((t) => t.folded))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return { stop: new Set([...language.stopwords, ...language.optionalWords]), light: new Set([...language.lightVerbs, ...language.lightNouns]), labelCount: (folded) => counts.get(folded) ?? 0 };
}

const englishEntryOf = (source: SourceEntry, phrases: readonly string[]) => ({
  id: source.id,
  kind: source.kind,
  label: { fr: source.label.fr || source.label.en, en: source.label.en },
  fr: { phrases: [] as string[] },
  en: { phrases: [...new Set(phrases)].sort() },
});

const words = frenchWords();
const entries = new TaxonomySources(sharedData).entries();
const macros = commonMacros(entries);
const clausePhrases = (entry: SourceEntry): string[] => clausesOf(entry.label.fr, words).map(phraseOf).filter((p): p is string => p !== undefined);
const macroSkills = macros.map((macro) => entryOf(macro, clausePhrases(macro)));
// A macro whose own label names no specific object (« Piloter une activité ») is reached through its common compétences.
const silentMacros = new Set(macroSkills.filter((skill) => skill.fr.phrases.length === 0).map((skill) => skill.id));
const competenceSkills = entries
  .filter((entry) => silentMacros.has(entry.macro) && entry.fiches >= MIN_MACRO_FICHES)
  .map((entry) => entryOf(entry, clausePhrases(entry)));
const activitySkills = [...macroSkills, ...competenceSkills];
const tools = toolWords(entries, words);
const toolSkills = entries
  .filter((entry) => entry.kind === 'savoir' && /^\d+$/u.test(entry.id) && entry.fiches >= MIN_TOOL_FICHES)
  .map((entry) => entryOf(entry, toolPhrases(entry, tools)));
const escoEntries = entries.filter((entry) => entry.id.startsWith(ESCO_PREFIX) && entry.kind === 'savoir-faire');
const englishTools = englishToolWords(entries);
const englishToolSkills = escoEntries.map((entry) => englishEntryOf(entry, englishToolPhrases(entry.label.en, englishTools))).filter((skill) => skill.en.phrases.length > 0);
const skills = [...[...activitySkills, ...toolSkills].filter((skill) => skill.fr.phrases.length > 0), ...englishToolSkills];
const head = {
  description:
    "Activity trigger phrases GENERATED by scripts/skills/build-activities.ts from ROME 4.0 — do not edit by hand. Every savoir-faire macro-compétence used by at least 3 fiches, with the verb–object clauses of its label as phrases, matched like activities.json phrases (content words on their stems and synonyms, in order; articles and prepositions optional). label.en repeats the French label: English answers never match French phrases.",
  attribution: ['Source : France Travail — ROME 4.0, version 60 (v460, sept. 2025), Licence Ouverte / Open Licence (Etalab)'],
};
const headJson = JSON.stringify(head, null, 2).replace(/\n\}$/u, '');
writeFileSync(outFile, `${headJson},\n  "skills": [\n${skills.map((skill) => `    ${JSON.stringify(skill)}`).join(',\n')}\n  ]\n}\n`);
const phraseCount = (list: readonly { fr: { phrases: readonly string[] } }[]): number => list.reduce((n, s) => n + s.fr.phrases.length, 0);
const toolsKept = toolSkills.filter((skill) => skill.fr.phrases.length > 0);
console.log(
  `wrote data/skills/activities-harvested.json: ${macroSkills.filter((s) => s.fr.phrases.length > 0).length} of ${macros.length} common macro-compétences and ${competenceSkills.filter((s) => s.fr.phrases.length > 0).length} compétences of the ${silentMacros.size} others (${phraseCount(activitySkills)} phrases), ${toolsKept.length} tool savoirs (${phraseCount(toolsKept)} phrases), ${englishToolSkills.length} English ESCO tool skills (${englishToolSkills.reduce((n, s) => n + s.en.phrases.length, 0)} phrases)`,
);
