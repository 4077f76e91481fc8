// analyseWindow: one window of both revisions → live checks carrying source, window, values, test, limit and decision.
import { describe, expect, it } from 'vitest';
import type { LiveLimits } from '../../../src/gate/live/decide.js';
import { analyseWindow, windowVerdict, type LiveWindowData } from '../../../src/gate/live/analysis.js';
import type { LiveSourceInfo, RevisionWindow } from '../../../src/model/live.js';
import { liveWindow } from '../../../src/monitor/window.js';

const LIMITS: LiveLimits = {
  minRequests: 20,
  maxErrorRate: 0.01,
  maxErrorRateIncrease: 0.005,
  maxLatencyShiftMs: 50,
  maxP95Ratio: 1.5,
  alpha: 0.05,
  confidence: 0.95,
};
const LOCAL: LiveSourceInfo = {
  name: 'local',
  delayMs: 0,
  has: { latencySamples: true, latencyQuantiles: true, replicas: false, restarts: false },
};
const AGGREGATES: LiveSourceInfo = {
  name: 'azure-monitor',
  delayMs: 180_000,
  has: { latencySamples: false, latencyQuantiles: true, replicas: true, restarts: true },
};

// Deterministic latency samples around `center` ms.
const samples = (n: number, center: number) => Array.from({ length: n }, (_, i) => center + ((i * 37) % 21) - 10);
const rev = (
  revision: string,
  requests: number,
  errors5xx: number,
  latencyMs: number[] | null,
  extra: Partial<RevisionWindow> = {},
): RevisionWindow => ({ revision, requests, errors5xx, errors4xx: 0, latencyMs, latency: null, replicas: null, restarts: null, ...extra });
const data = (blue: RevisionWindow, green: RevisionWindow, source = LOCAL): LiveWindowData => ({
  source,
  from: new Date('2026-11-26T10:00:00Z'),
  to: new Date('2026-11-26T10:00:02Z'),
  blue,
  green,
});

describe('analyseWindow', () => {
  it('passes a healthy green and records source, window, both revisions, the tests and the limits', () => {
    const checks = analyseWindow(data(rev('v1', 400, 0, samples(400, 20)), rev('v2', 60, 0, samples(60, 21))), LIMITS);
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['live.error_rate', 'pass'],
      ['live.latency_shift', 'pass'],
    ]);
    const e = checks[0]!;
    expect(e.kind).toBe('live');
    expect(e.limit).toBe(0.01);
    expect(e.stats?.test).toMatch(/Fisher exact.*Newcombe/);
    expect(e.live).toMatchObject({
      source: 'local',
      from: '2026-11-26T10:00:00.000Z',
      to: '2026-11-26T10:00:02.000Z',
      delayMs: 0,
      breach: false,
      blue: { revision: 'v1', requests: 400, errorRate: 0 },
      green: { revision: 'v2', requests: 60, latencySamples: 60 },
    });
    expect(checks[1]!.stats?.test).toMatch(/Mann-Whitney U.*Hodges-Lehmann/);
    expect(windowVerdict(checks)).toEqual({ status: 'pass', breach: false, reasons: [] });
  });

  it('a 5xx spike on green is a clear breach', () => {
    const checks = analyseWindow(data(rev('v1', 400, 0, samples(400, 20)), rev('v2', 60, 15, samples(45, 20))), LIMITS);
    const v = windowVerdict(checks);
    expect(v).toMatchObject({ status: 'fail', breach: true });
    expect(v.reasons[0]).toMatch(/clear breach: 5xx rate green 25\.0% \(15\/60\)/);
    expect(checks[0]!.stats?.pAdjusted).toBeLessThan(0.05);
  });

  it('a latency regression is caught from raw samples (Hodges-Lehmann shift over the limit)', () => {
    const checks = analyseWindow(data(rev('v1', 200, 0, samples(200, 20)), rev('v2', 60, 0, samples(60, 120))), LIMITS);
    const lat = checks.find((c) => c.id === 'live.latency_shift')!;
    expect(lat.status).toBe('fail');
    expect(lat.value).toBeCloseTo(100, -1);
    expect(lat.live?.breach).toBe(false);
    expect(windowVerdict(checks)).toMatchObject({ status: 'fail', breach: false });
  });

  it('too little traffic is inconclusive, never a pass', () => {
    const checks = analyseWindow(data(rev('v1', 200, 0, samples(200, 20)), rev('v2', 5, 0, samples(5, 20))), LIMITS);
    expect(checks.map((c) => c.status)).toEqual(['inconclusive', 'inconclusive']);
    expect(windowVerdict(checks).status).toBe('inconclusive');
    expect(windowVerdict([]).status).toBe('inconclusive');
  });

  it('aggregates only: the p95 ratio; restarts of green are a clear breach', () => {
    const blue = rev('v1', 300, 0, null, { latency: { p50: 20, p95: 40, p99: 60, mean: 22 }, restarts: 0 });
    const green = rev('v2', 300, 0, null, { latency: { p50: 30, p95: 90, p99: 120, mean: 33 }, restarts: 0 });
    const checks = analyseWindow(data(blue, green, AGGREGATES), LIMITS);
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['live.error_rate', 'pass'],
      ['live.restarts', 'pass'],
      ['live.latency_p95_ratio', 'fail'],
    ]);
    expect(checks[2]!.value).toBeCloseTo(2.25);
    const restarted = analyseWindow(data(blue, { ...green, restarts: 2, latency: blue.latency }, AGGREGATES), LIMITS);
    expect(windowVerdict(restarted)).toMatchObject({ status: 'fail', breach: true });
  });
});

describe('liveWindow', () => {
  it.each([
    { name: 'no delay: the last window', now: 10_000, windowMs: 2000, delayMs: 0, since: 0, want: [8000, 10_000] },
    { name: 'shifted back by the delay', now: 10_000, windowMs: 2000, delayMs: 3000, since: 0, want: [5000, 7000] },
    { name: 'never before the step began', now: 10_000, windowMs: 5000, delayMs: 0, since: 7000, want: [7000, 10_000] },
    { name: 'no data of the step can have arrived yet', now: 10_000, windowMs: 2000, delayMs: 3000, since: 7500, want: null },
  ])('$name', (r) => {
    const w = liveWindow(r.now, r);
    expect(w && [w.from.getTime(), w.to.getTime()]).toEqual(r.want);
  });
});
