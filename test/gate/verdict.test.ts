import { describe, expect, it } from 'vitest';
import { decideVerdict, NO_VOTING_CHECKS, worst } from '../../src/gate/verdict.js';
import { STATUS_ORDER, type CheckResult, type Status } from '../../src/model/verdict.js';
import { check } from './fixtures.js';

describe('worst', () => {
  it.each([
    ['pass', 'pass', 'pass'],
    ['pass', 'inconclusive', 'inconclusive'],
    ['inconclusive', 'pass', 'inconclusive'],
    ['inconclusive', 'error', 'error'],
    ['error', 'inconclusive', 'error'],
    ['error', 'fail', 'fail'],
    ['fail', 'error', 'fail'],
    ['fail', 'pass', 'fail'],
    ['pass', 'fail', 'fail'],
  ] as const)('worst(%s, %s) = %s', (a, b, expected) => {
    expect(worst(a, b)).toBe(expected);
  });
});

describe('decideVerdict', () => {
  it.each([
    [['pass'], 'pass'],
    [['pass', 'pass'], 'pass'],
    [['pass', 'inconclusive'], 'inconclusive'],
    [['inconclusive', 'error', 'pass'], 'error'],
    [['error', 'fail'], 'fail'],
    [['fail', 'inconclusive', 'pass', 'error'], 'fail'],
  ] as [Status[], Status][])('%j → %s (worst wins)', (statuses, expected) => {
    expect(decideVerdict(statuses.map((s) => check(s))).status).toBe(expected);
  });

  it('lists the reasons of non-pass voting checks, worst first, stable within a status', () => {
    const verdict = decideVerdict([
      check('inconclusive', { reason: 'i1' }),
      check('fail', { reason: 'f1' }),
      check('pass', { reason: 'p' }),
      check('error', { reason: 'e1' }),
      check('fail', { reason: 'f2' }),
      check('fail', { reason: 'advisory', advisory: true }),
    ]);
    expect(verdict).toEqual({ status: 'fail', reasons: ['f1', 'f2', 'e1', 'i1'], counts: { pass: 1, inconclusive: 1, error: 1, fail: 2 } });
  });

  it('advisory checks do not vote', () => {
    const verdict = decideVerdict([check('pass'), check('fail', { advisory: true }), check('error', { advisory: true })]);
    expect(verdict).toEqual({ status: 'pass', reasons: [], counts: { pass: 1, inconclusive: 0, error: 0, fail: 0 } });
  });

  it('no voting checks → inconclusive', () => {
    const expected = { status: 'inconclusive', reasons: [NO_VOTING_CHECKS], counts: { pass: 0, inconclusive: 0, error: 0, fail: 0 } };
    expect(decideVerdict([])).toEqual(expected);
    expect(decideVerdict([check('pass', { advisory: true })])).toEqual(expected);
    expect(NO_VOTING_CHECKS).toBe('no voting checks: add thresholds or critical cases');
  });

  it('run checks alone never make a pass: they are preconditions, not evidence', () => {
    expect(decideVerdict([check('pass', { kind: 'run' })]).status).toBe('inconclusive');
    expect(decideVerdict([check('error', { kind: 'run', reason: 'blue down' })])).toMatchObject({
      status: 'error',
      reasons: ['blue down', NO_VOTING_CHECKS],
    });
    expect(decideVerdict([check('pass', { kind: 'run' }), check('pass', { kind: 'critical' })]).status).toBe('pass');
  });
});

describe('property: the verdict is never pass if any voting check is not pass', () => {
  // A small seeded generator (mulberry32) keeps the property reproducible without a dependency.
  function rng(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const kinds: CheckResult['kind'][] = ['threshold', 'critical', 'run'];

  it('holds over 2000 random check lists', () => {
    const random = rng(20240611);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    for (let i = 0; i < 2000; i++) {
      const checks = Array.from({ length: Math.floor(random() * 8) }, () =>
        check(pick(STATUS_ORDER), { advisory: random() < 0.3, kind: pick(kinds) }),
      );
      const voting = checks.filter((c) => !c.advisory);
      const verdict = decideVerdict(checks);
      if (voting.some((c) => c.status !== 'pass')) expect(verdict.status).not.toBe('pass');
      if (verdict.status === 'pass') expect(voting.some((c) => c.kind !== 'run')).toBe(true);
      const worstVoting = voting.reduce<Status>((a, c) => worst(a, c.status), 'pass');
      expect(STATUS_ORDER.indexOf(verdict.status)).toBeGreaterThanOrEqual(STATUS_ORDER.indexOf(worstVoting));
      expect(Object.values(verdict.counts).reduce((a, b) => a + b, 0)).toBe(voting.length);
    }
  });
});
