import { describe, expect, it } from 'vitest';
import { parseThresholds } from '../../../src/gate/thresholds/parse.js';

const options = { k: 5, file: 'suites/pharmabot.yaml' };

function one(check: string, k = 5) {
  return parseThresholds([check], { ...options, k });
}

describe('parseThresholds: valid thresholds become specs in base units', () => {
  it.each([
    ['green.error_rate <= 1%', { scope: 'green', metric: 'error_rate', op: '<=', limit: 0.01, id: 'green.error_rate <= 1%' }],
    ['error_rate <= 0.01', { scope: 'green', metric: 'error_rate', op: '<=', limit: 0.01, id: 'green.error_rate <= 1%' }],
    ['ratio.latency.p95 <= 1.2', { scope: 'ratio', metric: 'latency.p95', op: '<=', limit: 1.2, id: 'ratio.latency.p95 <= 1.2' }],
    ['delta.rag.recall@5 >= -0.02', { scope: 'delta', metric: 'rag.recall@5', op: '>=', limit: -0.02, id: 'delta.rag.recall@5 >= -0.02' }],
    [
      'delta.assert.pass_rate >= -2%',
      { scope: 'delta', metric: 'assert.pass_rate', op: '>=', limit: -0.02, id: 'delta.assert.pass_rate >= -2%' },
    ],
    ['ref.rougeL.mean >= 0.4', { scope: 'green', metric: 'ref.rougeL.mean', op: '>=', limit: 0.4, id: 'green.ref.rougeL.mean >= 0.4' }],
    ['ref.rougeL.mean >= 40%', { scope: 'green', metric: 'ref.rougeL.mean', op: '>=', limit: 0.4, id: 'green.ref.rougeL.mean >= 0.4' }],
    ['drift.moved_share <= 0.2', { scope: 'pair', metric: 'drift.moved_share', op: '<=', limit: 0.2, id: 'pair.drift.moved_share <= 20%' }],
    [
      'pair.drift.rougeL.mean >= 0.5',
      { scope: 'pair', metric: 'drift.rougeL.mean', op: '>=', limit: 0.5, id: 'pair.drift.rougeL.mean >= 0.5' },
    ],
    ['latency.p99 < 2s', { scope: 'green', metric: 'latency.p99', op: '<', limit: 2000, id: 'green.latency.p99 < 2000ms' }],
    ['latency.p95 <= 800ms', { scope: 'green', metric: 'latency.p95', op: '<=', limit: 800, id: 'green.latency.p95 <= 800ms' }],
    ['latency.p95 <= 800', { scope: 'green', metric: 'latency.p95', op: '<=', limit: 800, id: 'green.latency.p95 <= 800ms' }],
    ['blue.ttft.p50 <= 1.2s', { scope: 'blue', metric: 'ttft.p50', op: '<=', limit: 1200, id: 'blue.ttft.p50 <= 1200ms' }],
    ['latency.mean < 1m', { scope: 'green', metric: 'latency.mean', op: '<', limit: 60_000, id: 'green.latency.mean < 60000ms' }],
    ['delta.latency.p95 <= 150ms', { scope: 'delta', metric: 'latency.p95', op: '<=', limit: 150, id: 'delta.latency.p95 <= 150ms' }],
    ['delta.latency.p95 >= -0.5s', { scope: 'delta', metric: 'latency.p95', op: '>=', limit: -500, id: 'delta.latency.p95 >= -500ms' }],
    ['error_rate <= 7%', { scope: 'green', metric: 'error_rate', op: '<=', limit: 0.07, id: 'green.error_rate <= 7%' }],
    [
      'tokens.total.mean <= 900',
      { scope: 'green', metric: 'tokens.total.mean', op: '<=', limit: 900, id: 'green.tokens.total.mean <= 900' },
    ],
    [
      'ratio.tokens.total.mean <= 1.1',
      { scope: 'ratio', metric: 'tokens.total.mean', op: '<=', limit: 1.1, id: 'ratio.tokens.total.mean <= 1.1' },
    ],
  ])('%s', (check, expected) => {
    const { specs, issues } = one(check);
    expect(issues).toEqual([]);
    expect(specs).toEqual([{ ...expected, name: check, expr: check, tags: [], advisory: false }]);
  });

  it('follows scoring.k for rag.*@k names', () => {
    const { specs, issues } = one('rag.hit@10 >= 0.9', 10);
    expect(issues).toEqual([]);
    expect(specs[0]?.metric).toBe('rag.hit@10');
  });

  it('takes name, tags and advisory from the object form; tags go into the id', () => {
    const { specs, issues } = parseThresholds(
      [{ check: 'ratio.latency.p95 <= 1.2', tags: ['stream', 'rag', 'rag'], advisory: true, name: 'latency budget' }],
      options,
    );
    expect(issues).toEqual([]);
    expect(specs).toEqual([
      {
        id: 'ratio.latency.p95 <= 1.2 [rag, stream]',
        name: 'latency budget',
        expr: 'ratio.latency.p95 <= 1.2',
        scope: 'ratio',
        metric: 'latency.p95',
        op: '<=',
        limit: 1.2,
        tags: ['stream', 'rag'],
        advisory: true,
      },
    ]);
  });

  it('the same check over other tags is not a duplicate', () => {
    const { specs, issues } = parseThresholds(['error_rate <= 1%', { check: 'error_rate <= 1%', tags: ['rag'] }], options);
    expect(issues).toEqual([]);
    expect(specs.map((s) => s.id)).toEqual(['green.error_rate <= 1%', 'green.error_rate <= 1% [rag]']);
  });
});

