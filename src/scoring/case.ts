// Scoring of one golden case: both revisions, green vs blue, status and a regression score.
import type { GoldenCase } from '../model/golden.js';
import type { AttemptRecord } from '../model/attempt.js';
import { ERROR_CLASSES } from '../model/outcome.js';
import { scorePair } from './pair.js';
import { textScope } from './memo.js';
import { scoreRevision } from './revision.js';
import type { CaseRecord, CaseSemanticInput, CaseStatus, RevisionCaseResult } from '../model/metrics.js';

export { MAX_DRIFT_PAIRS } from './pair.js';

export interface ScoreCaseOptions {
  /** RAG cut-off (scoring.k). */
  k: number;
  /** A case "moved" when its green-vs-blue ROUGE-L is below 1 - driftTolerance. */
  driftTolerance: number;
  /** Share of successful attempts that must pass all assertions (k-of-n). */
  assertPassRatio: number;
}

// The prompt shown in reports: the question, else the last user message, else the vars as JSON.
function promptOf(c: GoldenCase): string {
  if (c.question !== undefined) return c.question;
  const lastUser = c.messages?.filter((m) => m.role === 'user').at(-1);
  if (lastUser !== undefined) return lastUser.content;
  return c.vars === undefined ? '' : JSON.stringify(c.vars);
}

// "5xx: 2, timeout: 1", in ERROR_CLASSES order.
function describeErrors(r: RevisionCaseResult): string {
  return ERROR_CLASSES.filter((cls) => r.errorClasses[cls] !== undefined)
    .map((cls) => `${cls}: ${r.errorClasses[cls]}`)
    .join(', ');
}

// Green's status and why, one line per reason. Assertions (k-of-n), errors and refusals decide it:
// a case where green mostly refuses and blue mostly answers is never listed as passing. Lost
// documents and drift weigh in the regression score only.
function statusOf(green: RevisionCaseResult, blue: RevisionCaseResult, ratio: number): { status: CaseStatus; reasons: string[] } {
  if (green.outputs.length === 0) {
    const detail =
      green.attempts === 0 ? 'no attempts were made' : `all ${green.attempts} attempts failed (${describeErrors(green) || 'unclassified'})`;
    return { status: 'error', reasons: [`green: ${detail}`] };
  }
  const a = green.assertions;
  if (a.passed === false) {
    const head = `green: assertions passed on ${a.passes} of ${a.n} answers (needs ≥ ${Math.round(ratio * 100)}%)`;
    return { status: 'fail', reasons: [head, ...a.failures.map((f) => `green: ${f.label}: ${f.message ?? 'failed'}`)] };
  }
  if (mostly(green.refusals, green.outputs.length) && !mostly(blue.refusals, blue.outputs.length)) {
    return {
      status: 'fail',
      reasons: [
        `green: refused ${green.refusals} of ${green.outputs.length} answers (blue refused ${blue.refusals} of ${blue.outputs.length})`,
      ],
    };
  }
  return { status: 'pass', reasons: [] };
}

const mostly = (part: number, whole: number): boolean => whole > 0 && part * 2 > whole;

const positive = (x: number): number => (x > 0 ? x : 0);
const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
// max(0, blue − green) when both are known.
const drop = (blue: number | null | undefined, green: number | null | undefined): number =>
  blue == null || green == null ? 0 : positive(blue - green);

/** A fall in numeric consistency larger than this adds 0.5 to the regression score. */
export const NUMBERS_DROP = 0.1;

/**
 * How much worse green is than blue on one case (≥ 0, higher is worse; for sorting only):
 *   2·[error] + 1·[fail] + 1·[critical ∧ not pass]
 *   + max(0, blue.ref.rougeL − green.ref.rougeL) + 0.5·(1 − drift.rougeL)
 *   + max(0, blue.rag.recall − green.rag.recall) + 0.5·|lostDocs| / |expected|
 *   + max(0, blue − green) of the assertion pass share (passes / n)
 *   + max(0, green − blue) of the refusal share (refusals / answers) and of the error share
 *     (errors other than 429 / attempts)
 *   + 0.5·[blue.numbers.consistency − green.numbers.consistency > 0.1]
 *   + max(0, blue − green) of semantic.ref and of semantic.judge (embeddings, rubric judge).
 * Terms whose inputs are missing count 0; each delta is clamped at 0 so gains elsewhere do not
 * hide a loss.
 */
export function regressionScore(record: Omit<CaseRecord, 'regression'>): number {
  const { blue, green, pair, status } = record;
  let score = (status === 'error' ? 2 : status === 'fail' ? 1 : 0) + (record.critical && status !== 'pass' ? 1 : 0);
  score += drop(blue.ref?.rougeL, green.ref?.rougeL);
  if (pair.drift !== null) score += 0.5 * (1 - pair.drift.rougeL);
  score += drop(blue.rag?.recall, green.rag?.recall);
  const expected = record.expectedDocs?.length ?? 0;
  if (expected > 0) score += (0.5 * pair.lostDocs.length) / expected;
  score += drop(share(blue.assertions.passes, blue.assertions.n), share(green.assertions.passes, green.assertions.n));
  score += drop(share(green.refusals, green.outputs.length), share(blue.refusals, blue.outputs.length));
  const faults = (r: RevisionCaseResult): number | null => share(r.errors - (r.errorClasses['429'] ?? 0), r.attempts);
  score += drop(faults(green), faults(blue));
  if (drop(blue.numbers?.consistency, green.numbers?.consistency) > NUMBERS_DROP) score += 0.5;
  score += drop(record.semantic?.ref.blue, record.semantic?.ref.green);
  score += drop(record.semantic?.judge.blue, record.semantic?.judge.green);
  return positive(score);
}

// Score one golden case from both revisions' attempts, with its semantic measures when computed.
export function scoreCase(
  testCase: GoldenCase,
  attempts: { blue: readonly AttemptRecord[]; green: readonly AttemptRecord[] },
  options: ScoreCaseOptions,
  semantic?: CaseSemanticInput,
): CaseRecord {
  return textScope(() => scoreCaseWith(testCase, attempts, options, semantic));
}

function scoreCaseWith(
  testCase: GoldenCase,
  attempts: { blue: readonly AttemptRecord[]; green: readonly AttemptRecord[] },
  options: ScoreCaseOptions,
  semantic: CaseSemanticInput | undefined,
): CaseRecord {
  const reference = testCase.reference ?? null;
  const expectedDocs = testCase.expected_docs !== undefined && testCase.expected_docs.length > 0 ? testCase.expected_docs : null;
  const input = { assertions: testCase.assert ?? [], reference, expectedDocs, k: options.k, assertPassRatio: options.assertPassRatio };
  const blue = scoreRevision(attempts.blue, input);
  const green = scoreRevision(attempts.green, input);
  const { status, reasons } = statusOf(green, blue, options.assertPassRatio);
  const record: Omit<CaseRecord, 'regression'> = {
    id: testCase.id,
    tags: testCase.tags,
    critical: testCase.critical,
    prompt: promptOf(testCase),
    turns: testCase.messages === undefined ? 1 : testCase.messages.filter((m) => m.role === 'user').length,
    reference,
    expectedDocs,
    blue,
    green,
    pair: scorePair(blue, green, expectedDocs, options),
    status,
    reasons,
    semantic: semantic ?? null,
  };
  return { ...record, regression: regressionScore(record) };
}
