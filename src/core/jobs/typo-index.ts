/**
 * Finds the known word one typo away from an unknown one (a letter missing, added, changed or two swapped), by
 * symmetric deletion: a word and its one-letter deletions are looked up among the vocabulary's own deletions.
 */
export class TypoIndex {
  private readonly byDeletion = new Map<string, string[]>();

  constructor(
    private readonly vocabulary: ReadonlySet<string>,
    private readonly minLength = 5,
    /** Words of the language that are no typo of a vocabulary word, though one edit away ("write" is no "writer"). */
    private readonly plain: ReadonlySet<string> = new Set(),
  ) {
    for (const word of vocabulary) {
      if (word.length < minLength) continue;
      for (const variant of deletions(word)) {
        const list = this.byDeletion.get(variant);
        if (!list) this.byDeletion.set(variant, [word]);
        else if (!list.includes(word)) list.push(word);
      }
    }
  }

  /** The word itself when known; else the one known word a typo away (undefined when none, several tie, or it is a plain word). */
  correct(word: string): string | undefined {
    if (this.vocabulary.has(word)) return word;
    if (word.length < this.minLength || this.plain.has(word)) return undefined;
    const found = new Set<string>();
    for (const variant of [word, ...deletions(word)]) {
      for (const known of this.byDeletion.get(variant) ?? []) if (withinOneEdit(word, known)) found.add(known);
      if (this.vocabulary.has(variant)) found.add(variant);
    }
    return found.size === 1 ? [...found][0] : undefined;
  }
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True for one substitution, insertion, deletion or adjacent transposition (the deletion index over-generates). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
