/**
 * Derives data/occupations/rome-occupations.json, the data of the occupation suggester, from the ROME 4.0 open
 * data (France Travail, v460) and the skill extractor's data/skills/ files.
 *
 *   npx tsx scripts/skills/derive-occupations.ts [path/to/shared/data]   (default: ../shared/data)
 *
 * Per fiche métier: code, French label, RIASEC major letter, and the skills it uses at the level the extractor
 * reports them (ROME macro-compétences, savoirs, savoir-être), in `skills.core` (weight 2: ROME marks the item
 * « Principale », coeur de métier) or `skills.other` (weight 1). A compétence counts as its macro-compétence;
 * contextes de travail are left out. Also: the labels of every skill referenced (English when the extractor's data
 * gives one), and the aliases that let a confirmed compétence or ESCO concept count as the ROME item it belongs to.
 * The bot reads only the JSON file, never the shared folder. Re-run after data/skills/ is rebuilt.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadOccupationSuggester } from '../../src/infra/skills/rome-occupation-suggester.js';
import { parseCsv } from './csv.js';
import { readTaxonomyRows } from '../../src/infra/skills/taxonomy-files.js';

const projectRoot = resolve(import.meta.dirname, '../..');
const sharedData = resolve(process.argv[2] ?? join(projectRoot, '../shared/data'));
const skillsDir = join(projectRoot, 'data/skills');
const outDir = join(projectRoot, 'data/occupations');
const RAW = 'rome4/raw';

const ROME_ATTRIBUTION = 'Source : France Travail — ROME 4.0, version 60 (v460, sept. 2025)';
const ESCO_ATTRIBUTION = '© European Union, ESCO – European Skills, Competences, Qualifications and Occupations, v1.2 (English skill labels) — reuse authorised with attribution (Commission Decision 2011/833/EU; CC BY 4.0)';
const RIASEC_ORDER = 'RIASEC';

type Weight = 1 | 2;

interface Competence {
  readonly nature: string;
  readonly label: string;
  readonly macro: string;
}

function readCsv(name: string): Record<string, string>[] {
  return parseCsv(readFileSync(join(sharedData, RAW, name), 'utf8'));
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

/** Content words of a French label, folded, final s/x dropped: for comparing a ROME label with an ESCO one. */
function words(text: string): Set<string> {
  return new Set(
    fold(text)
      .split(/[^a-z0-9]+/u)
      .filter((word) => word.length > 3)
      .map((word) => word.replace(/[sx]$/u, '')),
  );
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shared = [...a].filter((word) => b.has(word)).length;
  return a.size + b.size === 0 ? 0 : (2 * shared) / (a.size + b.size);
}

// --- ROME referentials -------------------------------------------------------------------------------------

const competences = new Map<string, Competence>(
  readCsv('unix_referentiel_competence_v460_utf8.csv').map((r) => [
    r.code_ogr ?? '',
    { nature: r.nature ?? '', label: r.libelle_competence ?? '', macro: r.code_ogr_macro_comp ?? '' },
  ]),
);
const savoirs = new Map(readCsv('unix_referentiel_savoir_v460_utf8.csv').map((r) => [r.code_ogr_savoir ?? '', r.libelle_savoir ?? '']));
const riasecOfMacro = new Map(
  readCsv('unix_referentiel_macro_competence_riasec_v460_utf8.csv')
    .filter((r) => /^[RIASEC]$/u.test(r.riasec_majeur ?? ''))
    .map((r) => [r.code_ogr ?? '', r.riasec_majeur ?? '']),
);
const romeFiches = readCsv('unix_referentiel_code_rome_v460_utf8.csv').map((r) => ({ code: r.code_rome ?? '', label: r.libelle_rome ?? '' }));

/** The level a fiche item is kept at: a compétence becomes its macro-compétence; a contexte de travail is dropped. */
function ficheLevelId(codeOgr: string): string | undefined {
  const competence = competences.get(codeOgr);
  if (competence) return competence.nature === 'Compétence' && competence.macro ? competence.macro : codeOgr;
  return savoirs.has(codeOgr) ? codeOgr : undefined;
}

