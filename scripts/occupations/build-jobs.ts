/**
 * Builds data/occupations/jobs.json (job recognition, English fiche labels, mobility, fiche definitions) and
 * data/occupations/fiche-skills.json (the core competences of each fiche for the checklist) from the shared data:
 *
 *   npx tsx scripts/occupations/build-jobs.ts [path/to/shared/data]   (default: ../shared/data)
 *
 * Sources: ROME 4.0 v460 appellations, fiches, definitions, mobilités and coeur_metier competences; ESCO v1.2
 * occupations (EN and FR labels) and essential occupation–skill relations; the official ESCO–ROME appellation
 * mapping (Pôle emploi V1.4). Deterministic: same inputs, same bytes. The bot reads only the JSON files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KIND_CODE, readTaxonomyRows } from '../../src/infra/skills/taxonomy-files.js';
import { parseCsv } from '../skills/csv.js';

const projectRoot = resolve(import.meta.dirname, '../..');
const sharedData = resolve(process.argv[2] ?? join(projectRoot, '../shared/data'));
const outDir = join(projectRoot, 'data/occupations');

const ATTRIBUTION = [
  'Source : France Travail — ROME 4.0, version 60 (v460, sept. 2025)',
  '© European Union, ESCO – European Skills, Competences, Qualifications and Occupations, v1.2 — reuse authorised with attribution (Commission Decision 2011/833/EU; CC BY 4.0)',
  'Mapping ESCO – ROME, V1.4, Pôle emploi – France (now France Travail), with ESCO (© European Union)',
];

const read = (path: string): Record<string, string>[] => parseCsv(readFileSync(join(sharedData, path), 'utf8'));
const rome = (name: string): Record<string, string>[] => read(`rome4/raw/unix_${name}_v460_utf8.csv`);
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/gu, ' ').trim();
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const lines = (cell: string | undefined): string[] => (cell ?? '').split(/\r?\n|\s\|\s/u).map((s) => s.trim()).filter((s) => s !== '');

const fiches = rome('referentiel_code_rome').sort((a, b) => byText(a.code_rome ?? '', b.code_rome ?? ''));
const ficheCodes = new Set(fiches.map((f) => f.code_rome ?? ''));
const appellations = rome('referentiel_appellation').sort((a, b) => byText(a.code_ogr ?? '', b.code_ogr ?? ''));

// ESCO occupation → the ROME fiche its mapped appellations belong to (most weighted fiche wins).
const RELATION_WEIGHT: Record<string, number> = { exactMatch: 3, closeMatch: 2, narrowMatch: 1, broadMatch: 1 };
const crosswalk = read('crosswalk/rome_appellation_to_esco_occupation.csv');
const escoVotes = new Map<string, Map<string, number>>();
for (const row of crosswalk) {
  const uri = row.esco_occupation_uri ?? '';
  const code = row.code_rome_v460 ?? '';
  if (!ficheCodes.has(code)) continue;
  const votes = escoVotes.get(uri) ?? new Map<string, number>();
  votes.set(code, (votes.get(code) ?? 0) + (RELATION_WEIGHT[row.mapping_relation ?? ''] ?? 1));
  escoVotes.set(uri, votes);
}
const best = (votes: Map<string, number>): string =>
  [...votes].sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))[0]?.[0] ?? '';
const escoFiche = new Map([...escoVotes].map(([uri, votes]) => [uri, best(votes)]));

const escoEn = new Map(read('esco/raw/occupations_en_v1.2.0.csv').map((row) => [row.conceptUri ?? '', row]));
const escoFr = new Map<string, Record<string, string>>();
for (const row of read('esco/raw/occupations_fr_v1.2.1.csv')) {
  const uri = row.conceptUri ?? '';
  const seen = escoFr.get(uri);
  if (!seen || (row.modifiedDate ?? '') > (seen.modifiedDate ?? '')) escoFr.set(uri, row);
}

// ESCO occupations the crosswalk does not map: mapped when their French label is exactly an appellation's.
const appellationByFolded = new Map<string, string>();
for (const row of appellations) for (const form of genderForms(row.libelle_appellation_long ?? '')) appellationByFolded.set(fold(form), row.code_rome ?? '');
for (const [uri, row] of [...escoFr].sort((a, b) => byText(a[0], b[0]))) {
  if (escoFiche.has(uri)) continue;
  const code = (row.preferredLabel ?? '').split('/').map((form) => appellationByFolded.get(fold(form))).find((c) => c !== undefined);
  if (code) escoFiche.set(uri, code);
}

/** "Assistant / Assistante de direction" → ["Assistant de direction", "Assistante de direction"]. */
function genderForms(label: string): string[] {
  const parts = label.split(/\s+\/\s+/u);
  if (parts.length !== 2) return [label];
  const [left = '', right = ''] = parts;
  const leftWords = left.split(/\s+/u);
  const rightWords = right.split(/\s+/u);
  if (leftWords.length < rightWords.length) return [[...leftWords, ...rightWords.slice(leftWords.length)].join(' '), right];
  return [left, right];
}

