import { describe, expect, it } from 'vitest';
import { aggregate, aggregateByTag, filterByTags, MetricsAccumulator } from '../../src/scoring/aggregate.js';
import { scoreCase } from '../../src/scoring/case.js';
import { metricNames } from '../../src/scoring/catalog.js';
import { similarity } from '../../src/scoring/text.js';
import type { CaseRecord } from '../../src/model/metrics.js';
import { failed, golden, ok } from './fixtures.js';

const OPTIONS = { k: 1, driftTolerance: 0.3, assertPassRatio: 1 };
const GOOD = 'Adults can take 200 to 400 mg of ibuprofen every 4 to 6 hours.';
const REFUSAL = "I'm sorry, but I can't help with dosing questions.";

// Case A: RAG + reference; green has one 429 and one 5xx, and loses d1 from its top 1.
const caseA = scoreCase(
  golden({ id: 'a', tags: ['dosing', 'otc'], reference: GOOD, expected_docs: ['d1'] }),
  {
    blue: [
      ok('blue', 0, GOOD, { docs: ['d1'], latencyMs: 100, ttftMs: 10, usage: { prompt: 80, completion: 20, total: 100 } }),
      ok('blue', 1, GOOD, { docs: ['d1'], latencyMs: 200 }),
    ],
    green: [
      ok('green', 0, GOOD, { docs: ['x', 'd1'], latencyMs: 300 }),
      failed('green', 1, '429'),
      failed('green', 2, '5xx', { retries: 2 }),
    ],
  },
  OPTIONS,
);
// Case B: blue refuses (fails not-refusal), green answers.
const caseB = scoreCase(
  golden({ id: 'b', tags: ['otc'], assert: [{ type: 'not-refusal' }] }),
  { blue: [ok('blue', 0, REFUSAL, { latencyMs: 400 })], green: [ok('green', 0, GOOD, { latencyMs: 500 })] },
  OPTIONS,
);

describe('aggregate', () => {
  const m = aggregate([caseA, caseB], { k: 1 });
  const drift = similarity(GOOD, REFUSAL).rougeL;

  it('produces every catalog metric for each scope', () => {
    expect(Object.keys(m.blue)).toEqual(metricNames('revision', 1));
    expect(Object.keys(m.green)).toEqual(metricNames('revision', 1));
    expect(Object.keys(m.pair)).toEqual(metricNames('pair', 1));
    expect(m.cases).toBe(2);
  });

  it('computes green metrics', () => {
    expect(m.green).toMatchObject({
      cases: { value: 2, n: 2 },
      attempts: { value: 4, n: 2 },
      error_rate: { value: 0.25, n: 4 }, // 2 errors, the 429 excluded
      'errors.5xx': { value: 0.25, n: 4 },
      'errors.429': { value: 0.25, n: 4 },
      'errors.timeout': { value: 0, n: 4 },
      retry_rate: { value: 0.5, n: 4 },
      'latency.p50': { value: 400, n: 2 },
      'latency.mean': { value: 400, n: 2 },
      'ttft.p95': { value: null, n: 0 },
      'rag.hit@1': { value: 0, n: 1 },
      'rag.recall@1': { value: 0, n: 1 },
      'rag.mrr': { value: 0.5, n: 1 },
      'rag.ndcg@1': { value: 0, n: 1 },
      'ref.f1.mean': { value: 1, n: 1 },
      'ref.rougeL.median': { value: 1, n: 1 },
      'assert.pass_rate': { value: 1, n: 1 },
      refusal_rate: { value: 0, n: 2 },
      'answer.chars.mean': { value: GOOD.length, n: 2 },
      'tokens.total.mean': { value: null, n: 0 },
    });
  });

  it('computes blue metrics', () => {
    expect(m.blue['latency.p90']?.value).toBeCloseTo(360, 9); // [100, 200, 400], h = 1.8
    expect(m.blue['latency.mean']?.value).toBeCloseTo(700 / 3, 9);
    expect(m.blue).toMatchObject({
      error_rate: { value: 0, n: 3 },
      'ttft.p50': { value: 10, n: 1 },
      'rag.ndcg@1': { value: 1, n: 1 },
      'assert.pass_rate': { value: 0, n: 1 },
      'tokens.prompt.mean': { value: 80, n: 1 },
      'tokens.total.mean': { value: 100, n: 1 },
    });
    expect(m.blue['refusal_rate']?.value).toBeCloseTo(1 / 3, 12);
    expect(m.blue['answer.chars.mean']?.value).toBeCloseTo((2 * GOOD.length + REFUSAL.length) / 3, 12);
  });

  it('computes pair metrics', () => {
    expect(m.pair['drift.rougeL.mean']?.value).toBeCloseTo((1 + drift) / 2, 12);
    expect(m.pair['drift.rougeL.median']?.value).toBeCloseTo((1 + drift) / 2, 12);
    expect(m.pair).toMatchObject({
      'drift.moved_share': { value: 0.5, n: 2 },
      'docs.jaccard.mean': { value: 0.5, n: 1 },
      'docs.lost_share': { value: 1, n: 1 },
    });
  });

  it('reports no data as null with n = 0', () => {
    const empty = aggregate([], { k: 5 });
    for (const scope of [empty.blue, empty.green, empty.pair]) {
      for (const [name, v] of Object.entries(scope)) expect(v, name).toEqual({ value: null, n: 0 });
    }
    expect(Object.keys(empty.blue)).toContain('rag.recall@5');
  });

  it('consumes a one-shot iterable and matches the streaming accumulator', () => {
    function* once(): Generator<CaseRecord> {
      yield caseA;
      yield caseB;
    }
    const acc = new MetricsAccumulator({ k: 1 });
    acc.add(caseA);
    expect(acc.result().cases).toBe(1);
    acc.add(caseB);
    expect(aggregate(once(), { k: 1 })).toEqual(acc.result());
  });
});

describe('tags', () => {
  it('filters by all tags', () => {
    expect(filterByTags([caseA, caseB], ['otc', 'dosing']).map((c) => c.id)).toEqual(['a']);
    expect(filterByTags([caseA, caseB], [])).toHaveLength(2);
  });

  it('aggregates per tag', () => {
    const byTag = aggregateByTag([caseA, caseB], { k: 1 });
    expect(Object.keys(byTag)).toEqual(['dosing', 'otc']);
    expect(byTag['dosing']?.cases).toBe(1);
    expect(byTag['otc']).toEqual(aggregate([caseA, caseB], { k: 1 }));
  });
});
