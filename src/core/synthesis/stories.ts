import type { BilanRecord } from '../bilan/bilan-record.js';
import type { NonAnswerTest } from '../text/non-answer.js';
import { curateSkills } from './skill-curation.js';
import { readAnswer, type DeclaredQuestion } from './synthesis-answers.js';
import type { StoryParts, SynthesisLine } from './synthesis.js';
import { label, line } from './synthesis-line.js';

/** The achievements: each story declared `as: "story"`, its parts, and the confirmed skills found in its answers. */
export function storyLines(record: BilanRecord, questions: readonly DeclaredQuestion[], isNonAnswer: NonAnswerTest): SynthesisLine[] {
  const groups = new Map<number, DeclaredQuestion[]>();
  for (const q of questions.filter((q) => q.use.as === 'story' && q.use.group !== undefined)) {
    groups.set(q.use.group as number, [...(groups.get(q.use.group as number) ?? []), q]);
  }
  const skills = curateSkills(record, []);
  const told = new Set<string>();
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([index, parts]) => {
      const story: { -readonly [K in keyof StoryParts]: string } = {};
      const from: string[] = [];
      for (const { step, use } of parts) {
        const state = readAnswer(step, record.answers[step.id], isNonAnswer);
        if (state.type !== 'content' || state.value.kind !== 'text' || !use.part) continue;
        story[use.part as keyof StoryParts] = state.value.text;
        from.push(step.id);
      }
      // A story told again word for word (answers pasted twice) is one achievement.
      const key = JSON.stringify(story);
      if (from.length === 0 || told.has(key)) return [];
      told.add(key);
      const shown = skills.filter((s) => s.questions.some((q) => from.includes(q))).map((s) => ({ key: s.key, label: s.label, ...(s.id ? { id: s.id } : {}) }));
      return [line(`story.${index}`, label('story', { n: index }), from, { kind: 'story', index, parts: story, skills: shown })];
    });
}
