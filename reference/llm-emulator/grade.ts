// The emulated judge: reads the blocks of revgate's grading prompts and grades by token overlap.
import { overlapF1 } from './text.js';

export interface GradeOptions {
  /** Always prefer answer A (confidence 0.9), like a judge with position bias. */
  positionBias: boolean;
}

// The text of `<tag>\n…\n</tag>`, as revgate's prompts lay blocks out; undefined when absent.
export function blockOf(prompt: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(prompt);
  return match?.[1];
}

// The judge's reply (a JSON text) to a prompt, or undefined when the prompt is not a grading prompt.
export function gradeReply(prompt: string, options: GradeOptions): string | undefined {
  const a = blockOf(prompt, 'answer_a');
  const b = blockOf(prompt, 'answer_b');
  if (a !== undefined && b !== undefined) return JSON.stringify(pairwise(prompt, a, b, options));
  const answer = blockOf(prompt, 'answer');
  const reference = blockOf(prompt, 'reference');
  if (answer === undefined || reference === undefined) return undefined;
  const f1 = overlapF1(answer, reference);
  return JSON.stringify({ score: 1 + Math.round(4 * f1), reason: `token F1 with the reference is ${f1.toFixed(2)}` });
}

// Prefer the answer overlapping the reference (or, without one, the question) more; tie within 0.05.
function pairwise(prompt: string, a: string, b: string, options: GradeOptions): { winner: string; confidence: number; reason: string } {
  if (options.positionBias) return { winner: 'A', confidence: 0.9, reason: 'A comes first' };
  const reference = blockOf(prompt, 'reference');
  const target = reference !== undefined && reference.trim() !== '' ? reference : (blockOf(prompt, 'question') ?? '');
  const sa = overlapF1(a, target);
  const sb = overlapF1(b, target);
  const gap = Math.abs(sa - sb);
  const reason = `token F1: A ${sa.toFixed(2)}, B ${sb.toFixed(2)}`;
  if (gap < 0.05) return { winner: 'tie', confidence: 0.5, reason };
  return { winner: sa > sb ? 'A' : 'B', confidence: Math.min(1, 0.5 + gap), reason };
}
