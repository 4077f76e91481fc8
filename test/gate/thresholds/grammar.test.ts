import { describe, expect, it } from 'vitest';
import { parseExpression, splitScope } from '../../../src/gate/thresholds/grammar.js';

describe('parseExpression: valid forms', () => {
  it.each([
    ['green.error_rate <= 1%', { scope: 'green', metric: 'error_rate', op: '<=', rawValue: 1, unitSuffix: '%' }],
    ['ratio.latency.p95 <= 1.2', { scope: 'ratio', metric: 'latency.p95', op: '<=', rawValue: 1.2, unitSuffix: null }],
    ['delta.rag.recall@5 >= -0.02', { scope: 'delta', metric: 'rag.recall@5', op: '>=', rawValue: -0.02, unitSuffix: null }],
    ['delta.error_rate <= +2%', { scope: 'delta', metric: 'error_rate', op: '<=', rawValue: 2, unitSuffix: '%' }],
    ['delta.assert.pass_rate >= -2%', { scope: 'delta', metric: 'assert.pass_rate', op: '>=', rawValue: -2, unitSuffix: '%' }],
    ['ref.rougeL.mean >= 0.4', { metric: 'ref.rougeL.mean', op: '>=', rawValue: 0.4, unitSuffix: null }],
    ['drift.moved_share <= 0.2', { metric: 'drift.moved_share', op: '<=', rawValue: 0.2, unitSuffix: null }],
    ['pair.drift.rougeL.mean > .35', { scope: 'pair', metric: 'drift.rougeL.mean', op: '>', rawValue: 0.35, unitSuffix: null }],
    ['latency.p99 < 2s', { metric: 'latency.p99', op: '<', rawValue: 2, unitSuffix: 's' }],
    ['latency.p95<800ms', { metric: 'latency.p95', op: '<', rawValue: 800, unitSuffix: 'ms' }],
    ['  blue.ttft.p50   ==   1.2s ', { scope: 'blue', metric: 'ttft.p50', op: '==', rawValue: 1.2, unitSuffix: 's' }],
    ['latency.mean != 1m', { metric: 'latency.mean', op: '!=', rawValue: 1, unitSuffix: 'm' }],
    ['latency.p95 <= 800 ms', { metric: 'latency.p95', op: '<=', rawValue: 800, unitSuffix: 'ms' }],
    ['cases >= 100', { metric: 'cases', op: '>=', rawValue: 100, unitSuffix: null }],
  ])('%s', (text, expected) => {
    expect(parseExpression(text)).toEqual({ ok: true, value: expected });
  });

  it('leaves the scope out when none is written (the metric kind picks the default later)', () => {
    const result = parseExpression('latency.p95 < 1s');
    expect(result.ok && 'scope' in result.value).toBe(false);
  });

  it.each(['<', '<=', '>', '>=', '==', '!='])('operator %s', (op) => {
    const result = parseExpression(`error_rate ${op} 0.1`);
    expect(result.ok && result.value.op).toBe(op);
  });
});

describe('parseExpression: errors name the problem and the fix', () => {
  it.each([
    ['', 'empty threshold expression', 'write `[scope.]metric op value`, e.g. "green.error_rate <= 1%" or "ratio.latency.p95 <= 1.2"'],
    ['   ', 'empty threshold expression', 'write `[scope.]metric op value`, e.g. "green.error_rate <= 1%" or "ratio.latency.p95 <= 1.2"'],
    ['latency.p95 800ms', 'no comparison operator in "latency.p95 800ms"', 'operators: < <= > >= == !=, e.g. "latency.p95 <= 800ms"'],
    ['latency.p95 =< 800ms', 'unknown operator "=<" in "latency.p95 =< 800ms"', 'did you mean "<="? operators: < <= > >= == !='],
    ['latency.p95 => 800ms', 'unknown operator "=>" in "latency.p95 => 800ms"', 'did you mean ">="? operators: < <= > >= == !='],
    ['error_rate = 0', 'unknown operator "=" in "error_rate = 0"', 'did you mean "=="? operators: < <= > >= == !='],
    ['error_rate <> 0', 'unknown operator "<>" in "error_rate <> 0"', 'did you mean "!="? operators: < <= > >= == !='],
    ['error_rate <<= 0', 'unknown operator "<<=" in "error_rate <<= 0"', 'operators: < <= > >= == !='],
    [
      '<= 800ms',
      'missing metric before "<=" in "<= 800ms"',
      'write `[scope.]metric op value`, e.g. "green.error_rate <= 1%" or "ratio.latency.p95 <= 1.2"',
    ],
    [
      'latency.p95 <=',
      'missing value after "<=" in "latency.p95 <="',
      'a number with an optional sign and unit: 0.4, -0.02, 1%, -2%, 800ms, 1.2s, 2m',
    ],
    [
      'p(95) < 500',
      'invalid metric name "p(95)"',
      'percentiles are metric names here, not k6 aggregations: write latency.p95 (p50, p90, p95, p99, mean)',
    ],
    [
      'green error_rate < 1%',
      'invalid metric name "green error_rate"',
      'metric names look like latency.p95, error_rate, rag.recall@5 or drift.rougeL.mean',
    ],
    [
      'green..error_rate < 1%',
      'invalid metric name "green..error_rate"',
      'metric names look like latency.p95, error_rate, rag.recall@5 or drift.rougeL.mean',
    ],
    [
      'latency.p95 < fast',
      'invalid value "fast" in "latency.p95 < fast"',
      'a number with an optional sign and unit: 0.4, -0.02, 1%, -2%, 800ms, 1.2s, 2m',
    ],
    [
      'latency.p95 < 1,5s',
      'invalid value "1,5s" in "latency.p95 < 1,5s"',
      'a number with an optional sign and unit: 0.4, -0.02, 1%, -2%, 800ms, 1.2s, 2m',
    ],
    [
      'latency.p95 < 1e3',
      'invalid value "1e3" in "latency.p95 < 1e3"',
      'a number with an optional sign and unit: 0.4, -0.02, 1%, -2%, 800ms, 1.2s, 2m',
    ],
    ['latency.p95 < 2h', 'unknown unit "h" in "2h"', 'units: % for rates and scores; ms, s, m for durations; none for plain numbers'],
    ['latency.p95 < 2sec', 'unknown unit "sec" in "2sec"', 'units: % for rates and scores; ms, s, m for durations; none for plain numbers'],
  ])('%j', (text, message, hint) => {
    expect(parseExpression(text)).toEqual({ ok: false, message, hint });
  });
});

describe('splitScope', () => {
  it.each([
    ['ratio.latency.p95', { scope: 'ratio', metric: 'latency.p95' }],
    ['latency.p95', { metric: 'latency.p95' }],
    ['pair.drift.f1.mean', { scope: 'pair', metric: 'drift.f1.mean' }],
    ['error_rate', { metric: 'error_rate' }],
  ])('%s', (name, expected) => {
    expect(splitScope(name)).toEqual(expected);
  });
});