// English label of each fiche: the ESCO occupation its appellations map to, the fiche's own title weighing most.
const ficheLabel = new Map(fiches.map((f) => [f.code_rome ?? '', fold(f.libelle_rome ?? '')]));
const englishVotes = new Map<string, Map<string, number>>();
for (const row of crosswalk) {
  const code = row.code_rome_v460 ?? '';
  if (!ficheCodes.has(code) || !escoEn.has(row.esco_occupation_uri ?? '')) continue;
  const own = fold(row.libelle_appellation_v460 ?? '') === ficheLabel.get(code) ? 4 : 0;
  const votes = englishVotes.get(code) ?? new Map<string, number>();
  const uri = row.esco_occupation_uri ?? '';
  votes.set(uri, (votes.get(uri) ?? 0) + own + (RELATION_WEIGHT[row.mapping_relation ?? ''] ?? 1));
  englishVotes.set(code, votes);
}
const ficheEsco = new Map([...englishVotes].map(([code, votes]) => [code, best(votes)]));
// Fiches without a mapped appellation: the ESCO occupation mapped to them by label, if any.
for (const [uri, code] of [...escoFiche].sort((a, b) => byText(a[0], b[0]))) if (!ficheEsco.has(code) && escoEn.has(uri)) ficheEsco.set(code, uri);
/** A checklist stays short: the fiche's main macro-compétences, a few compétences each; the first ESCO essential skills. */
const CHECKLIST_GROUPS = 6;
const CHECKLIST_ITEMS = 3;
const CHECKLIST_ESSENTIAL = 12;
const firstSentences = (text: string, count: number): string => (text.replace(/\s+/gu, ' ').trim().match(/[^.]+\.?/gu) ?? []).slice(0, count).join('').trim();
const APPELLATION = 3;
const RARE_APPELLATION = 1;
const ESCO_TITLE = 2;
const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const riasec = new Map(rome('referentiel_code_rome_riasec').map((r) => [r.code_rome ?? '', r.riasec_majeur ?? '']));
const definitions = new Map<string, string[]>();
for (const row of rome('texte').filter((r) => r.libelle_type_texte === 'definition').sort((a, b) => Number(a.position_phrase) - Number(b.position_phrase))) {
  const list = definitions.get(row.code_rome ?? '') ?? [];
  list.push((row.libelle_texte ?? '').replace(/''/gu, "'"));
  definitions.set(row.code_rome ?? '', list);
}
const mobility = new Map<string, { code: string; order: number }[]>();
for (const row of rome('rubrique_mobilite')) {
  const list = mobility.get(row.code_rome ?? '') ?? [];
  list.push({ code: row.code_rome_cible ?? '', order: Number(row.numero_ordre) });
  mobility.set(row.code_rome ?? '', list);
}

// Work contexts of each fiche (ROME 4.0 block 6: publics, structures, conditions, hours), by referential id.
const contextLabels = new Map(rome('referentiel_contexte_travail').map((c) => [c.code_ogr ?? '', c.libelle_cont_travail ?? '']));
const ficheContexts = new Map<string, Set<string>>();
for (const row of rome('liens_rome_referentiels').filter((r) => r.code_compo_bloc === '6' && contextLabels.has(r.code_ogr ?? ''))) {
  const set = ficheContexts.get(row.code_rome ?? '') ?? new Set<string>();
  set.add(row.code_ogr ?? '');
  ficheContexts.set(row.code_rome ?? '', set);
}

// What each fiche's savoirs are about: how many of them fall in each ROME sous-catégorie de savoir.
const savoirKinds = new Map(rome('referentiel_savoir').map((s) => [s.code_ogr_savoir ?? '', s.sous_categorie_savoir ?? '']));
const knowledgeKinds = [...new Set(savoirKinds.values())].filter((k) => k !== '').sort(byText);
const ficheKnowledge = new Map<string, Map<number, number>>();
for (const row of rome('coherence_item')) {
  const kind = knowledgeKinds.indexOf(savoirKinds.get(row.code_ogr ?? '') ?? '');
  if (kind < 0) continue;
  const counts = ficheKnowledge.get(row.code_rome ?? '') ?? new Map<number, number>();
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
  ficheKnowledge.set(row.code_rome ?? '', counts);
}

