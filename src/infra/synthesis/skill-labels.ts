import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../../core/locale.js';
import type { SkillItem } from '../../core/synthesis/synthesis.js';
import { foldedWords } from '../../core/text/normalize.js';
import { PROJECT_ROOT } from '../../project-root.js';
import { readTaxonomyFile, readTaxonomyLabelsFile } from '../skills/taxonomy-files.js';

/** The labels of skills and occupations in the document's language, from the ids the record keeps. */
export interface DocumentLabels {
  skill(item: SkillItem, locale: Locale): string;
  occupation(code: string, label: string, locale: Locale): string;
}

/** data/ of the project, from src/ as from the dist/ bundle. */
const PROJECT_DATA = join(PROJECT_ROOT, 'data');

type Pair = { fr: string; en: string };

interface Data {
  /** The extractor's display labels in both languages (data/skills/soft-skills.json, activities.json). */
  readonly display: ReadonlyMap<string, Pair>;
  /** Every taxonomy item by id: ROME labels are French only (en ''). */
  readonly items: ReadonlyMap<string, Pair>;
  /** ROME id → the ESCO items the extractor reports as it (taxonomy.json column `rome`). */
  readonly linked: ReadonlyMap<string, readonly Pair[]>;
  /** Kind and folded French label → the English labels of the ESCO items so named. */
  readonly sameLabel: ReadonlyMap<string, readonly string[]>;
  readonly kinds: ReadonlyMap<string, string>;
  /** ROME fiche code → English title (data/occupations/jobs.json: the ESCO occupation its appellations map to). */
  readonly jobs: ReadonlyMap<string, string>;
}

/**
 * Labels read from the shipped data on first use. English for a ROME item: the display label the chat shows (the
 * extractor's savoir-être and activity lexicons, written in both languages); else the
 * ESCO concept the extractor links to it whose French label adds no word to the ROME one, the closest first; else the
 * one ESCO concept of the same kind and the same French label (the rule of data/occupations/rome-occupations.json,
 * there for fiche-level items only). An ESCO item has its own. Without one, the label stays as stored.
 */
export function documentLabels(skillsDir = join(PROJECT_DATA, 'skills'), occupationsDir = join(PROJECT_DATA, 'occupations')): DocumentLabels {
  let data: Data | undefined;
  const load = () => (data ??= readData(skillsDir, occupationsDir));
  return {
    skill: (item, locale) => capitalised((item.id ? labelOf(load(), item.id, locale) : undefined) || item.label),
    occupation: (code, label, locale) => (locale === 'en' ? load().jobs.get(code) : undefined) ?? label,
  };
}

function labelOf(data: Data, id: string, locale: Locale): string | undefined {
  const shown = data.display.get(id);
  if (shown) return shown[locale];
  const item = data.items.get(id);
  if (!item || locale === 'fr' || item.en) return item?.[locale];
  const rome = words(item.fr);
  const closest = (data.linked.get(id) ?? [])
    .filter((esco) => esco.en && [...words(esco.fr)].every((word) => rome.has(word)))
    .map((esco) => ({ en: esco.en, similarity: dice(rome, words(esco.fr)) }))
    .sort((a, b) => b.similarity - a.similarity || a.en.length - b.en.length);
  const same = data.sameLabel.get(labelKey(data.kinds.get(id), item.fr)) ?? [];
  return closest[0]?.en ?? (same.length === 1 ? same[0] : undefined);
}

/** ESCO labels are lower case (« manage inventory »); in a list of labels they read as the others. */
const capitalised = (label: string) => label.charAt(0).toLocaleUpperCase() + label.slice(1);

const labelKey = (kind: string | undefined, fr: string) => `${kind ?? ''}|${foldedWords(fr).join(' ')}`;

/** Content words of a French label, final s/x dropped. */
function words(text: string): Set<string> {
  return new Set(foldedWords(text).filter((w) => w.length > 3).map((w) => w.replace(/[sx]$/u, '')));
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shared = [...a].filter((word) => b.has(word)).length;
  return a.size + b.size === 0 ? 0 : (2 * shared) / (a.size + b.size);
}

function readData(skillsDir: string, occupationsDir: string): Data {
  const file = readTaxonomyFile(skillsDir);
  const text = readTaxonomyLabelsFile(skillsDir);
  const [ids, fr, en] = [text.ids.split('\n'), text.labels.fr.split('\n'), text.labels.en.split('\n')];
  const idOf = (row: number) => (row < file.romeCount ? (ids[row] ?? '') : text.escoPrefix + (ids[row] ?? ''));
  const items = new Map<string, Pair>();
  const linked = new Map<string, Pair[]>();
  const sameLabel = new Map<string, string[]>();
  const kinds = new Map<string, string>();
  ids.forEach((_, row) => {
    const pair = { fr: fr[row] ?? '', en: en[row] ?? '' };
    items.set(idOf(row), pair);
    kinds.set(idOf(row), file.kinds.charAt(row));
    if (row >= file.romeCount && pair.fr && pair.en) {
      const key = labelKey(file.kinds.charAt(row), pair.fr);
      sameLabel.set(key, [...(sameLabel.get(key) ?? []), pair.en]);
    }
    const rome = file.romeRows[row] ?? -1;
    if (rome >= 0) linked.set(idOf(rome), [...(linked.get(idOf(rome)) ?? []), pair]);
  });
  const lexicons = ['soft-skills.json', 'activities.json'].flatMap((name) => (readJson(join(skillsDir, name)) as { skills: { id: string; label: Pair }[] }).skills);
  const jobsFile = readJson(join(occupationsDir, 'jobs.json')) as { fiches: { code: string; en?: string }[] };
  return {
    display: new Map(lexicons.map((s) => [s.id, s.label])),
    items,
    linked,
    sameLabel,
    kinds,
    jobs: new Map(jobsFile.fiches.flatMap((f) => (f.en ? [[f.code, f.en] as const] : []))),
  };
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}
