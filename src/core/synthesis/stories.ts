import type { BilanRecord } from '../bilan/bilan-record.js';
import { condense } from '../text/condense.js';
import { foldedWords } from '../text/normalize.js';
import type { NonAnswerTest } from '../text/non-answer.js';
import { curateSkills } from './skill-curation.js';
import { readAnswer, type DeclaredQuestion } from './synthesis-answers.js';
import type { StoryParts, SynthesisLine } from './synthesis.js';
import { label, line } from './synthesis-line.js';

type Part = keyof StoryParts;

/** The words of a text as a key: case, accents and punctuation do not make two texts different. */
export const textKey = (text: string): string => foldedWords(text).join(' ');

/**
 * The achievements: each story declared `as: "story"`, its parts, and the confirmed skills found in its answers.
 * A part is printed once in the document: one that says what an earlier part already says (in this story or an
 * earlier one, compared as printed, i.e. condensed) is left out, and a story left with nothing new is not repeated.
 */
export function storyLines(record: BilanRecord, questions: readonly DeclaredQuestion[], isNonAnswer: NonAnswerTest): SynthesisLine[] {
  const groups = new Map<number, DeclaredQuestion[]>();
  for (const q of questions.filter((q) => q.use.as === 'story' && q.use.group !== undefined)) {
    groups.set(q.use.group as number, [...(groups.get(q.use.group as number) ?? []), q]);
  }
  const skills = curateSkills(record, []);
  const printed = new Set<string>();
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([index, parts]) => {
      const story: { -readonly [K in Part]?: string } = {};
      const from: string[] = [];
      for (const { step, use } of parts) {
        const state = readAnswer(step, record.answers[step.id], isNonAnswer);
        if (state.type !== 'content' || state.value.kind !== 'text' || !use.part) continue;
        from.push(step.id);
        const key = textKey(condense(state.value.text));
        if (printed.has(key)) continue;
        printed.add(key);
        story[use.part as Part] = state.value.text;
      }
      if (Object.keys(story).length === 0) return [];
      const shown = skills.filter((s) => s.questions.some((q) => from.includes(q))).map((s) => ({ key: s.key, label: s.label, ...(s.id ? { id: s.id } : {}) }));
      return [line(`story.${index}`, label('story', { n: index }), from, { kind: 'story', index, parts: story, skills: shown })];
    });
}

/** The full texts of the story parts, as keys: an answer saying the same is already in the achievements. */
export function storyTextKeys(lines: readonly SynthesisLine[]): Set<string> {
  return new Set(lines.flatMap((l) => (l.value.kind === 'story' ? Object.values(l.value.parts).map(textKey) : [])));
}
