/**
 * Derives the skill taxonomy files of data/skills/ from the shared ROME 4.0 and ESCO extracts.
 *
 *   npx tsx scripts/skills/build-taxonomy.ts [path/to/shared/data]   (default: ../shared/data)
 *
 * Writes data/skills/taxonomy.json (every ROME and ESCO item: kind, macro-compétence, closest ROME item),
 * data/skills/taxonomy-labels.json (their ids and labels) and data/skills/{fr,en}.index.json (the stems of every
 * label variant), in the columnar form of src/infra/skills/taxonomy-files.ts. The bot reads only these files, never the shared folder.
 * Re-run it after changing the tokenizer, the stemming, the stop words or the stem overrides.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locale } from '../../src/core/locale.js';
import { LabelKeyer } from '../../src/infra/skills/label-keyer.js';
import { labelIndexFor } from '../../src/infra/skills/load-skill-extractor.js';
import { readLanguageFile, readSettingsFile, readSynonymsFile } from '../../src/infra/skills/resource-files.js';
import { encodeInts, KIND_CODE, type LabelIndexFile } from '../../src/infra/skills/taxonomy-files.js';
import { tokenize } from '../../src/infra/skills/tokenizer.js';
import { WordStemmer } from '../../src/infra/skills/word-keys.js';
import { labelVariants } from './label-variants.js';
import { alignEscoToRome } from './rome-alignment.js';
import { ESCO_PREFIX, foldTitle, TaxonomySources, type SourceEntry } from './taxonomy-sources.js';

const projectRoot = resolve(import.meta.dirname, '../..');
const sharedData = resolve(process.argv[2] ?? join(projectRoot, '../shared/data'));
const outDir = join(projectRoot, 'data/skills');
const ROME_ALIGNMENT_MIN_SIMILARITY = 0.75;
const ATTRIBUTION = [
  'Source : France Travail — ROME 4.0, version 60 (v460, sept. 2025), Licence Ouverte / Open Licence (Etalab), https://www.data.gouv.fr/fr/datasets/repertoire-operationnel-des-metiers-et-des-emplois-rome/',
  '© European Union, ESCO – European Skills, Competences, Qualifications and Occupations, v1.2 — reuse authorised with attribution (Commission Decision 2011/833/EU; CC BY 4.0)',
];

function meta(locale?: Locale): object {
  return {
    attribution: ATTRIBUTION,
    sources: {
      rome: 'ROME 4.0 v460 — shared/data/rome4/derived/rome4_skills_fr.csv and rome4/raw/unix_referentiel_appellation_v460_utf8.csv (France Travail open data)',
      esco: 'ESCO v1.2 — shared/data/esco/derived/esco_skills_fr_en.csv (joined FR/EN exports)',
    },
    builtBy: 'scripts/skills/build-taxonomy.ts',
    format: 'strings joined with line breaks; integers as base64 little-endian typed arrays (see src/infra/skills/taxonomy-files.ts)',
    ...(locale ? { locale } : {}),
  };
}

/** Stems of every variant of every label of one language. */
function buildIndex(entries: readonly SourceEntry[], locale: Locale, jobTitles: ReadonlySet<string>): LabelIndexFile {
  const language = readLanguageFile(outDir, locale);
  const keyer = new LabelKeyer(new WordStemmer(locale, language.stemOverrides), language.stopwords);
  const vocab = new Map<string, number>();
  const words = new Map<string, string>();
  const variantEntries: number[] = [];
  const variantCounts: number[] = [];
  const keys: number[] = [];
  const keyId = (key: string): number => vocab.get(key) ?? vocab.set(key, vocab.size).size - 1;
  entries.forEach((entry, row) => {
    const seen = new Set<string>();
    for (const variant of entry.matchLabels[locale].flatMap((label) => labelVariants(label, entry.kind === 'savoir'))) {
      const keyed = keyer.keyWords(variant);
      for (const { folded, keys: wordKeys } of keyed) if (!words.has(folded)) words.set(folded, wordKeys.join(' '));
      const variantKeys = [...new Set(keyed.flatMap((w) => w.keys))].slice(0, 255);
      const signature = variantKeys.join(' ');
      // "take bookings" would be left with one stem: a one-stem label must be one word.
      const oneStemFromSeveralWords = variantKeys.length === 1 && tokenize(variant).filter((t) => t.isWord).length > 1;
      // A savoir named like a job ("DE aide soignant" in a list of certifications) is not what naming one's job says.
      const namesAJob = entry.kind === 'savoir' && jobTitles.has(foldTitle(variant));
      if (variantKeys.length === 0 || oneStemFromSeveralWords || namesAJob || seen.has(signature)) continue;
      seen.add(signature);
      variantEntries.push(row);
      variantCounts.push(variantKeys.length);
      keys.push(...variantKeys.map(keyId));
    }
  });
  return {
    locale,
    attribution: ATTRIBUTION,
    vocab: [...vocab.keys()],
    words,
    variantEntries: Uint32Array.from(variantEntries),
    variantCounts: Uint8Array.from(variantCounts),
    keys: Uint16Array.from(keys),
  };
}