describe('parseThresholds: each problem, with its message and fix', () => {
  it.each([
    ['latency.p96 < 1s', 'unknown metric "latency.p96"', 'did you mean "latency.p90", "latency.p95" or "latency.p99"?'],
    ['ttft.95 < 1s', 'unknown metric "ttft.95"', 'did you mean "ttft.p95"?'],
    ['green.eror_rate < 1%', 'unknown metric "eror_rate"', 'did you mean "error_rate"?'],
    ['ref.rouge.mean > 0.3', 'unknown metric "ref.rouge.mean"', 'did you mean "ref.rougeL.mean"?'],
    [
      'rag.recall@10 >= 0.8',
      'unknown metric "rag.recall@10": scoring.k is 5',
      'write "rag.recall@5", or set scoring.k: 10 to gate on the top 10',
    ],
    [
      'delta.rag.ndcg@3 >= -0.02',
      'unknown metric "rag.ndcg@3": scoring.k is 5',
      'write "rag.ndcg@5", or set scoring.k: 3 to gate on the top 3',
    ],
    [
      'canary.latency.p95 < 1s',
      'unknown scope "canary" in "canary.latency.p95"',
      'scopes: green, blue, delta, ratio (revision metrics) and pair (pair metrics)',
    ],
    [
      'green.drift.rougeL.mean >= 0.4',
      'scope "green" does not apply to pair metric drift.rougeL.mean',
      'drift.rougeL.mean already compares green with blue: write "drift.rougeL.mean ..." or "pair.drift.rougeL.mean ..."',
    ],
    [
      'ratio.docs.lost_share <= 1',
      'scope "ratio" does not apply to pair metric docs.lost_share',
      'docs.lost_share already compares green with blue: write "docs.lost_share ..." or "pair.docs.lost_share ..."',
    ],
    [
      'pair.latency.p95 < 1s',
      'scope "pair" does not apply to revision metric latency.p95',
      'use green. (the default), blue., delta. (green − blue) or ratio. (green / blue), e.g. "delta.latency.p95 ..."',
    ],
    ['error_rate <= 800ms', 'green.error_rate is a rate between 0 and 1; "800ms" is a duration', 'write a share such as "1%" or "0.01"'],
    ['rag.mrr >= 1s', 'green.rag.mrr is a score between 0 and 1; "1s" is a duration', 'write a score such as "0.4" or "40%"'],
    [
      'latency.p95 <= 10%',
      'green.latency.p95 is a duration; "10%" is a percentage',
      'write a duration such as "800ms" or "1.2s" (a bare number means ms); for a relative limit use "ratio.latency.p95 <= 1.1"',
    ],
    [
      'ratio.latency.p95 <= 1.2s',
      'ratio.latency.p95 is a factor (green / blue): "1.2s" takes no unit',
      'write a plain factor, e.g. "ratio.latency.p95 <= 1.2" (green at most 1.2 × blue)',
    ],
    [
      'ratio.error_rate <= 120%',
      'ratio.error_rate is a factor (green / blue): "120%" takes no unit',
      'write a plain factor, e.g. "ratio.error_rate <= 1.2" (green at most 1.2 × blue)',
    ],
    [
      'answer.chars.mean >= 10%',
      'green.answer.chars.mean is a number of characters; "10%" takes no unit',
      'write a plain number; for a relative limit use "ratio.answer.chars.mean <= 1.1"',
    ],
    ['cases >= 2s', 'green.cases is a count; "2s" takes no unit', 'write a plain number; for a relative limit use "ratio.cases <= 1.1"'],
    ['error_rate <= 5', 'limit "5" is outside 0..1 for green.error_rate', 'did you mean "5%"? write a share such as "1%" or "0.01"'],
    ['delta.rag.mrr >= -150%', 'limit "-150%" is outside -1..1 for delta.rag.mrr', 'write a score such as "0.4" or "40%"'],
    [
      'green.rag.recall@5 >= -0.02',
      'negative limit "-0.02" for green.rag.recall@5',
      'only delta. limits can be negative, e.g. "delta.rag.recall@5 >= -0.02"',
    ],
    ['latency.p95 =< 1s', 'unknown operator "=<" in "latency.p95 =< 1s"', 'did you mean "<="? operators: < <= > >= == !='],
  ])('%s', (check, message, hint) => {
    const { specs, issues } = one(check);
    expect(specs).toEqual([]);
    expect(issues).toEqual([{ file: 'suites/pharmabot.yaml', path: 'thresholds[0]', message, hint }]);
  });

  it('an unknown metric far from every name lists the catalog', () => {
    const { issues } = one('http_req_duration < 500');
    expect(issues[0]?.message).toBe('unknown metric "http_req_duration"');
    expect(issues[0]?.hint).toMatch(/^known metrics: cases, attempts, error_rate, .*rag\.recall@5.*drift\.moved_share/);
  });
});