const fiches = new Map(romeFiches.map((fiche) => [fiche.code, new Map<string, Weight>()]));
let droppedContexts = 0;
for (const item of readCsv('unix_coherence_item_v460_utf8.csv')) {
  const skills = fiches.get(item.code_rome ?? '');
  const id = ficheLevelId(item.code_ogr ?? '');
  if (!skills) throw new Error(`coherence item for unknown fiche ${item.code_rome ?? ''}`);
  if (id === undefined) {
    droppedContexts++;
    continue;
  }
  const weight: Weight = item.coeur_metier === 'Principale' ? 2 : 1;
  skills.set(id, Math.max(skills.get(id) ?? 1, weight) as Weight);
}

let riasecTies = 0;
/** The most frequent RIASEC major letter among the fiche's macro-compétences; ties: core weight, then R-I-A-S-E-C. */
function riasecOf(skills: ReadonlyMap<string, Weight>): string | undefined {
  const tally = new Map<string, { count: number; weight: number }>();
  for (const [id, weight] of skills) {
    const letter = riasecOfMacro.get(id);
    if (!letter) continue;
    const seen = tally.get(letter) ?? { count: 0, weight: 0 };
    tally.set(letter, { count: seen.count + 1, weight: seen.weight + weight });
  }
  const ranked = [...tally].sort(([la, a], [lb, b]) => b.count - a.count || b.weight - a.weight || RIASEC_ORDER.indexOf(la) - RIASEC_ORDER.indexOf(lb));
  if (ranked.length > 1 && ranked[0]?.[1].count === ranked[1]?.[1].count) riasecTies++;
  return ranked[0]?.[0];
}

const referenced = new Set([...fiches.values()].flatMap((skills) => [...skills.keys()]));

// --- The extractor's data: display labels, English labels, ESCO → ROME links -------------------------------

interface SoftSkill {
  readonly id: string;
  readonly label: { readonly fr: string; readonly en: string };
  readonly esco: readonly string[];
}
type TaxonomyRow = readonly [id: string, kind: string, macro: string, labelFr: string, labelEn: string, fiches: number, rome: string];

const softSkills = (readJson(join(skillsDir, 'soft-skills.json')) as { skills: SoftSkill[] }).skills;
const taxonomyRows: readonly TaxonomyRow[] = readTaxonomyRows(skillsDir);

/** ESCO concepts the extractor reports as a ROME item (taxonomy.json column `rome`). */
const escoLinks = taxonomyRows.filter((row) => row[0].startsWith('http') && row[6] !== '');

function romeLabel(id: string): string {
  return competences.get(id)?.label ?? savoirs.get(id) ?? '';
}

const kindOf = new Map(taxonomyRows.map((row) => [row[0], row[1]]));
/** English label of the ESCO concepts whose French label is the same words as a ROME item's, same kind (labels only). */
const escoByFrenchLabel = new Map<string, string[]>();
for (const row of taxonomyRows) {
  if (!row[0].startsWith('http') || row[3] === '' || row[4] === '') continue;
  const key = `${row[1]}|${fold(row[3]).replace(/\s+/gu, ' ').trim()}`;
  escoByFrenchLabel.set(key, [...(escoByFrenchLabel.get(key) ?? []), row[4]]);
}

/**
 * The English label of a ROME item: the extractor's savoir-être label; else, of the ESCO concepts the extractor
 * links to it and whose French label says nothing more than the ROME one (the link serves extraction, where a
 * narrower ESCO concept may be reported as a broader ROME item: « rédiger un contrat immobilier » is not a name
 * for « Rédiger un contrat »), the closest (then the shortest English label); else the ESCO concept of the same
 * kind with the same French label, when there is exactly one.
 */
function englishLabel(id: string): string | undefined {
  const soft = softSkills.find((skill) => skill.id === id);
  if (soft) return soft.label.en;
  const romeWords = words(romeLabel(id));
  const linked = escoLinks
    .filter((row) => row[6] === id && row[4] !== '' && [...words(row[3])].every((word) => romeWords.has(word)))
    .map((row) => ({ en: row[4], similarity: dice(romeWords, words(row[3])), uri: row[0] }))
    .sort((a, b) => b.similarity - a.similarity || a.en.length - b.en.length || (a.uri < b.uri ? -1 : 1));
  if (linked[0]) return linked[0].en;
  const sameLabel = escoByFrenchLabel.get(`${kindOf.get(id) ?? ''}|${fold(romeLabel(id)).replace(/\s+/gu, ' ').trim()}`) ?? [];
  return sameLabel.length === 1 ? sameLabel[0] : undefined;
}

