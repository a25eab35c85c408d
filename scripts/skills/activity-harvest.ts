/**
 * Harvests activity triggers from taxonomy labels (see build-activities.ts): the verb–object clauses of a label
 * (« Aménager, entretenir un espace vert » → « aménager un espace vert », « entretenir un espace vert »).
 */
import { tokenize } from '../../src/infra/skills/tokenizer.js';

export interface LabelWords {
  readonly light: ReadonlySet<string>;
  readonly stop: ReadonlySet<string>;
  /** Words after which the rest of a label only qualifies the activity (« selon », « afin », "according"). */
  readonly cuts: ReadonlySet<string>;
  readonly isVerb: (lower: string) => boolean;
  /** Words after which a noun starts (« le », « des », « d' »); empty when the head is the object's last word (English). */
  readonly determiners: ReadonlySet<string>;
}

export interface Clause {
  readonly verb: string;
  /** The object words as written (articles and prepositions kept), cut before qualifiers. */
  readonly object: readonly string[];
  /** The first content word of the object that is not a light noun, if any. */
  readonly head: string | undefined;
}

const MAX_OBJECT_CONTENT_WORDS = 3;

const withoutBrackets = (label: string): string =>
  label
    .replace(/\([^)]*\)/gu, ' ')
    .replace(/\s+-\s+Depuis le.*$/u, '')
    .replace(/\s+/gu, ' ')
    .trim();

/** The label's parts between commas and coordinating "ou/et/or/and", as lower-case words. */
function partsOf(label: string): string[][] {
  return withoutBrackets(label)
    .split(/,\s*|\s+(?:ou|et|or|and)\s+/u)
    .map((part) => tokenize(part).filter((t) => t.isWord).map((t) => t.lower))
    .filter((words) => words.length > 0);
}

function cutObject(words: readonly string[], vocabulary: LabelWords): { object: string[]; head: string | undefined } {
  const object: string[] = [];
  let content = 0;
  let head: string | undefined;
  const headFirst = vocabulary.determiners.size > 0;
  let last: string | undefined;
  for (const word of words) {
    if (vocabulary.cuts.has(word) && object.length > 0) break;
    const isContent = !vocabulary.stop.has(word);
    if (isContent && ++content > MAX_OBJECT_CONTENT_WORDS) break;
    const previous = object[object.length - 1];
    object.push(word);
    const lightWord = vocabulary.light.has(word);
    if (isContent && headFirst && head === undefined && !lightWord && previous !== undefined && vocabulary.determiners.has(previous)) head = word;
    if (isContent && !headFirst) last = lightWord ? last : word;
  }
  while (object.length > 0 && vocabulary.stop.has(object[object.length - 1] ?? '')) object.pop();
  return { object, head: headFirst ? head : last };
}

/**
 * The verb–object clauses of a label. A verb without object takes the next part's object (« Aménager, entretenir
 * un espace vert »); an object without verb takes the previous verb (« Rédiger un article, un contenu éditorial »).
 */
export function clausesOf(label: string, vocabulary: LabelWords): Clause[] {
  const clauses: Clause[] = [];
  let pendingVerbs: string[] = [];
  let lastVerb: string | undefined;
  for (const words of partsOf(label)) {
    const [first, ...rest] = words;
    if (first === undefined) continue;
    const startsWithVerb = vocabulary.isVerb(first);
    const verb = startsWithVerb ? first : lastVerb;
    const { object, head } = cutObject(startsWithVerb ? rest : words, vocabulary);
    if (startsWithVerb && object.length === 0) {
      pendingVerbs.push(first);
      continue;
    }
    if (verb === undefined) continue;
    for (const v of [...pendingVerbs, verb]) clauses.push({ verb: v, object, head });
    pendingVerbs = [];
    lastVerb = verb;
  }
  return clauses;
}

/** A clause as a trigger phrase, if it names more than a generic verb. */
export function phraseOf(clause: Clause): string | undefined {
  if (clause.head === undefined) return undefined;
  return [clause.verb, ...clause.object].join(' ');
}