const jobs = {
  source: 'France Travail ROME 4.0 v460 (appellations, fiches, définitions, mobilités, contextes de travail, sous-catégories des savoirs); ESCO v1.2 occupations (EN, FR); Mapping ESCO – ROME V1.4 (Pôle emploi)',
  version: 'ROME 4.0 v460 / ESCO 1.2',
  licence: 'ROME: Licence Ouverte / Open Licence (Etalab) 2.0; ESCO: CC BY 4.0',
  attribution: ATTRIBUTION,
  builtBy: 'scripts/occupations/build-jobs.ts',
  contexts: Object.fromEntries([...contextLabels].sort((a, b) => byText(a[0], b[0]))),
  knowledgeKinds,
  fiches: fiches.map((f) => {
    const code = f.code_rome ?? '';
    const uri = ficheEsco.get(code);
    const en = uri ? escoEn.get(uri)?.preferredLabel : undefined;
    return {
      code,
      fr: f.libelle_rome ?? '',
      ...(en ? { en: capitalised(en) } : {}),
      // The English title is that of an ESCO occupation mapped mainly to another fiche (and not the ROME title itself,
      // as « Data analyst » is): it names that one first.
      ...(en && uri && escoFiche.get(uri) !== code && fold(en) !== fold(f.libelle_rome ?? '') ? { enBorrowed: true } : {}),
      ...(riasec.get(code) ? { riasec: riasec.get(code) } : {}),
      definition: (definitions.get(code) ?? []).join(' '),
      ...(uri && escoEn.get(uri)?.description ? { definitionEn: firstSentences(escoEn.get(uri)?.description ?? '', 2) } : {}),
      mobility: (mobility.get(code) ?? []).sort((a, b) => a.order - b.order || byText(a.code, b.code)).map((m) => m.code),
      contexts: [...(ficheContexts.get(code) ?? [])].sort(byText),
      // [index in knowledgeKinds, how many of the fiche's savoirs are of that kind]
      knowledge: [...(ficheKnowledge.get(code) ?? [])].sort((a, b) => a[0] - b[0]),
    };
  }),
  // [title, fiche code, how much the title speaks for the fiche]
  titles: {
    fr: [
      ...appellations.map((a) => [a.libelle_appellation_long ?? '', a.code_rome ?? '', a.peu_usite === 'O' ? RARE_APPELLATION : APPELLATION]),
      ...escoTitles(escoFr, (row) => [...(row.preferredLabel ?? '').split('/'), ...lines(row.altLabels)]),
    ],
    en: escoTitles(escoEn, (row) => [row.preferredLabel ?? '', ...lines(row.altLabels)]),
  },
};

