import { describe, expect, it } from 'vitest';
import { evaluateThreshold, evaluateThresholds } from '../../../src/gate/thresholds/evaluate.js';
import { parseThresholds } from '../../../src/gate/thresholds/parse.js';
import type { ThresholdSpec } from '../../../src/model/verdict.js';
import type { MetricsSet } from '../../../src/model/metrics.js';
import { metricsSet, spec } from '../fixtures.js';

const minCases = 5;
const metrics = metricsSet({
  green: {
    'latency.p95': [812, 50],
    error_rate: [0.031, 200],
    'rag.recall@5': [0.812, 40],
    'errors.429': [0, 200],
    'ref.rougeL.mean': [0.412, 3],
  },
  blue: {
    'latency.p95': [606, 50],
    error_rate: [0.01, 200],
    'rag.recall@5': [0.843, 40],
    'errors.429': [0, 200],
    'ref.rougeL.mean': [0.5, 60],
  },
  pair: { 'drift.rougeL.mean': [0.412, 48], 'drift.moved_share': [0.25, 48] },
});

/** Parse one threshold expression the way a suite would, then evaluate it. */
function evalExpr(expr: string, set: MetricsSet = metrics, min = minCases) {
  const { specs, issues } = parseThresholds([expr], { k: 5, file: 'suite.yaml' });
  expect(issues).toEqual([]);
  return evaluateThreshold(specs[0]!, set, { minCases: min });
}

describe('evaluateThreshold: each scope, with reasons naming value and limit', () => {
  it.each([
    ['green.error_rate <= 1%', 'fail', 0.031, 'green.error_rate = 3.1% > 1% (n=200)'],
    ['green.error_rate <= 5%', 'pass', 0.031, 'green.error_rate = 3.1% <= 5% (n=200)'],
    ['blue.latency.p95 < 1s', 'pass', 606, 'blue.latency.p95 = 606ms < 1s (n=50)'],
    ['latency.p95 <= 800ms', 'fail', 812, 'green.latency.p95 = 812ms > 800ms (n=50)'],
    ['ratio.latency.p95 <= 1.2', 'fail', 812 / 606, 'ratio.latency.p95 = 1.34 > 1.2 (green 812ms / blue 606ms)'],
    ['ratio.latency.p95 <= 1.5', 'pass', 812 / 606, 'ratio.latency.p95 = 1.34 <= 1.5 (green 812ms / blue 606ms)'],
    ['delta.latency.p95 <= 150ms', 'fail', 206, 'delta.latency.p95 = +206ms > 150ms (green 812ms − blue 606ms)'],
    ['delta.rag.recall@5 >= -0.02', 'fail', 0.812 - 0.843, 'delta.rag.recall@5 = -0.031 < -0.02 (green 0.812 − blue 0.843)'],
    ['delta.rag.recall@5 >= -0.05', 'pass', 0.812 - 0.843, 'delta.rag.recall@5 = -0.031 >= -0.05 (green 0.812 − blue 0.843)'],
    ['delta.error_rate <= 1%', 'fail', 0.021, 'delta.error_rate = +2.1% > 1% (green 3.1% − blue 1%)'],
    ['drift.rougeL.mean >= 0.4', 'pass', 0.412, 'pair.drift.rougeL.mean = 0.412 >= 0.4 (n=48)'],
    ['pair.drift.moved_share <= 20%', 'fail', 0.25, 'pair.drift.moved_share = 25% > 20% (n=48)'],
  ])('%s → %s', (expr, status, value, reason) => {
    const result = evalExpr(expr);
    expect(result.status).toBe(status);
    expect(result.value).toBeCloseTo(value, 12);
    expect(result.reason).toBe(reason);
    expect(result.kind).toBe('threshold');
  });

  it('records both sides for delta and ratio, one for green/blue, none for pair', () => {
    expect(evalExpr('ratio.latency.p95 <= 1.2')).toMatchObject({ green: 812, blue: 606, n: 50 });
    expect(evalExpr('latency.p95 <= 1s')).toMatchObject({ green: 812 });
    expect(evalExpr('latency.p95 <= 1s')).not.toHaveProperty('blue');
    expect(evalExpr('blue.latency.p95 <= 1s')).toMatchObject({ blue: 606 });
    const pair = evalExpr('drift.rougeL.mean >= 0.4');
    expect(pair).not.toHaveProperty('green');
    expect(pair).not.toHaveProperty('blue');
  });
});

