import { describe, expect, it } from 'vitest';
import { runChecks, type RunCheckInput } from '../../src/gate/run-checks.js';
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
    ['blue', 'run.blue.answers', 'blue (baseline) produced no successful answer (0 of 120 cases)'],
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
