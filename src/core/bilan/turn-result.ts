import type { EngineOutput } from '../flow/engine-io.js';
import type { QuestionStep } from '../flow/flow-schema.js';
import type { Locale } from '../locale.js';
import { msg } from '../messages.js';
import type { SensitiveFinding } from '../sensitive/sensitive-detector.js';
import type { AnsweredCard } from './answered-by.js';
import type { Answer } from './bilan-record.js';

/** What a turn produced: outputs to render, and whether a flow now waits for the user's answer. */
export interface TurnResult {
  readonly outputs: readonly EngineOutput[];
  readonly waiting: boolean;
  /** The question this turn's card answered, and the answer stored: the answered card can then show it. */
  readonly answered?: { readonly question: QuestionStep; readonly answer: Answer };
  /** The jobs, skills or occupations card this turn's submission answered: it can then show what was added. */
  readonly answeredCard?: AnsweredCard;
}

/** What became of a comment: saved, nothing to comment on yet, or held back until the user confirms what it discloses. */
export type CommentOutcome = { readonly type: 'saved' } | { readonly type: 'nothingToComment' } | { readonly type: 'check'; readonly finding: SensitiveFinding };

/** What a turn learns from the user's record before it is routed. */
export interface OpenedTurn {
  /** The language the user chose, if they did. */
  readonly locale: Locale | undefined;
  /** When the user was asked to confirm the deletion of their data, if that question is still open (ISO date). */
  readonly erasureAskedAt: string | undefined;
  /** Whether anything is stored about the user (nothing before they read the information, nothing after erasure). */
  readonly stored: boolean;
}

export const NOTHING: TurnResult = { outputs: [], waiting: false };

/** A turn that only says `key`. */
export function message(key: string): TurnResult {
  return { outputs: [{ type: 'message', message: msg(key) }], waiting: false };
}
