import type { AnswerKeyer } from './answer-keyer.js';
import type { Taxonomy } from './taxonomy.js';

/**
 * Shows a ROME compétence as its macro-compétence when the macro names the same activity (they share a
 * meaningful word: "Réaliser des inventaires périodiques" → "Participer à un inventaire"). ROME sometimes files
 * a compétence under a macro about something else ("Distribuer des médicaments" under "Prescrire des soins");
 * such a compétence is kept as it is rather than shown under a misleading name.
 */
export class MacroCollapse {
  private readonly cache = new Map<number, number>();

  constructor(
    private readonly taxonomy: Taxonomy,
    private readonly keyer: AnswerKeyer,
    private readonly isLight: (key: string) => boolean,
  ) {}

  /** The row to show for a matched row: its macro-compétence, or itself. */
  displayRow(row: number): number {
    const cached = this.cache.get(row);
    if (cached !== undefined) return cached;
    const macro = this.taxonomy.macroRow(row);
    const shown = macro !== undefined && this.shareMeaningfulKey(row, macro) ? macro : row;
    this.cache.set(row, shown);
    return shown;
  }

  private shareMeaningfulKey(row: number, macro: number): boolean {
    const macroKeys = new Set(this.keyer.phraseKeys(this.taxonomy.label(macro, 'fr')));
    return this.keyer.phraseKeys(this.taxonomy.label(row, 'fr')).some((key) => macroKeys.has(key) && !this.isLight(key));
  }
}