const sortedReferenced = [...referenced].sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : 1));
const labels: Record<string, { fr: string; en?: string }> = {};
for (const id of sortedReferenced) {
  const fr = softSkills.find((skill) => skill.id === id)?.label.fr ?? romeLabel(id);
  if (!fr) throw new Error(`no label for ROME item ${id}`);
  const en = englishLabel(id);
  labels[id] = en ? { fr, en } : { fr };
}

/** Ids a user may confirm that count as a fiche-level item: compétences (→ macro) and linked ESCO concepts. */
const aliasOf = new Map<string, string>();
for (const id of competences.keys()) {
  const target = ficheLevelId(id);
  if (target !== undefined && target !== id && referenced.has(target)) aliasOf.set(id, target);
}
const escoTargets = new Map<string, Set<string>>();
for (const skill of softSkills) {
  for (const uri of skill.esco) escoTargets.set(uri, new Set([...(escoTargets.get(uri) ?? []), skill.id]));
}
for (const row of escoLinks) escoTargets.set(row[0], new Set([row[6]]));
let escoAliases = 0;
for (const [uri, targets] of [...escoTargets].sort(([a], [b]) => (a < b ? -1 : 1))) {
  // A crosswalk URI suggested for several ROME savoir-être names none of them.
  const rome = targets.size === 1 ? [...targets][0] : undefined;
  const target = rome === undefined ? undefined : ficheLevelId(rome);
  if (target !== undefined && referenced.has(target)) {
    aliasOf.set(uri, target);
    escoAliases++;
  }
}
const byCode = (a: string, b: string): number => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);
/** Grouped by the fiche-level id they count as (fewer, non-numeric-looking keys: quicker to load). */
const aliases: Record<string, string[]> = {};
for (const [id, target] of [...aliasOf].sort(([a], [b]) => byCode(a, b))) (aliases[target] ??= []).push(id);
const sortedAliases = Object.fromEntries(Object.entries(aliases).sort(([a], [b]) => byCode(a, b)));

// --- Output ---------------------------------------------------------------------------------------------------

const out = {
  source: 'France Travail — Répertoire Opérationnel des Métiers et des Emplois (ROME) 4.0, open data: https://www.data.gouv.fr/fr/datasets/repertoire-operationnel-des-metiers-et-des-emplois-rome/',
  version: 'ROME 4.0 v460',
  licence: 'Licence Ouverte / Open Licence (Etalab) 2.0',
  attribution: [ROME_ATTRIBUTION, ESCO_ATTRIBUTION],
  builtBy: 'scripts/skills/derive-occupations.ts',
  fiches: romeFiches.map((fiche) => {
    const skills = fiches.get(fiche.code) ?? new Map<string, Weight>();
    const riasec = riasecOf(skills);
    const withWeight = (weight: Weight): string[] =>
      [...skills].filter(([, w]) => w === weight).map(([id]) => id).sort((a, b) => Number(a) - Number(b));
    // Grouped by weight rather than [id, weight] pairs: the same content, parsed twice as fast at start-up.
    return { code: fiche.code, label_fr: fiche.label, ...(riasec ? { riasec } : {}), skills: { core: withWeight(2), other: withWeight(1) } };
  }),
  labels,
  aliases: sortedAliases,
};

mkdirSync(outDir, { recursive: true });
const file = join(outDir, 'rome-occupations.json');
const text = JSON.stringify(out);
writeFileSync(file, `${text}\n`);
loadOccupationSuggester(outDir); // throws if the suggester would refuse the file

const itemCount = out.fiches.reduce((sum, fiche) => sum + fiche.skills.core.length + fiche.skills.other.length, 0);
const english = Object.values(labels).filter((label) => label.en !== undefined).length;
process.stderr.write(
  [
    `wrote ${relative(projectRoot, file)} (${(text.length / 1e6).toFixed(2)} MB of text)`,
    `  ${out.fiches.length} fiches, ${itemCount} fiche skills (${droppedContexts} contextes de travail left out), ${out.fiches.filter((f) => f.riasec).length} with a RIASEC letter (${riasecTies} ties on the count broken by core weight, then R-I-A-S-E-C)`,
    `  ${sortedReferenced.length} labels (${english} with English), ${aliasOf.size} aliases (${escoAliases} ESCO)`,
    '',
  ].join('\n'),
);
