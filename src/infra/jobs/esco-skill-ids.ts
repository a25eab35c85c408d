import type { SkillKind } from '../../core/skills/skill-extractor.js';
import { readTaxonomyFile, readTaxonomyLabelsFile } from '../skills/taxonomy-files.js';

const KINDS: Readonly<Record<string, SkillKind>> = { s: 'savoir', f: 'savoir-faire', e: 'savoir-être' };

export interface TaxonomyItem {
  readonly id: string;
  readonly kind: SkillKind;
}

/** Taxonomy items by their label: ESCO items by English label, ROME items by id (data/skills/taxonomy*.json). */
export class TaxonomyLookup {
  private readonly byEnglishLabel = new Map<string, TaxonomyItem>();
  private readonly romeKinds = new Map<string, SkillKind>();

  constructor(skillsDataDir: string) {
    const taxonomy = readTaxonomyFile(skillsDataDir);
    const labels = readTaxonomyLabelsFile(skillsDataDir);
    const ids = labels.ids.split('\n');
    const english = labels.labels.en.split('\n');
    ids.forEach((id, row) => {
      const kind = KINDS[taxonomy.kinds[row] ?? 'f'] ?? 'savoir-faire';
      if (row < taxonomy.romeCount) this.romeKinds.set(id, kind);
      else if (english[row] && !this.byEnglishLabel.has(english[row].toLowerCase())) this.byEnglishLabel.set(english[row].toLowerCase(), { id: labels.escoPrefix + id, kind });
    });
  }

  escoByLabel(label: string): TaxonomyItem | undefined {
    return this.byEnglishLabel.get(label.toLowerCase());
  }

  romeKind(id: string): SkillKind | undefined {
    return this.romeKinds.get(id);
  }
}
