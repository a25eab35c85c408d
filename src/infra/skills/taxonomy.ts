import type { Locale } from '../../core/locale.js';
import type { SkillKind } from '../../core/skills/skill-extractor.js';
import { kindOfCode, type TaxonomyFile, type TaxonomyLabelsFile } from './taxonomy-files.js';

/** Line-separated strings, split on first use: most items are never shown. */
class Lines {
  private lines: readonly string[] | undefined;

  constructor(private readonly joined: string) {}

  at(index: number): string {
    this.lines ??= this.joined.split('\n');
    return this.lines[index] ?? '';
  }
}

/** The ROME and ESCO items the matcher can name, addressed by row number. Ids and labels are read on first use. */
export class Taxonomy {
  readonly attribution: readonly string[];
  private text: { ids: Lines; labels: Record<Locale, Lines>; escoPrefix: string } | undefined;

  constructor(
    private readonly file: TaxonomyFile,
    private readonly readLabels: () => TaxonomyLabelsFile,
  ) {
    this.attribution = file.attribution;
  }

  /** Reads the ids and labels now rather than at the first answer. */
  loadLabels(): void {
    if (this.text) return;
    const text = this.readLabels();
    this.text = { ids: new Lines(text.ids), labels: { fr: new Lines(text.labels.fr), en: new Lines(text.labels.en) }, escoPrefix: text.escoPrefix };
  }

  id(row: number): string {
    const { ids, escoPrefix } = this.texts();
    return this.isRome(row) ? ids.at(row) : escoPrefix + ids.at(row);
  }

  kind(row: number): SkillKind {
    return kindOfCode(this.file.kinds[row]);
  }

  /** The row of the ROME macro-compétence a ROME compétence belongs to. */
  macroRow(row: number): number | undefined {
    const macro = this.file.macroRows[row] ?? -1;
    return macro >= 0 ? macro : undefined;
  }

  /** For an ESCO item, the row of the ROME item with the closest French label, if one is close enough. */
  romeRow(row: number): number | undefined {
    const rome = this.file.romeRows[row] ?? -1;
    return rome >= 0 ? rome : undefined;
  }

  isRome(row: number): boolean {
    return row < this.file.romeCount;
  }

  /** The label in the locale, or in the other language when the taxonomy has none (ROME is French only). */
  label(row: number, locale: Locale): string {
    const { labels } = this.texts();
    return labels[locale].at(row) || labels[locale === 'en' ? 'fr' : 'en'].at(row);
  }

  private texts(): NonNullable<Taxonomy['text']> {
    this.loadLabels();
    return this.text as NonNullable<Taxonomy['text']>;
  }
}
