// Hand-built fixtures for gate tests: metrics sets, specs, checks and case records.
import type { CheckResult, Status, ThresholdSpec } from '../../src/model/verdict.js';
import type { CaseRecord, FlatMetrics, MetricsSet, RevisionCaseResult } from '../../src/model/metrics.js';

type Values = Record<string, [value: number | null, n: number]>;

/** A MetricsSet from `{ green: { 'latency.p95': [812, 50] }, … }`. */
export function metricsSet(parts: { green?: Values; blue?: Values; pair?: Values; cases?: number }): MetricsSet {
  const flat = (values: Values = {}): FlatMetrics =>
    Object.fromEntries(Object.entries(values).map(([name, [value, n]]) => [name, { value, n }]));
  return { green: flat(parts.green), blue: flat(parts.blue), pair: flat(parts.pair), cases: parts.cases ?? 50 };
}

/** A valid spec with overridable fields. */
export function spec(fields: Partial<ThresholdSpec> & Pick<ThresholdSpec, 'scope' | 'metric' | 'op' | 'limit'>): ThresholdSpec {
  const expr = `${fields.scope}.${fields.metric} ${fields.op} ${fields.limit}`;
  return { id: expr, name: expr, expr, tags: [], advisory: false, ...fields };
}

/** A minimal check with a status. */
export function check(status: Status, fields: Partial<CheckResult> = {}): CheckResult {
  return {
    id: `c-${status}`,
    name: status,
    kind: 'threshold',
    expr: 'x',
    advisory: false,
    value: null,
    n: 0,
    status,
    reason: `reason ${status}`,
    ...fields,
  };
}

function revision(fields: Partial<RevisionCaseResult> = {}): RevisionCaseResult {
  return {
    attempts: 3,
    errors: 0,
    errorClasses: {},
    retries: 0,
    outputs: ['ok'],
    docs: null,
    assertions: { passes: 3, n: 3, passed: true, failures: [] },
    rag: null,
    ref: null,
    refusals: 0,
    latencyMs: [100],
    ttftMs: [],
    usage: null,
    numbers: null,
    ...fields,
  };
}

/** A case record; green and blue results are filler unless given. */
export function caseRecord(fields: Partial<CaseRecord> & Pick<CaseRecord, 'id'>): CaseRecord {
  return {
    tags: [],
    critical: false,
    prompt: 'q',
    turns: 1,
    reference: null,
    expectedDocs: null,
    blue: revision(),
    green: revision(),
    pair: { drift: null, moved: null, docsJaccard: null, lostDocs: [], noise: null, position: null, numbers: null },
    status: 'pass',
    reasons: [],
    regression: 0,
    semantic: null,
    ...fields,
  };
}
