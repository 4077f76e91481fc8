import { describe, expect, it } from 'vitest';
import { scoreCase } from '../../src/scoring/case.js';
import { ComparisonAccumulator } from '../../src/scoring/comparison.js';
import type { CaseRecord, PairedMetric } from '../../src/model/metrics.js';
import { caseRecord, failed, golden, ok, revisionResult, semanticInput } from './fixtures.js';

const rag = (recall: number) => ({ hit: recall > 0 ? 1 : 0, recall, mrr: recall / 2, ndcg: recall / 3 });
const asserted = (passed: boolean | null) => ({ passes: passed ? 1 : 0, n: passed === null ? 0 : 1, passed, failures: [] });
const band = { rougeL: 0.9, f1: 0.9, min: 0.85, max: 0.95, pairs: 1 };

const CASES: CaseRecord[] = [
  caseRecord({
    id: 'a',
    blue: revisionResult({
      attempts: 2,
      outputs: ['x', 'y'],
      ref: { f1: 0.6, rougeL: 0.5 },
      rag: rag(1),
      numbers: { consistency: 1, changed: 0, missing: 0, added: 0 },
      assertions: asserted(true),
      latencyMs: [100, 200],
      ttftMs: [10],
    }),
    green: revisionResult({
      attempts: 4,
      errors: 2,
      errorClasses: { '429': 1, '5xx': 1 },
      outputs: ['x', 'y'],
      refusals: 1,
      ref: { f1: 0.4, rougeL: 0.3 },
      numbers: { consistency: 0.5, changed: 1, missing: 0, added: 0 },
      assertions: asserted(false),
      latencyMs: [300],
    }),
    pair: { drift: { f1: 0.5, rougeL: 0.4 }, noise: band, position: 'below-noise' },
    semantic: semanticInput({ ref: { blue: 0.9, green: 0.7 }, judge: { blue: 0.8, green: null } }),
  }),
  caseRecord({
    id: 'b',
    blue: revisionResult({
      rag: rag(0.5),
      numbers: { consistency: null, changed: 0, missing: 0, added: 0 },
      assertions: asserted(false),
      latencyMs: [400],
    }),
    green: revisionResult({
      ref: { f1: 1, rougeL: 1 },
      rag: rag(1),
      numbers: { consistency: 1, changed: 0, missing: 0, added: 0 },
      assertions: asserted(true),
      ttftMs: [20],
    }),
    pair: { noise: band }, // a band, but no drift: not a noise pair
  }),
  caseRecord({
    id: 'c',
    blue: revisionResult({ ref: { f1: 0.2, rougeL: 0.1 }, assertions: asserted(null) }),
    green: revisionResult({
      ref: { f1: 0.3, rougeL: 0.2 },
      assertions: asserted(true),
      errors: 1,
      attempts: 2,
      errorClasses: { '429': 1 },
    }),
    pair: { drift: { f1: 0.7, rougeL: 0.6 } }, // a drift, but no band
  }),
];

describe('ComparisonAccumulator', () => {
  const acc = new ComparisonAccumulator({ k: 5 });
  for (const c of CASES) acc.add(c);
  const data = acc.result();

  it('aligns per-case values, skipping cases where one side is missing', () => {
    expect(data.cases).toBe(3);
    expect(data.paired['ref.rougeL']).toEqual({ blue: [0.5, 0.1], green: [0.3, 0.2] });
    expect(data.paired['ref.f1']).toEqual({ blue: [0.6, 0.2], green: [0.4, 0.3] });
    expect(data.paired['rag.recall']).toEqual({ blue: [0.5], green: [1] });
    expect(data.paired['rag.mrr']).toEqual({ blue: [0.25], green: [0.5] });
    expect(data.paired['rag.ndcg']).toEqual({ blue: [0.5 / 3], green: [1 / 3] });
    expect(data.paired['numbers.consistency']).toEqual({ blue: [1], green: [0.5] });
    expect(data.paired['semantic.ref']).toEqual({ blue: [0.9], green: [0.7] });
    expect(data.paired['judge.ref']).toEqual({ blue: [], green: [] });
    const names: PairedMetric[] = [
      'ref.rougeL',
      'ref.f1',
      'rag.recall',
      'rag.mrr',
      'rag.ndcg',
      'numbers.consistency',
      'semantic.ref',
      'judge.ref',
    ];
    expect(Object.keys(data.paired).sort()).toEqual([...names].sort());
  });

  it('keeps noise pairs for cases with a band and a drift', () => {
    expect(data.noise).toEqual({ drift: [0.4], noise: [0.9] });
  });

  it('counts assertion flips where both revisions have an outcome', () => {
    expect(data.flips).toEqual({ b: 1, c: 1, n: 2 });
  });

  it('pools latencies and counts per revision, 429 apart', () => {
    expect(data.latency).toEqual({ blue: [100, 200, 400], green: [300] });
    expect(data.ttft).toEqual({ blue: [10], green: [20] });
    expect(data.counts.blue).toEqual({ attempts: 4, errors: 0, firstTryErrors: 0, outputs: 4, refusals: 0 });
    expect(data.counts.green).toEqual({ attempts: 7, errors: 1, firstTryErrors: 1, outputs: 4, refusals: 1 }); // 3 errors, two of them 429
  });

  it('returns a snapshot that later adds do not change', () => {
    const more = new ComparisonAccumulator({ k: 5 });
    more.add(CASES[0]!);
    const first = more.result();
    more.add(CASES[2]!);
    expect(first.paired['ref.rougeL'].blue).toEqual([0.5]);
    expect(first.cases).toBe(1);
    expect(more.result().paired['ref.rougeL'].blue).toEqual([0.5, 0.1]);
  });

  it('holds numbers only, from scored cases too', () => {
    const scored = scoreCase(
      golden({ reference: 'Take 200 mg every 6 hours.' }),
      {
        blue: [ok('blue', 0, 'Take 200 mg every 6 hours.'), ok('blue', 1, 'Take 200 mg.')],
        green: [ok('green', 0, 'Take 400 mg every 6 hours.'), failed('green', 1, '429')],
      },
      { k: 3, driftTolerance: 0.3, assertPassRatio: 1 },
    );
    const one = new ComparisonAccumulator({ k: 3 });
    one.add(scored);
    const r = one.result();
    expect(r.paired['numbers.consistency']).toEqual({ blue: [0.75], green: [0.5] });
    expect(r.noise.noise).toHaveLength(1);
    expect(r.counts.green).toEqual({ attempts: 2, errors: 0, firstTryErrors: 0, outputs: 1, refusals: 0 });
    expect(JSON.stringify(r)).not.toMatch(/mg/);
  });
});