function writeJson(name: string, data: object): void {
  writeFileSync(join(outDir, name), `${JSON.stringify(data)}\n`);
  console.log(`wrote data/skills/${name}`);
}

function writeIndex(locale: Locale, index: LabelIndexFile): void {
  if (index.vocab.length > 0xffff) throw new Error(`${locale}: more stems than a Uint16 can number`);
  writeJson(`${locale}.index.json`, {
    meta: meta(locale),
    vocab: index.vocab.join('\n'),
    words: [...index.words].map(([word, stems]) => `${word}\t${stems}`).join('\n'),
    variantEntries: encodeInts(index.variantEntries),
    variantCounts: encodeInts(index.variantCounts),
    keys: encodeInts(index.keys),
  });
}

/** taxonomy.json: what matching needs (kinds, links); taxonomy-labels.json: what only display needs (ids, labels). */
function writeTaxonomy(entries: readonly SourceEntry[], romeOf: readonly string[]): void {
  const rowById = new Map(entries.map((entry, row) => [entry.id, row]));
  const rowOf = (id: string): number => rowById.get(id) ?? -1;
  writeJson('taxonomy.json', {
    meta: meta(),
    romeCount: entries.filter((entry) => !entry.id.startsWith(ESCO_PREFIX)).length,
    kinds: entries.map((entry) => KIND_CODE[entry.kind]).join(''),
    macroRows: encodeInts(Int32Array.from(entries.map((entry) => rowOf(entry.macro)))),
    romeRows: encodeInts(Int32Array.from(romeOf.map(rowOf))),
  });
  writeJson('taxonomy-labels.json', {
    meta: meta(),
    escoPrefix: ESCO_PREFIX,
    ids: entries.map((entry) => entry.id.replace(ESCO_PREFIX, '')).join('\n'),
    labelsFr: entries.map((entry) => entry.label.fr.replace(/\s+/gu, ' ')).join('\n'),
    labelsEn: entries.map((entry) => entry.label.en.replace(/\s+/gu, ' ')).join('\n'),
  });
}

const sources = new TaxonomySources(sharedData);
const entries = sources.entries();
const jobTitles = sources.jobTitles();
const frIndex = buildIndex(entries, 'fr', jobTitles);
const { index } = labelIndexFor(readLanguageFile(outDir, 'fr'), readSynonymsFile(outDir, 'fr'), frIndex, readSettingsFile(outDir));
const rows = entries.map((entry) => ({ id: entry.id, kind: entry.kind, rome: !entry.id.startsWith(ESCO_PREFIX) }));
const romeOf = alignEscoToRome(index, rows, ROME_ALIGNMENT_MIN_SIMILARITY);
console.log(`aligned ${romeOf.filter(Boolean).length} ESCO items to a ROME item`);
writeTaxonomy(entries, romeOf);
writeIndex('fr', frIndex);
writeIndex('en', buildIndex(entries, 'en', jobTitles));
