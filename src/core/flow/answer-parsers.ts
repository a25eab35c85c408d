import type { AnswerValue } from '../bilan/bilan-record.js';
import { msg, type MessageRef } from '../messages.js';
import type { KeywordSet } from '../text/normalize.js';
import type { QuestionStep } from './flow-schema.js';
import { matchOption } from './option-matching.js';

/** Recognises a whole utterance. */
export interface Matcher {
  matches(utterance: string): boolean;
}

/** Words the user may type instead of clicking, in every supported language. */
export interface Vocabulary {
  readonly yes: KeywordSet;
  readonly no: KeywordSet;
  readonly skip: KeywordSet;
  /** « je ne sais pas », "not sure"…: recorded as unsure, for the counsellor to explore. */
  readonly unsure: Matcher;
  /** Greetings, "?", "what do you mean": not an answer; the question is shown again with its hint. */
  readonly clarify: Matcher;
  /** « retour », "back": the previous question again. */
  readonly back: Matcher;
  /** The copy of an i18n key in every language (option labels typed instead of clicked). */
  readonly copiesOf: (key: string) => readonly string[];
}

/** What the user gave for a question: typed text, or the value of a card input or button. */
export type RawAnswer = { readonly type: 'text'; readonly text: string } | { readonly type: 'value'; readonly value: unknown };

export type ParseResult =
  | { readonly ok: true; readonly value: AnswerValue; readonly note?: string }
  | { readonly ok: false; readonly reason: MessageRef };

export interface AnswerLimits {
  readonly maxAnswerLength: number;
}

/** Turns a raw answer into a stored value, or says in a MessageRef why it cannot be used. */
export function parseAnswer(step: QuestionStep, raw: RawAnswer, vocabulary: Vocabulary, limits: AnswerLimits): ParseResult {
  switch (step.kind) {
    case 'text':
      return parseText(raw, limits);
    case 'yesNo':
      return parseYesNo(raw, vocabulary);
    case 'singleChoice':
      return parseChoices(step, raw, false, vocabulary);
    case 'multiChoice':
      return parseChoices(step, raw, true, vocabulary);
    case 'scale':
      return parseScale(step, raw);
  }
}

/** True when the user typed one of the skip words ("passer", "skip", "je préfère ne pas répondre"…). */
export function isSkipRequest(raw: RawAnswer, vocabulary: Vocabulary): boolean {
  return raw.type === 'text' && vocabulary.skip.matches(raw.text);
}

function asString(raw: RawAnswer): string | undefined {
  if (raw.type === 'text') return raw.text;
  if (typeof raw.value === 'string') return raw.value;
  if (typeof raw.value === 'number' && Number.isFinite(raw.value)) return String(raw.value);
  return undefined;
}

function parseText(raw: RawAnswer, limits: AnswerLimits): ParseResult {
  const text = asString(raw)?.trim();
  if (!text) return { ok: false, reason: msg('common:answer.empty') };
  if (text.length > limits.maxAnswerLength) {
    return { ok: false, reason: msg('common:answer.tooLong', { max: limits.maxAnswerLength }) };
  }
  return { ok: true, value: text };
}

function parseYesNo(raw: RawAnswer, vocabulary: Vocabulary): ParseResult {
  const text = asString(raw) ?? '';
  if (raw.type === 'value' && (text === 'yes' || text === 'no')) return { ok: true, value: text };
  if (raw.type === 'text' && vocabulary.yes.matches(text)) return { ok: true, value: 'yes' };
  if (raw.type === 'text' && vocabulary.no.matches(text)) return { ok: true, value: 'no' };
  return { ok: false, reason: msg('common:answer.chooseYesNo') };
}

/**
 * Card inputs send option values ("a,b" for multi-select); typed answers use option numbers ("1, 3") or labels
 * (« reconnaissance », "Recognition, from my manager": the words after the label are kept as a note).
 */
function parseChoices(step: QuestionStep, raw: RawAnswer, multiple: boolean, vocabulary: Vocabulary): ParseResult {
  const options = step.options ?? [];
  const text = asString(raw)?.trim() ?? '';
  const refused: ParseResult = { ok: false, reason: msg(multiple ? 'common:answer.chooseMany' : 'common:answer.chooseOne', { count: options.length }) };
  if (raw.type === 'text' && !/^[\d\s,;]+$/.test(text)) return parseLabels(options, text, multiple, vocabulary) ?? refused;
  const parts = text.split(raw.type === 'text' ? /[\s,;]+/ : ',').filter((p) => p.length > 0);
  const values = parts.map((part) => (raw.type === 'text' ? optionByNumber(options, part) : optionByValue(options, part)));
  const chosen = [...new Set(values)];
  if (parts.length === 0 || chosen.some((v) => v === undefined) || (!multiple && chosen.length !== 1)) return refused;
  const valid = chosen as string[];
  return { ok: true, value: multiple ? valid : (valid[0] as string) };
}

function parseLabels(options: NonNullable<QuestionStep['options']>, text: string, multiple: boolean, vocabulary: Vocabulary): ParseResult | undefined {
  const typed = options.map((o) => ({ value: o.value, labels: vocabulary.copiesOf(o.label) }));
  const whole = matchOption(text, typed);
  if (whole) return { ok: true, value: multiple ? [whole.value] : whole.value, ...(whole.note ? { note: whole.note } : {}) };
  if (!multiple) return undefined;
  const parts = text.split(/\s*[,;]\s*|\s+(?:et|and)\s+/).filter((p) => p.length > 0);
  const values = parts.map((part) => matchOption(part, typed)?.value);
  if (parts.length < 2 || values.some((v) => v === undefined)) return undefined;
  return { ok: true, value: [...new Set(values as string[])] };
}

function optionByNumber(options: QuestionStep['options'] & object, part: string): string | undefined {
  if (!/^\d{1,2}$/.test(part)) return undefined;
  return options[Number(part) - 1]?.value;
}

function optionByValue(options: QuestionStep['options'] & object, part: string): string | undefined {
  return options.find((o) => o.value === part)?.value;
}

function parseScale(step: QuestionStep, raw: RawAnswer): ParseResult {
  const min = step.scale?.min ?? 1;
  const max = step.scale?.max ?? 5;
  const text = (asString(raw) ?? '').trim();
  const match = /^(\d{1,2})(?:\s*\/\s*\d{1,2})?$/.exec(text);
  const value = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    return { ok: false, reason: msg('common:answer.chooseScale', { min, max }) };
  }
  return { ok: true, value };
}