describe('parseThresholds: every problem at once, located', () => {
  it('collects all issues with their paths and keeps the valid specs', () => {
    const { specs, issues } = parseThresholds(
      [
        'green.error_rate <= 1%',
        { check: 'latency.p96 < 1s', name: 'typo' },
        'ratio.latency.p95 <= 1.2s',
        { check: 'green.drift.rougeL.mean >= 0.4', tags: ['rag'] },
        'error_rate <= 0.01',
        'delta.rag.recall@5 >= -0.02',
        { check: 'latency.p95 800ms' },
      ],
      { ...options, basePath: 'suite.thresholds' },
    );
    expect(specs.map((s) => s.id)).toEqual(['green.error_rate <= 1%', 'delta.rag.recall@5 >= -0.02']);
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['suite.thresholds[1].check', 'unknown metric "latency.p96"'],
      ['suite.thresholds[2]', 'ratio.latency.p95 is a factor (green / blue): "1.2s" takes no unit'],
      ['suite.thresholds[3].check', 'scope "green" does not apply to pair metric drift.rougeL.mean'],
      ['suite.thresholds[4]', 'duplicate threshold "green.error_rate <= 1%" (same check as suite.thresholds[0])'],
      ['suite.thresholds[6].check', 'no comparison operator in "latency.p95 800ms"'],
    ]);
    expect(issues.every((i) => i.file === 'suites/pharmabot.yaml' && typeof i.hint === 'string' && i.hint !== '')).toBe(true);
    expect(issues[3]?.hint).toBe('remove one of them, or give them different tags');
  });

  it('an empty list is no problem', () => {
    expect(parseThresholds([], options)).toEqual({ specs: [], issues: [] });
  });
});
