// Reading the judge's replies: the first JSON object in the text, then its fields — pure.
import { RevgateError } from '../model/errors.js';

/** The first balanced `{…}` in `text` that parses as a JSON object (models wrap JSON in prose or fences). */
export function firstJsonObject(text: string): Record<string, unknown> | undefined {
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    const end = balancedEnd(text, start);
    if (end === -1) return undefined;
    try {
      const value: unknown = JSON.parse(text.slice(start, end + 1));
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // Not JSON after all (e.g. "{score}" in prose): try the next brace.
    }
  }
  return undefined;
}

// Index of the `}` closing the `{` at `start`, skipping braces inside JSON strings; -1 if unbalanced.
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** A judge reply that does not hold the JSON asked for; the message says what is wrong. */
export class ReplyError extends RevgateError {
  constructor(message: string) {
    super('RG_JUDGE_REPLY', message);
  }
}

function numberField(o: Record<string, unknown>, name: string): number | undefined {
  const v = o[name];
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

const reasonOf = (o: Record<string, unknown>): string => (typeof o['reason'] === 'string' ? o['reason'] : '');

/** A rubric reply: score 1-5 (numbers or numeric strings; fractions allowed) normalised to 0..1. */
export function parseRubricReply(text: string): { score: number; reason: string } {
  const o = firstJsonObject(text);
  if (o === undefined) throw new ReplyError('no JSON object in the reply');
  const grade = numberField(o, 'score');
  if (grade === undefined || grade < 1 || grade > 5)
    throw new ReplyError(`"score" must be a number from 1 to 5, got ${JSON.stringify(o['score'])}`);
  return { score: (grade - 1) / 4, reason: reasonOf(o) };
}

export type PositionVote = 'A' | 'B' | 'tie';

/** A pairwise reply: winner A | B | tie (case-insensitive; "answer_a" too); confidence clamped to 0..1, 0.5 when absent. */
export function parsePairwiseReply(text: string): { winner: PositionVote; confidence: number; reason: string } {
  const o = firstJsonObject(text);
  if (o === undefined) throw new ReplyError('no JSON object in the reply');
  const raw =
    typeof o['winner'] === 'string'
      ? o['winner']
          .trim()
          .toLowerCase()
          .replace(/^answer[_ ]?/, '')
      : undefined;
  const winner: PositionVote | undefined = raw === 'a' ? 'A' : raw === 'b' ? 'B' : raw === 'tie' ? 'tie' : undefined;
  if (winner === undefined) throw new ReplyError(`"winner" must be "A", "B" or "tie", got ${JSON.stringify(o['winner'])}`);
  const confidence = numberField(o, 'confidence');
  return { winner, confidence: confidence === undefined ? 0.5 : Math.max(0, Math.min(1, confidence)), reason: reasonOf(o) };
}
