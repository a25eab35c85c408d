/**
 * Harvests tool triggers from ROME savoirs named « Utilisation de X » (see build-activities.ts): the tool X as a
 * phrase (« machine à coudre »), and a single noun only when it is specific enough to name the tool by itself: the
 * tool's one word (« monobrosse », not « four » or « tour ») or the head before its adjective (« nacelle » for
 * « nacelle élévatrice », not « presse » for « presse hydraulique »). Specific: few taxonomy labels use the word.
 */
import { tokenize } from '../../src/infra/skills/tokenizer.js';
import type { SourceEntry } from './taxonomy-sources.js';

export interface ToolWords {
  readonly stop: ReadonlySet<string>;
  readonly light: ReadonlySet<string>;
  /** How many taxonomy labels hold this accent-folded word: a rare word names one thing. */
  readonly labelCount: (folded: string) => number;
}

/** A head noun names the tool alone when at most this many taxonomy labels use it. */
const MAX_HEAD_LABELS = 6;
const MAX_TOOL_CONTENT_WORDS = 3;
const MIN_HEAD_LENGTH = 5;
const USE = /^Utilisation (?:de |d'|d’|du |des )(?:une? |la |le |l'|l’)?/u;

/** The tool named by a savoir « Utilisation de X », without brackets, examples or qualifiers after a comma. */
export function toolOf(label: string): string | undefined {
  if (!USE.test(label)) return undefined;
  const tool = label.replace(USE, '').split(/\s*[(,:]/u)[0]?.trim() ?? '';
  return tool.length > 0 ? tool : undefined;
}

export function toolPhrases(entry: SourceEntry, words: ToolWords): string[] {
  const tool = toolOf(entry.label.fr);
  if (tool === undefined) return [];
  const tokens = tokenize(tool).filter((t) => t.isWord);
  const content = tokens.filter((t) => !words.stop.has(t.lower));
  const head = content[0];
  if (head === undefined || content.length > MAX_TOOL_CONTENT_WORDS) return [];
  const specific = !words.light.has(head.lower) && head.folded.length >= MIN_HEAD_LENGTH && words.labelCount(head.folded) <= MAX_HEAD_LABELS;
  if (content.length === 1) return specific ? [tool.toLowerCase()] : [];
  const headAlone = tokens[1] === content[1] && specific;
  return headAlone ? [tool.toLowerCase(), head.lower] : [tool.toLowerCase()];
}
