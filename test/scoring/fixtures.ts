// Builders for attempt records, golden cases and hand-built case records used by the scoring tests.
import type { GoldenCase } from '../../src/model/golden.js';
import type { AttemptRecord } from '../../src/model/attempt.js';
import type { CaseRecord, CaseSemanticInput, PairCaseResult, RevisionCaseResult } from '../../src/model/metrics.js';
import type { ErrorClass, Revision } from '../../src/model/outcome.js';

// A successful attempt.
export function ok(revision: Revision, repeat: number, text: string, extra: Partial<AttemptRecord> = {}): AttemptRecord {
  return { caseId: 'c1', revision, repeat, ok: true, text, retries: 0, latencyMs: 100, at: '2025-01-01T00:00:00.000Z', ...extra };
}

// A failed attempt (after retries).
export function failed(revision: Revision, repeat: number, cls: ErrorClass, extra: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    caseId: 'c1',
    revision,
    repeat,
    ok: false,
    retries: 0,
    error: { class: cls, message: `${cls} error` },
    at: '2025-01-01T00:00:00.000Z',
    ...extra,
  };
}

// A golden case with schema defaults applied (tags [], critical false).
export function golden(fields: Partial<GoldenCase> = {}): GoldenCase {
  return { id: 'c1', tags: [], critical: false, question: 'How much ibuprofen can I take?', ...fields };
}

// A revision's case result with no answers scored; override what a test needs.
export function revisionResult(fields: Partial<RevisionCaseResult> = {}): RevisionCaseResult {
  return {
    attempts: 1,
    errors: 0,
    errorClasses: {},
    retries: 0,
    outputs: ['answer'],
    docs: null,
    assertions: { passes: 0, n: 0, passed: null, failures: [] },
    rag: null,
    ref: null,
    refusals: 0,
    latencyMs: [],
    ttftMs: [],
    usage: null,
    numbers: null,
    ...fields,
  };
}

// A hand-built case record (no scoring run); override what a test needs.
export function caseRecord(fields: Partial<Omit<CaseRecord, 'pair'>> & { pair?: Partial<PairCaseResult> } = {}): CaseRecord {
  const { pair, ...rest } = fields;
  return {
    id: 'c1',
    tags: [],
    critical: false,
    prompt: 'q',
    turns: 1,
    reference: null,
    expectedDocs: null,
    blue: revisionResult(),
    green: revisionResult(),
    status: 'pass',
    reasons: [],
    regression: 0,
    semantic: null,
    ...rest,
    pair: { drift: null, moved: null, docsJaccard: null, lostDocs: [], noise: null, position: null, numbers: null, ...pair },
  };
}

// Semantic measures with nothing measured; override what a test needs.
export function semanticInput(fields: Partial<CaseSemanticInput> = {}): CaseSemanticInput {
  return { ref: { blue: null, green: null }, drift: null, judge: { blue: null, green: null }, pairwise: null, errors: [], ...fields };
}
