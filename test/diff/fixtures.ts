// Two small hand-built reports (A: last release, B: this one) for the pure diff tests.
import { computeDiff, type DiffInput } from '../../src/diff/compute.js';
import type { Diff } from '../../src/diff/model.js';
import type { Report } from '../../src/model/report.js';
import type { CaseRecord, FlatMetrics } from '../../src/model/metrics.js';
import { fixtureReport } from '../report/fixture.js';
import { caseRecord, revisionResult } from '../scoring/fixtures.js';

export function m(value: number | null, n = 10): { value: number | null; n: number } {
  return { value, n: value === null ? 0 : n };
}

/** A report whose green (and blue) metrics and cases are the given ones; the rest from the renderer fixture. */
export function report(
  fields: {
    green?: FlatMetrics;
    blue?: FlatMetrics;
    pair?: FlatMetrics;
    cases?: CaseRecord[];
    byTag?: Report['metricsByTag'];
    suite?: Partial<Report['suite']>;
    runId?: string;
  } = {},
): Report {
  const base = fixtureReport();
  return {
    ...base,
    run: { ...base.run, id: fields.runId ?? base.run.id, complete: true, casesDone: 10, casesPlanned: 10 },
    suite: { ...base.suite, ...fields.suite },
    metrics: { blue: fields.blue ?? {}, green: fields.green ?? {}, pair: fields.pair ?? {}, cases: 10 },
    metricsByTag: fields.byTag ?? {},
    cases: fields.cases ?? [],
  };
}

/** A case whose green has `status`, a ref ROUGE-L, a recall and an answer. */
export function scored(
  id: string,
  status: CaseRecord['status'],
  scores: { rougeL?: number; recall?: number; numbers?: number; answer?: string } = {},
): CaseRecord {
  const green = revisionResult({
    outputs: scores.answer === undefined ? ['answer'] : [scores.answer],
    ref: scores.rougeL === undefined ? null : { f1: scores.rougeL, rougeL: scores.rougeL },
    rag: scores.recall === undefined ? null : { hit: scores.recall, recall: scores.recall, mrr: scores.recall, ndcg: scores.recall },
    numbers: scores.numbers === undefined ? null : { consistency: scores.numbers, changed: 0, missing: 0, added: 0 },
  });
  return caseRecord({
    id,
    status,
    green,
    reasons: status === 'pass' ? [] : [`green: ${id} failed`],
    reference: 'the reference',
    prompt: `question ${id}`,
  });
}

export function diff(a: Report, b: Report, extra: { a?: Partial<DiffInput>; b?: Partial<DiffInput>; top?: number } = {}): Diff {
  return computeDiff(
    { report: a, file: 'a/report.json', ...extra.a },
    { report: b, file: 'b/report.json', ...extra.b },
    { toolVersion: '0.0.0-test', now: new Date('2026-11-27T10:00:00Z'), ...(extra.top === undefined ? {} : { top: extra.top }) },
  );
}
