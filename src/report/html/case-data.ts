// The per-case data the page embeds: each CaseRecord minus what the page never shows (TTFT,
// usage, retries), answers capped in length, and the word diff of green's first answer against
// blue's, as token runs the page applies to both texts (so each text is embedded once).
import type { CaseRecord, RevisionCaseResult } from '../../model/metrics.js';
import { truncate } from '../text.js';
import { wordDiff, type WordDiff } from './diff.js';

/** Longest answer, prompt or reference embedded, in characters (the rest is in report.json). */
export const MAX_TEXT_CHARS = 20_000;

export type HtmlSide = Pick<
  RevisionCaseResult,
  'attempts' | 'errors' | 'errorClasses' | 'outputs' | 'docs' | 'assertions' | 'rag' | 'ref' | 'refusals' | 'latencyMs' | 'numbers'
>;

export interface HtmlCase extends Pick<
  CaseRecord,
  'id' | 'tags' | 'critical' | 'prompt' | 'turns' | 'reference' | 'expectedDocs' | 'pair' | 'status' | 'reasons' | 'regression' | 'semantic'
> {
  blue: HtmlSide;
  green: HtmlSide;
  /** Green's first answer against blue's first answer; null when a side has no answer. */
  diff: WordDiff | null;
}

/** The embedded form of one case. */
export function htmlCase(record: CaseRecord): HtmlCase {
  const blue = side(record.blue);
  const green = side(record.green);
  const b = blue.outputs[0];
  const g = green.outputs[0];
  return {
    id: record.id,
    tags: record.tags,
    critical: record.critical,
    prompt: cap(record.prompt),
    turns: record.turns,
    reference: record.reference === null ? null : cap(record.reference),
    expectedDocs: record.expectedDocs,
    blue,
    green,
    pair: record.pair,
    status: record.status,
    reasons: record.reasons,
    regression: record.regression,
    semantic: record.semantic,
    diff: b === undefined || g === undefined ? null : wordDiff(b, g),
  };
}

function side(r: RevisionCaseResult): HtmlSide {
  return {
    attempts: r.attempts,
    errors: r.errors,
    errorClasses: r.errorClasses,
    outputs: r.outputs.map(cap),
    docs: r.docs,
    assertions: r.assertions,
    rag: r.rag,
    ref: r.ref,
    refusals: r.refusals,
    latencyMs: r.latencyMs,
    numbers: r.numbers,
  };
}

function cap(text: string): string {
  return text.length <= MAX_TEXT_CHARS ? text : truncate(text, MAX_TEXT_CHARS);
}
