import { describe, expect, it } from 'vitest';
import { runChecks, type RunCheckInput } from '../../src/gate/run-checks.js';
import { decideVerdict } from '../../src/gate/verdict.js';
import { metricsSet } from './fixtures.js';

const healthy = metricsSet({
  green: { cases: [120, 120], 'errors.429': [0.01, 240] },
  blue: { cases: [120, 120], 'errors.429': [0, 240] },
});
const base: RunCheckInput = { complete: true, interrupted: null, casesDone: 120, casesPlanned: 120, metrics: healthy, minCases: 5 };

function reasons(input: Partial<RunCheckInput>) {
  return runChecks({ ...base, ...input }).map((c) => [c.id, c.status, c.reason]);
}

describe('runChecks', () => {
  it('a sound run has no run-level problem', () => {
    expect(runChecks(base)).toEqual([]);
  });

  it.each([
    ['SIGINT', 'run incomplete: interrupted by SIGINT after 40/120 cases; an incomplete run is never pass'],
    ['SIGTERM', 'run incomplete: interrupted by SIGTERM after 40/120 cases; an incomplete run is never pass'],
    ['deadline', 'run incomplete: stopped by the deadline (sampling.deadline) after 40/120 cases; an incomplete run is never pass'],
    [null, 'run incomplete: stopped after 40/120 cases; an incomplete run is never pass'],
  ])('incomplete (%s) → inconclusive', (interrupted, reason) => {
    expect(reasons({ complete: false, interrupted, casesDone: 40 })).toEqual([['run.complete', 'inconclusive', reason]]);
  });

  it('a complete run with fewer cases than scoring.minCases is inconclusive', () => {
    expect(reasons({ casesDone: 3, casesPlanned: 3 })).toEqual([
      ['run.cases', 'inconclusive', 'run scored 3 cases, need ≥ 5 (scoring.minCases)'],
    ]);
  });

  it.each([
    ['blue', 'run.blue.answers', 'baseline unusable: blue produced no successful answer (0 of 120 cases)'],
    ['green', 'run.green.answers', 'green produced no successful answer (0 of 120 cases)'],
  ] as const)('%s with no successful case → error', (side, id, reason) => {
    const metrics = metricsSet({ ...{ green: { cases: [120, 120] }, blue: { cases: [120, 120] } }, [side]: { cases: [0, 120] } });
    expect(reasons({ metrics })).toEqual([[id, 'error', reason]]);
  });

  it('nothing scored: the incomplete run explains it, not "no successful answer"', () => {
    const metrics = metricsSet({ green: { cases: [0, 0] }, blue: { cases: [0, 0] } });
    expect(reasons({ complete: false, interrupted: 'SIGINT', casesDone: 0, metrics })).toEqual([
      ['run.complete', 'inconclusive', 'run incomplete: interrupted by SIGINT after 0/120 cases; an incomplete run is never pass'],
    ]);
  });

  it.each([
    [
      'blue',
      'run.blue.rate_limit',
      'environment rate limit: 34% of blue attempts still got 429 after retries (> 20%), not a green failure; lower sampling.concurrency or raise the quota',
    ],
    [
      'green',
      'run.green.rate_limit',
      'environment rate limit: 34% of green attempts still got 429 after retries (> 20%), not a green failure; lower sampling.concurrency or raise the quota',
    ],
  ] as const)('429 share above 20%% on %s → error', (side, id, reason) => {
    const metrics = metricsSet({
      green: { cases: [120, 120] },
      blue: { cases: [120, 120] },
      [side]: { cases: [120, 120], 'errors.429': [0.34, 240] },
    });
    expect(reasons({ metrics })).toEqual([[id, 'error', reason]]);
  });

  it('exactly 20% of 429s is tolerated', () => {
    const metrics = metricsSet({ green: { cases: [120, 120], 'errors.429': [0.2, 240] }, blue: { cases: [120, 120] } });
    expect(runChecks({ ...base, metrics })).toEqual([]);
  });

  it('reports every problem at once, all voting, kind run', () => {
    const metrics = metricsSet({ green: { cases: [0, 40], 'errors.429': [0.9, 80] }, blue: { cases: [40, 40] } });
    const checks = runChecks({ ...base, complete: false, interrupted: 'deadline', casesDone: 40, metrics });
    expect(checks.map((c) => c.id)).toEqual(['run.complete', 'run.green.answers', 'run.green.rate_limit']);
    expect(checks.every((c) => c.kind === 'run' && !c.advisory)).toBe(true);
  });
});

describe('a baseline that failed is a setup error, not a green regression', () => {
  const base = { green: { cases: [120, 120] as [number, number] }, blue: { cases: [120, 120] as [number, number] } };

  it('blue failing more than scoring.baselineMaxErrorRate: error, precondition, naming the error classes and a hint', () => {
    const metrics = metricsSet({
      ...base,
      blue: { cases: [40, 120], error_rate: [0.6, 360], 'errors.timeout': [0.55, 360], 'errors.5xx': [0.05, 360] },
    });
    const checks = runChecks({ complete: true, interrupted: null, casesDone: 120, casesPlanned: 120, minCases: 5, metrics });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ id: 'run.blue.baseline', status: 'error', precondition: true });
    expect(checks[0]!.reason).toBe(
      'baseline unusable: blue failed 60% of its attempts (> 20%, scoring.baselineMaxErrorRate) (timeout 55%, 5xx 5%) — is sampling.timeout (--timeout) long enough?; green cannot be compared with it',
    );
  });

  it('at or under the limit, or with a higher configured limit, no check', () => {
    const metrics = metricsSet({ ...base, blue: { cases: [120, 120], error_rate: [0.2, 360] } });
    const input = { complete: true, interrupted: null, casesDone: 120, casesPlanned: 120, minCases: 5, metrics };
    expect(runChecks(input)).toEqual([]);
    const higher = metricsSet({ ...base, blue: { cases: [120, 120], error_rate: [0.4, 360] } });
    expect(runChecks({ ...input, metrics: higher, baselineMaxErrorRate: 0.5 })).toEqual([]);
    expect(runChecks({ ...input, metrics: higher }).map((c) => c.id)).toEqual(['run.blue.baseline']);
  });

  it('the verdict is error even when green checks fail: the comparison is not meaningful', () => {
    const metrics = metricsSet({ ...base, blue: { cases: [0, 120], error_rate: [1, 360], 'errors.timeout': [1, 360] } });
    const run = runChecks({ complete: true, interrupted: null, casesDone: 120, casesPlanned: 120, minCases: 5, metrics });
    const fail = {
      id: 'green.error_rate',
      name: 'error_rate',
      kind: 'threshold',
      expr: 'error_rate <= 1%',
      advisory: false,
      value: 1,
      n: 360,
      status: 'fail',
      reason: 'error_rate 100% > 1%',
    } as const;
    const verdict = decideVerdict([...run, fail]);
    expect(verdict.status).toBe('error');
    expect(verdict.reasons[0]).toMatch(/^baseline unusable: blue produced no successful answer \(0 of 120 cases\) \(timeout 100%\)/);
    expect(verdict.reasons[1]).toBe('the comparison is not meaningful: 1 other check not counted (fix the setup, then run again)');
    expect(verdict.counts).toMatchObject({ error: 1, fail: 1 });
  });
});
