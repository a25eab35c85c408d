import type { ConfirmedSkill } from '../../core/bilan/bilan-record.js';
import type { EngineOutput } from '../../core/flow/engine-io.js';
import { msg } from '../../core/messages.js';
import { SKILL_KINDS } from '../../core/skills/skill-extractor.js';
import type { Translate } from '../../infra/i18n/create-i18n.js';
import { card, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { recapFacts } from './question-cards.js';

type Shown = Extract<EngineOutput, { type: 'results' | 'derivedFactors' }>;

/** The detailed results, or the factors derived from the answers: cards to read, with nothing to answer. */
export function resultCard(output: Shown, t: Translate): AdaptiveCard {
  return output.type === 'results' ? resultsCard(output, t) : factorsCard(output, t);
}

function resultsCard(output: Extract<Shown, { type: 'results' }>, t: Translate): AdaptiveCard {
  const body: CardElement[] = [textBlock(t(msg('common:results.title')), 'title')];
  for (const kind of SKILL_KINDS) {
    const skills = output.skills.filter((s) => s.kind === kind);
    if (skills.length > 0) body.push(textBlock(t(msg(`common:results.kinds.${kind}`))), textBlock(list(skills)));
  }
  const ownWords = output.skills.filter((s) => s.kind === undefined);
  if (ownWords.length > 0) body.push(textBlock(t(msg('common:results.ownWords'))), textBlock(list(ownWords)));
  if (output.skills.length === 0) body.push(textBlock(t(msg('common:results.noSkills')), 'subtle'));
  if (output.holland) body.push(textBlock(t(msg('common:results.holland', { code: output.holland }))));
  if (output.explorations.length > 0) {
    body.push(textBlock(t(msg('common:results.explorations', { occupations: output.explorations.map((o) => userText(o.label)).join(', ') }))));
  }
  if (output.lines.length > 0) body.push(recapFacts(output.lines, t));
  body.push(textBlock(t(msg('common:results.draft')), 'subtle'));
  return card(body);
}

function factorsCard(output: Extract<Shown, { type: 'derivedFactors' }>, t: Translate): AdaptiveCard {
  const body: CardElement[] = [textBlock(t(msg('common:factors.title')), 'title')];
  if (output.gaps.length > 0) body.push(textBlock(t(msg('common:factors.gaps', { skills: output.gaps.map(userText).join(', ') }))));
  if (output.lines.length > 0) body.push(textBlock(t(msg('common:factors.constraints'))), recapFacts(output.lines, t));
  if (output.gaps.length === 0 && output.lines.length === 0) body.push(textBlock(t(msg('common:factors.none')), 'subtle'));
  return card(body);
}

/** Bytes of one skill list at most: the results card stays far below Teams' 28 KB with three lists. */
const MAX_LIST_BYTES = 6 * 1024;

function list(skills: readonly ConfirmedSkill[]): string {
  const lines: string[] = [];
  let room = MAX_LIST_BYTES;
  for (const skill of skills) {
    const line = `- ${userText(skill.label)}`;
    room -= Buffer.byteLength(line) + 1;
    if (room < 0) return [...lines, `- … (+${skills.length - lines.length})`].join('\n');
    lines.push(line);
  }
  return lines.join('\n');
}
