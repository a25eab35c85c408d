import { DataValidationError } from '../../core/errors.js';
import type { Locale } from '../../core/locale.js';
import type { SkillKind } from '../../core/skills/skill-extractor.js';
import { readJsonFile } from './resource-files.js';

/*
 * data/skills/taxonomy.json and {fr,en}.index.json are written by scripts/skills/build-taxonomy.ts in a columnar
 * form that loads fast: strings joined with line breaks, integers as base64 little-endian typed arrays.
 */

const KIND_CODES: Readonly<Record<string, SkillKind>> = { s: 'savoir', f: 'savoir-faire', e: 'savoir-être' };
export const KIND_CODE: Readonly<Record<SkillKind, string>> = { savoir: 's', 'savoir-faire': 'f', 'savoir-être': 'e' };

/**
 * One ROME or ESCO item: id, kind, ROME macro-compétence id (or ''), French label, English label (or ''), ROME
 * fiches using it, and for an ESCO item the closest ROME item by label (or '').
 */
export type TaxonomyEntryRow = readonly [id: string, kind: SkillKind, macro: string, labelFr: string, labelEn: string, fiches: number, rome: string];

/** taxonomy.json: what matching needs to know of every ROME and ESCO item, by row. */
export interface TaxonomyFile {
  readonly attribution: readonly string[];
  /** Rows [0, romeCount) are ROME items, the others ESCO items. */
  readonly romeCount: number;
  /** One character per item: s savoir, f savoir-faire, e savoir-être. */
  readonly kinds: string;
  /** Per item: row of its ROME macro-compétence, or -1. */
  readonly macroRows: Int32Array;
  /** Per ESCO item: row of the ROME item with the closest French label, or -1. */
  readonly romeRows: Int32Array;
}

/** taxonomy-labels.json: what only display needs, by row. */
export interface TaxonomyLabelsFile {
  readonly attribution: readonly string[];
  /** Item ids, one per line: ROME code_ogr, then ESCO concept URIs without `escoPrefix`. */
  readonly ids: string;
  readonly escoPrefix: string;
  /** Labels, one per line ('' when the taxonomy has none in that language: ROME is French only). */
  readonly labels: Readonly<Record<Locale, string>>;
}

/** Stems of every label variant of one language. */
export interface LabelIndexFile {
  readonly locale: Locale;
  readonly attribution: readonly string[];
  /** Distinct stems. */
  readonly vocab: readonly string[];
  /** Accent-folded taxonomy word → its stems, space-separated: restores accents and spares stemming. */
  readonly words: ReadonlyMap<string, string>;
  /** Per variant: the taxonomy row it names, and how many stems follow in `keys`. */
  readonly variantEntries: Uint32Array;
  readonly variantCounts: Uint8Array;
  /** The variants' stems (indexes into vocab), variant after variant. */
  readonly keys: Uint16Array;
}

export function encodeInts(values: Int32Array | Uint32Array | Uint16Array | Uint8Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function decodeBytes(base64: unknown, name: string, field: string): ArrayBuffer {
  if (typeof base64 !== 'string') throw invalid(name, field, 'must be a base64 string');
  const bytes = Buffer.from(base64, 'base64');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

const invalid = (name: string, field: string, problem: string): DataValidationError =>
  new DataValidationError(`Invalid skill data file ${name}:`, [`${name}#/${field}: ${problem}`]);

function attributionOf(data: Record<string, unknown>, name: string): string[] {
  const attribution = (data.meta as { attribution?: unknown } | undefined)?.attribution;
  if (!Array.isArray(attribution) || attribution.length === 0 || !attribution.every((line): line is string => typeof line === 'string')) {
    throw invalid(name, 'meta/attribution', 'the licence attribution lines are missing');
  }
  return attribution;
}

function stringField(data: Record<string, unknown>, name: string, field: string): string {
  const value = data[field];
  if (typeof value !== 'string') throw invalid(name, field, 'must be a string');
  return value;
}

export function readTaxonomyFile(dataDir: string): TaxonomyFile {
  const name = 'taxonomy.json';
  const data = readJsonFile(dataDir, name) as Record<string, unknown>;
  const kinds = stringField(data, name, 'kinds');
  if (!/^[sfe]*$/u.test(kinds)) throw invalid(name, 'kinds', 'one of s, f, e per item');
  const file: TaxonomyFile = {
    attribution: attributionOf(data, name),
    romeCount: Number(data.romeCount),
    kinds,
    macroRows: new Int32Array(decodeBytes(data.macroRows, name, 'macroRows')),
    romeRows: new Int32Array(decodeBytes(data.romeRows, name, 'romeRows')),
  };
  if (file.macroRows.length !== kinds.length || file.romeRows.length !== kinds.length) throw invalid(name, 'macroRows', `every column must have ${kinds.length} items`);
  return file;
}

export function readTaxonomyLabelsFile(dataDir: string): TaxonomyLabelsFile {
  const name = 'taxonomy-labels.json';
  const data = readJsonFile(dataDir, name) as Record<string, unknown>;
  return {
    attribution: attributionOf(data, name),
    ids: stringField(data, name, 'ids'),
    escoPrefix: stringField(data, name, 'escoPrefix'),
    labels: { fr: stringField(data, name, 'labelsFr'), en: stringField(data, name, 'labelsEn') },
  };
}

export function readLabelIndexFile(dataDir: string, locale: Locale): LabelIndexFile {
  const name = `${locale}.index.json`;
  const data = readJsonFile(dataDir, name) as Record<string, unknown>;
  const words = new Map<string, string>();
  for (const line of stringField(data, name, 'words').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) words.set(line.slice(0, tab), line.slice(tab + 1));
  }
  const file: LabelIndexFile = {
    locale,
    attribution: attributionOf(data, name),
    vocab: stringField(data, name, 'vocab').split('\n'),
    words,
    variantEntries: new Uint32Array(decodeBytes(data.variantEntries, name, 'variantEntries')),
    variantCounts: new Uint8Array(decodeBytes(data.variantCounts, name, 'variantCounts')),
    keys: new Uint16Array(decodeBytes(data.keys, name, 'keys')),
  };
  if (file.variantEntries.length !== file.variantCounts.length) throw invalid(name, 'variantCounts', 'one count per variant');
  return file;
}

/** The taxonomy as plain rows, for tools (scripts) rather than the matcher. ROME fiche counts are not kept: 0. */
export function readTaxonomyRows(dataDir: string): TaxonomyEntryRow[] {
  const file = readTaxonomyFile(dataDir);
  const text = readTaxonomyLabelsFile(dataDir);
  const ids = text.ids.split('\n').map((id, row) => (row < file.romeCount ? id : text.escoPrefix + id));
  const labelsFr = text.labels.fr.split('\n');
  const labelsEn = text.labels.en.split('\n');
  return ids.map((id, row) => [
    id,
    kindOfCode(file.kinds[row]),
    ids[file.macroRows[row] ?? -1] ?? '',
    labelsFr[row] ?? '',
    labelsEn[row] ?? '',
    0,
    ids[file.romeRows[row] ?? -1] ?? '',
  ]);
}

export function kindOfCode(code: string | undefined): SkillKind {
  return KIND_CODES[code ?? 'f'] ?? 'savoir-faire';
}
