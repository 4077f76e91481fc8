// One revision's results on one case, from its attempts (all repeats).
import type { Assertion } from '../model/golden.js';
import type { AttemptRecord } from '../model/attempt.js';
import type { ErrorClass, Usage } from '../model/outcome.js';
import { evaluateAssertions } from './assertions.js';
import { textScope } from './memo.js';
import { compareQuantities, quantitiesOf } from './numbers-compare.js';
import { meanRag, ragScores } from './rag.js';
import { isRefusal } from './refusal.js';
import { meanSimilarity, similarityIds, tokenIdsOf } from './text.js';
import type { AssertionOutcome, RagScores, RevisionCaseResult, RevisionNumbers, SimilarityScores } from '../model/metrics.js';

/** Distinct failed assertion outcomes kept per revision and case. */
export const MAX_FAILURES = 5;

export interface RevisionScoringInput {
  assertions: readonly Assertion[];
  reference: string | null;
  expectedDocs: readonly string[] | null;
  k: number;
  assertPassRatio: number;
}

// Mean of the usage reported by successful attempts; null when none reported it.
function meanUsage(usages: readonly Usage[]): Usage | null {
  if (usages.length === 0) return null;
  const sum = { prompt: 0, completion: 0, total: 0 };
  for (const u of usages) {
    sum.prompt += u.prompt;
    sum.completion += u.completion;
    sum.total += u.total;
  }
  const n = usages.length;
  return { prompt: sum.prompt / n, completion: sum.completion / n, total: sum.total / n };
}

// k-of-n: an attempt passes when all its assertions pass; the case when passes / n ≥ ratio.
function scoreAssertions(assertions: readonly Assertion[], outputs: readonly string[], ratio: number): RevisionCaseResult['assertions'] {
  if (assertions.length === 0) return { passes: 0, n: 0, passed: null, failures: [] };
  let passes = 0;
  const failures = new Map<string, AssertionOutcome>();
  for (const text of outputs) {
    const outcomes = evaluateAssertions(assertions, text);
    if (outcomes.every((o) => o.pass)) passes++;
    for (const o of outcomes) {
      const key = `${o.label}\u0000${o.message ?? ''}`;
      if (!o.pass && failures.size < MAX_FAILURES && !failures.has(key)) failures.set(key, o);
    }
  }
  const n = outputs.length;
  return { passes, n, passed: n === 0 ? null : passes / n >= ratio, failures: [...failures.values()] };
}

// Numeric consistency of each answer with the reference (compareQuantities), averaged; changed,
// missing and added quantities summed over the answers. Null when the reference has no quantities.
export function scoreNumbers(reference: string | null, outputs: readonly string[]): RevisionNumbers | null {
  if (reference === null || quantitiesOf(reference).quantities.length === 0) return null;
  const out: RevisionNumbers = { consistency: null, changed: 0, missing: 0, added: 0 };
  let sum = 0;
  for (const text of outputs) {
    const c = compareQuantities(reference, text);
    sum += c.consistency ?? 0; // never null here: the reference has quantities
    out.changed += c.changed.length;
    out.missing += c.missing.length;
    out.added += c.added.length;
  }
  if (outputs.length > 0) out.consistency = sum / outputs.length;
  return out;
}

/** The retry causes a client without retries would have seen as errors (429 is the environment's quota). */
const FIRST_TRY_FAULTS: ReadonlySet<ErrorClass> = new Set<ErrorClass>(['5xx', 'timeout', 'connection']);

// An attempt whose first try failed with a server fault, or that failed in the end (429 excluded):
// what a user whose client does not retry would have met.
function failedFirstTry(a: AttemptRecord): boolean {
  if (!a.ok && a.error !== undefined && a.error.class !== '429') return true;
  const first = a.retriedOn?.[0];
  return first !== undefined && FIRST_TRY_FAULTS.has(first);
}

// Score one revision's attempts at one case (attempts in any order; they are sorted by repeat).
export function scoreRevision(attempts: readonly AttemptRecord[], input: RevisionScoringInput): RevisionCaseResult {
  return textScope(() => scoreRevisionIn(attempts, input));
}

function scoreRevisionIn(attempts: readonly AttemptRecord[], input: RevisionScoringInput): RevisionCaseResult {
  const ordered = [...attempts].sort((a, b) => a.repeat - b.repeat);
  const ok = ordered.filter((a) => a.ok);
  const errorClasses: Partial<Record<ErrorClass, number>> = {};
  let retries = 0;
  let firstTryErrors = 0;
  for (const a of ordered) {
    retries += a.retries;
    if (!a.ok && a.error !== undefined) errorClasses[a.error.class] = (errorClasses[a.error.class] ?? 0) + 1;
    if (failedFirstTry(a)) firstTryErrors++;
  }
  const outputs = ok.map((a) => a.text ?? '');

  const expected = input.expectedDocs !== null && input.expectedDocs.length > 0 ? input.expectedDocs : null;
  const rag: RagScores[] = [];
  if (expected !== null) {
    for (const a of ok) if (a.docs !== undefined) rag.push(ragScores(expected, a.docs, input.k));
  }

  let ref: SimilarityScores | null = null;
  if (input.reference !== null) {
    const refTokens = tokenIdsOf(input.reference);
    ref = meanSimilarity(outputs.map((text) => similarityIds(tokenIdsOf(text), refTokens)));
  }

  return {
    attempts: ordered.length,
    errors: ordered.length - ok.length,
    errorClasses,
    retries,
    firstTryErrors,
    outputs,
    docs: ok.find((a) => a.docs !== undefined)?.docs ?? null,
    assertions: scoreAssertions(input.assertions, outputs, input.assertPassRatio),
    rag: meanRag(rag),
    ref,
    refusals: outputs.filter((text) => isRefusal(text)).length,
    latencyMs: ok.flatMap((a) => (a.latencyMs === undefined ? [] : [a.latencyMs])),
    ttftMs: ok.flatMap((a) => (a.ttftMs === undefined ? [] : [a.ttftMs])),
    usage: meanUsage(ok.flatMap((a) => (a.usage === undefined ? [] : [a.usage]))),
    numbers: scoreNumbers(input.reference, outputs),
  };
}