describe('evaluateThreshold: each operator', () => {
  const cases: [string, boolean][] = [
    ['<', false],
    ['<=', true],
    ['>', false],
    ['>=', true],
    ['==', true],
    ['!=', false],
  ];
  it.each(cases)('812ms %s 812ms → %s', (op, pass) => {
    expect(evalExpr(`latency.p95 ${op} 812ms`).status).toBe(pass ? 'pass' : 'fail');
  });
  it.each([
    ['<', true],
    ['<=', true],
    ['>', false],
    ['>=', false],
    ['==', false],
    ['!=', true],
  ] as const)('812ms %s 900ms → %s', (op, pass) => {
    expect(evalExpr(`latency.p95 ${op} 900ms`).status).toBe(pass ? 'pass' : 'fail');
  });
  it('states a failure as a true sentence with the negated operator', () => {
    expect(evalExpr('latency.p95 < 812ms').reason).toBe('green.latency.p95 = 812ms >= 812ms (n=50)');
    expect(evalExpr('latency.p95 == 900ms').reason).toBe('green.latency.p95 = 812ms != 900ms (n=50)');
    expect(evalExpr('latency.p95 != 812ms').reason).toBe('green.latency.p95 = 812ms == 812ms (n=50)');
    expect(evalExpr('latency.p95 > 1s').reason).toBe('green.latency.p95 = 812ms <= 1s (n=50)');
  });
  it('tolerates binary rounding in delta math (0.843 − 0.823 is not > 0.02)', () => {
    const set = metricsSet({ green: { 'rag.mrr': [0.843, 20] }, blue: { 'rag.mrr': [0.823, 20] } });
    expect(0.843 - 0.823).toBeGreaterThan(0.02);
    expect(evalExpr('delta.rag.mrr <= 0.02', set).status).toBe('pass');
    expect(evalExpr('delta.rag.mrr == 0.02', set).status).toBe('pass');
  });
  it('shows more digits when rounding would make a failure look like equality', () => {
    const set = metricsSet({ green: { 'ref.f1.mean': [0.39996, 20] } });
    expect(evalExpr('ref.f1.mean >= 0.4', set).reason).toBe('green.ref.f1.mean = 0.39996 < 0.4 (n=20)');
  });
});

describe('evaluateThreshold: no data and too few samples are inconclusive, never pass', () => {
  it.each([
    ['ttft.p95 < 1s', 'inconclusive: green ttft.p95 has no data'],
    ['blue.ttft.p95 < 1s', 'inconclusive: blue ttft.p95 has no data'],
    ['ratio.ttft.p95 <= 1.2', 'inconclusive: green ttft.p95 has no data'],
    ['docs.jaccard.mean >= 0.5', 'inconclusive: pair docs.jaccard.mean has no data'],
    ['ref.rougeL.mean >= 0.4', 'inconclusive: green ref.rougeL.mean has 3 samples, need ≥ 5 (scoring.minCases)'],
    ['delta.ref.rougeL.mean >= -0.05', 'inconclusive: green ref.rougeL.mean has 3 samples, need ≥ 5 (scoring.minCases)'],
  ])('%s', (expr, reason) => {
    const result = evalExpr(expr);
    expect(result.status).toBe('inconclusive');
    expect(result.value).toBeNull();
    expect(result.reason).toBe(reason);
  });

  it('a null value is no data even when n > 0', () => {
    const set = metricsSet({ green: { 'latency.p95': [null, 40] } });
    expect(evalExpr('latency.p95 < 1s', set)).toMatchObject({
      status: 'inconclusive',
      reason: 'inconclusive: green latency.p95 has no data',
    });
  });

  it('blue missing in a comparison: "blue has no … to compare with"', () => {
    const set = metricsSet({ green: { 'latency.p95': [812, 50] }, blue: { 'latency.p95': [null, 0] } });
    expect(evalExpr('ratio.latency.p95 <= 1.2', set).reason).toBe('inconclusive: blue has no latency.p95 to compare with');
    expect(evalExpr('delta.latency.p95 <= 100ms', set).reason).toBe('inconclusive: blue has no latency.p95 to compare with');
  });

  it('attempt-based rates need minCases observations too', () => {
    const set = metricsSet({ green: { error_rate: [0, 4] } });
    expect(evalExpr('error_rate <= 1%', set).reason).toBe('inconclusive: green error_rate has 4 samples, need ≥ 5 (scoring.minCases)');
  });

  it('n is the smaller side, and the reason names that side', () => {
    const set = metricsSet({ green: { 'latency.p95': [812, 50] }, blue: { 'latency.p95': [606, 1] } });
    expect(evalExpr('ratio.latency.p95 <= 1.2', set)).toMatchObject({
      status: 'inconclusive',
      n: 1,
      reason: 'inconclusive: blue latency.p95 has 1 sample, need ≥ 5 (scoring.minCases)',
    });
  });

  it('exactly minCases samples is enough', () => {
    const set = metricsSet({ green: { 'latency.p95': [812, 5] } });
    expect(evalExpr('latency.p95 < 1s', set).status).toBe('pass');
  });

  it('a non-finite value is an error (a scoring bug), not a pass', () => {
    const set = metricsSet({ green: { 'latency.p95': [NaN, 50] } });
    expect(evalExpr('latency.p95 < 1s', set)).toMatchObject({ status: 'error', reason: 'error: green latency.p95 is NaN, not a number' });
  });
});

