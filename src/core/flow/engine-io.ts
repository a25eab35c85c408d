import type { Answer, BilanRecord, ConfirmedSkill, JobCandidate, KeptOccupation, SkillCandidate } from '../bilan/bilan-record.js';
import type { MessageRef } from '../messages.js';
import type { SensitiveFinding } from '../sensitive/sensitive-detector.js';
import type { EndOutcome, Flow, QuestionStep, RecapStep } from './flow-schema.js';

/** Something the user sent while a flow waits: typed text or a card submission naming the prompt it answers. */
export type EngineInput =
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'submit';
      readonly flowId: string;
      readonly flowVersion: number;
      readonly promptId: string;
      readonly value?: unknown;
      /** Skills the user added in their own words on a skill-confirmation card. */
      readonly added?: string;
      readonly skip?: boolean;
      /** The user chose to keep an answer that mentions something personal: it is stored as it is, never analysed. */
      readonly keep?: boolean;
      /** The user chose to write that answer again. */
      readonly rewrite?: boolean;
    };

export interface RecapLine {
  readonly label: string;
  readonly question: QuestionStep;
  readonly answer: Answer | undefined;
}

/** What the engine wants shown, in order. Render turns these into Teams activities. */
export type EngineOutput =
  | { readonly type: 'message'; readonly message: MessageRef }
  | { readonly type: 'question'; readonly flow: Flow; readonly question: QuestionStep; readonly promptId: string }
  | { readonly type: 'recap'; readonly flow: Flow; readonly step: RecapStep; readonly lines: readonly RecapLine[]; readonly promptId: string }
  | { readonly type: 'recapChoose'; readonly flow: Flow; readonly step: RecapStep; readonly lines: readonly RecapLine[]; readonly promptId: string }
  | { readonly type: 'skillReview'; readonly flow: Flow; readonly candidates: readonly SkillCandidate[]; readonly promptId: string }
  | { readonly type: 'occupations'; readonly flow: Flow; readonly suggestions: readonly KeptOccupation[]; readonly promptId: string }
  /** The jobs understood in the career path, to confirm; `correcting` while the person types them again. */
  | { readonly type: 'jobReview'; readonly flow: Flow; readonly jobs: readonly JobCandidate[]; readonly correcting: boolean; readonly promptId: string }
  | { readonly type: 'results'; readonly skills: readonly ConfirmedSkill[]; readonly holland: string | undefined; readonly explorations: readonly KeptOccupation[]; readonly lines: readonly RecapLine[] }
  | { readonly type: 'derivedFactors'; readonly gaps: readonly string[]; readonly lines: readonly RecapLine[] }
  /** A message with buttons that run commands: what to do now, at the end of a phase or of the bilan. */
  | { readonly type: 'offer'; readonly message: MessageRef; readonly actions: readonly OfferedCommand[] }
  /** An answer that mentions something personal or distress, not stored: the user keeps, rewrites or skips it. */
  | { readonly type: 'sensitiveCheck'; readonly flow: Flow; readonly question: QuestionStep; readonly answer: string; readonly finding: SensitiveFinding; readonly promptId: string };

/** A command offered as a button; the first is the primary action. */
export type OfferedCommand = 'resume' | 'later' | 'synthesis';

export type FlowStatus = 'waiting' | EndOutcome;

export interface EngineResult {
  readonly record: BilanRecord;
  readonly outputs: readonly EngineOutput[];
  readonly status: FlowStatus;
}