function escoTitles(rows: Map<string, Record<string, string>>, titlesOf: (row: Record<string, string>) => string[]): [string, string, number][] {
  const out: [string, string, number][] = [];
  const seen = new Set<string>();
  for (const [uri, row] of [...rows].sort((a, b) => byText(a[0], b[0]))) {
    const code = escoFiche.get(uri);
    if (!code) continue;
    for (const title of titlesOf(row).map((t) => t.trim()).filter((t) => t !== '')) {
      const key = `${fold(title)}\u0000${code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push([title, code, ESCO_TITLE]);
    }
  }
  return out;
}

// Checklist: the fiche's core (« Principale ») compétences grouped by macro-compétence; ESCO essential skills in English.
const competences = new Map(rome('referentiel_competence').map((c) => [c.code_ogr ?? '', c]));
const core = new Map<string, Map<string, string[]>>();
for (const row of rome('coherence_item')) {
  if (row.coeur_metier !== 'Principale') continue;
  const item = competences.get(row.code_ogr ?? '');
  if (!item) continue;
  const macro = item.nature === 'Macro-compétence' ? (item.code_ogr ?? '') : (item.code_ogr_macro_comp ?? '');
  if (!competences.has(macro)) continue;
  const groups = core.get(row.code_rome ?? '') ?? new Map<string, string[]>();
  const list = groups.get(macro) ?? [];
  if (item.nature !== 'Macro-compétence') list.push(item.libelle_competence ?? '');
  groups.set(macro, list);
  core.set(row.code_rome ?? '', groups);
}
const essential = new Map<string, { label: string; knowledge: boolean }[]>();
for (const row of read('esco/derived/occupationSkillRelations_v1.2.0_from_labels.csv')) {
  if (row.relationType !== 'essential') continue;
  const list = essential.get(row.occupationUri ?? '') ?? [];
  list.push({ label: (row.skillLabel_en ?? '').trim(), knowledge: row.skillType === 'knowledge' });
  essential.set(row.occupationUri ?? '', list);
}
const escoOfFiche = new Map<string, string[]>();
for (const [uri, code] of [...escoFiche].sort((a, b) => byText(a[0], b[0]))) escoOfFiche.set(code, [...(escoOfFiche.get(code) ?? []), uri]);
/**
 * A fiche's English checklist: what its ESCO occupations do before what they know, then the essentials most of
 * them share (the fiche's core rather than one specialism's), then the main occupation's own, in ESCO's order.
 */
function englishEssentials(code: string): string[] {
  const main = ficheEsco.get(code);
  const shared = new Map<string, { knowledge: boolean; count: number; inMain: boolean; order: number }>();
  for (const uri of escoOfFiche.get(code) ?? (main ? [main] : [])) {
    for (const [order, skill] of (essential.get(uri) ?? []).entries()) {
      const seen = shared.get(skill.label) ?? { knowledge: skill.knowledge, count: 0, inMain: false, order };
      shared.set(skill.label, { ...seen, count: seen.count + 1, inMain: seen.inMain || uri === main, order: uri === main ? order : seen.order });
    }
  }
  return [...shared]
    .sort(([a, x], [b, y]) => Number(x.knowledge) - Number(y.knowledge) || y.count - x.count || Number(y.inMain) - Number(x.inMain) || x.order - y.order || byText(a, b))
    .map(([label]) => label)
    .slice(0, CHECKLIST_ESSENTIAL);
}
const ESCO_SKILL = 'http://data.europa.eu/esco/skill/';
// Ids and kinds as the skill taxonomy of the product knows them (data/skills/taxonomy*.json): read once here, not by the bot.
const taxonomyRows = readTaxonomyRows(join(projectRoot, 'data/skills'));
const romeKind = new Map(taxonomyRows.map(([id, kind]) => [id, KIND_CODE[kind]]));
const escoByEnglish = new Map<string, { id: string; kind: string }>();
for (const [id, kind, , , labelEn] of taxonomyRows) {
  if (id.startsWith('http') && labelEn && !escoByEnglish.has(labelEn.toLowerCase())) escoByEnglish.set(labelEn.toLowerCase(), { id, kind: KIND_CODE[kind] });
}
const withIds = (labels: readonly string[]) => labels.flatMap((label) => {
  const item = escoByEnglish.get(label.toLowerCase());
  return item?.id.startsWith(ESCO_SKILL) ? [{ id: item.id.slice(ESCO_SKILL.length), label, kind: item.kind }] : [];
});

const ficheSkills = {
  escoPrefix: ESCO_SKILL,
  source: 'France Travail ROME 4.0 v460 (coeur_metier « Principale »); ESCO v1.2 essential occupation–skill relations',
  attribution: ATTRIBUTION,
  builtBy: 'scripts/occupations/build-jobs.ts',
  fiches: Object.fromEntries(
    fiches.map((f) => {
      const code = f.code_rome ?? '';
      const groups = [...(core.get(code) ?? new Map<string, string[]>())]
        .map(([macro, items]) => ({ id: macro, label: competences.get(macro)?.libelle_competence ?? '', kind: romeKind.get(macro) ?? 'f', items: [...new Set(items)].sort(byText) }))
        .sort((a, b) => b.items.length - a.items.length || byText(a.id, b.id))
        .slice(0, CHECKLIST_GROUPS)
        .map((group) => ({ ...group, items: group.items.slice(0, CHECKLIST_ITEMS) }));
      return [code, { fr: groups, en: withIds(englishEssentials(code)) }];
    }),
  ),
};

writeFileSync(join(outDir, 'jobs.json'), `${JSON.stringify(jobs)}\n`);
writeFileSync(join(outDir, 'fiche-skills.json'), `${JSON.stringify(ficheSkills)}\n`);
const withEnglish = jobs.fiches.filter((f) => 'en' in f).length;
process.stderr.write(
  `jobs.json: ${jobs.fiches.length} fiches (${withEnglish} with an English label), ${jobs.titles.fr.length} French titles, ${jobs.titles.en.length} English titles, ${escoFiche.size} ESCO occupations mapped\n` +
    `fiche-skills.json: ${core.size} fiches with core competences, ${ficheSkills.fiches ? Object.values(ficheSkills.fiches).filter((f) => f.en.length > 0).length : 0} with ESCO essential skills\n`,
);