describe('evaluateThreshold: ratio with zero baselines', () => {
  it('blue 0 and green > 0 is inconclusive', () => {
    const set = metricsSet({ green: { error_rate: [0.031, 200] }, blue: { error_rate: [0, 200] } });
    expect(evalExpr('ratio.error_rate <= 1.5', set)).toMatchObject({
      status: 'inconclusive',
      value: null,
      reason: 'inconclusive: blue has no error_rate to compare with (blue 0%, green 3.1%)',
    });
  });
  it('both 0 is a ratio of 1', () => {
    const set = metricsSet({ green: { error_rate: [0, 200] }, blue: { error_rate: [0, 200] } });
    expect(evalExpr('ratio.error_rate <= 1.5', set)).toMatchObject({
      status: 'pass',
      value: 1,
      reason: 'ratio.error_rate = 1 <= 1.5 (green 0% / blue 0%)',
    });
  });
});

describe('evaluateThresholds', () => {
  it('reads each check over the metrics of its tags, once per tag set', () => {
    const calls: string[][] = [];
    const byTags = (tags: string[]): MetricsSet => {
      calls.push(tags);
      return tags.includes('rag')
        ? metricsSet({ green: { 'latency.p95': [1500, 20] } })
        : metricsSet({ green: { 'latency.p95': [700, 80] } });
    };
    const { specs } = parseThresholds(
      ['latency.p95 < 1s', { check: 'latency.p95 < 1s', tags: ['rag'] }, { check: 'latency.p95 <= 2s', tags: ['rag'] }],
      { k: 5, file: 'suite.yaml' },
    );
    const results = evaluateThresholds(specs, byTags, { minCases });
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ['pass', 'green.latency.p95 = 700ms < 1s (n=80)'],
      ['fail', 'green.latency.p95 = 1.5s >= 1s (n=20, tags: rag)'],
      ['pass', 'green.latency.p95 = 1.5s <= 2s (n=20, tags: rag)'],
    ]);
    expect(calls).toEqual([[], ['rag']]);
  });

  it('advisory checks keep their computed status and are marked advisory', () => {
    const advisory: ThresholdSpec = spec({ scope: 'green', metric: 'error_rate', op: '<=', limit: 0.01, advisory: true });
    const [result] = evaluateThresholds([advisory], () => metrics, { minCases });
    expect(result).toMatchObject({ status: 'fail', advisory: true });
  });

  it('copies the spec identity into the result', () => {
    const s = spec({ id: 'the-id', name: 'budget', scope: 'ratio', metric: 'latency.p95', op: '<=', limit: 1.2, tags: [] });
    const [result] = evaluateThresholds([s], () => metrics, { minCases });
    expect(result).toMatchObject({
      id: 'the-id',
      name: 'budget',
      kind: 'threshold',
      scope: 'ratio',
      metric: 'latency.p95',
      op: '<=',
      limit: 1.2,
      tags: [],
      advisory: false,
    });
  });
});
