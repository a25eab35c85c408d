/**
 * English tool triggers from the ESCO skills "operate X" / "use X" (see build-activities.ts), as tool-harvest.ts does
 * for the ROME savoirs « Utilisation de X »: the tool X as a phrase ("pressure washer"), and a one-word tool only
 * when it is specific enough to name it ("chainsaw", "centrifuges"; not "machine" or "press"). Unlike French, the
 * head of a compound is not kept alone: "follow spots" are not any "spots", a "steam turbine" not any turbine.
 */
import { tokenize } from '../../src/infra/skills/tokenizer.js';
import type { ToolWords } from './tool-harvest.js';

const USE = /^(?:operate|use)\s+(?:an?\s+|the\s+)?/u;
const CUT = /\s+(?:for|in|of|on|to|with|at|from|during|according|as|by)\s.*$|\s*[(,:].*$/u;
const MAX_TOOL_CONTENT_WORDS = 3;
const MIN_HEAD_LENGTH = 5;
const MAX_HEAD_LABELS = 6;

/** The tool named by an ESCO label "operate X" / "use X", without what it is used for. */
export function englishToolOf(label: string): string | undefined {
  if (!USE.test(label)) return undefined;
  const tool = label.replace(USE, '').replace(CUT, '').trim();
  return tool.length > 0 ? tool : undefined;
}

export function englishToolPhrases(label: string, words: ToolWords): string[] {
  const tool = englishToolOf(label);
  if (tool === undefined) return [];
  const content = tokenize(tool).filter((t) => t.isWord && !words.stop.has(t.lower));
  const head = content[content.length - 1];
  if (head === undefined || content.length > MAX_TOOL_CONTENT_WORDS || words.light.has(head.lower)) return [];
  const specific = head.folded.length >= MIN_HEAD_LENGTH && words.labelCount(head.folded) <= MAX_HEAD_LABELS;
  // The head of a compound tool is no name of it in English: "follow spots" are not "spots", a "steam turbine" not any turbine.
  if (content.length === 1) return specific ? [tool.toLowerCase()] : [];
  return [tool.toLowerCase()];
}
