/**
 * The names a ROME savoir is known by in any language (see taxonomy-sources.ts): "Microsoft Excel", "Excel",
 * "Photoshop", "AutoCAD". ROME has French labels only, but a software or brand name is the same in an English
 * answer. A name is written capitalised wherever ROME uses it: a capitalised word that some ROME label writes in
 * lower case ("Meubles", "Couture", "Anglais") is a French word opening its label, not a name.
 */
import { tokenize } from '../../src/infra/skills/tokenizer.js';
import { labelVariants } from './label-variants.js';

const MAX_NAME_WORDS = 3;

/** The words ROME labels write in lower case somewhere, folded to lower case. */
export function lowerCaseWords(labels: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const label of labels) for (const token of tokenize(label)) if (token.isWord && token.text === token.lower) words.add(token.lower);
  return words;
}

export function namesOf(label: string, lowerCase: ReadonlySet<string>): string[] {
  return labelVariants(label, true).filter((variant) => {
    const words = tokenize(variant).filter((t) => t.isWord);
    return words.length > 0 && words.length <= MAX_NAME_WORDS && words.every((t) => /^[\p{Lu}\d]/u.test(t.text) && !lowerCase.has(t.lower));
  });
}
