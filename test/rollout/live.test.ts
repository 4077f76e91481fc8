// Live analysis during holds, end to end: pharmabot revisions behind the real local proxy, real user
// traffic through it, green flipped bad mid-hold with setFlaws; the engine judges the proxy's own
// counters every interval and acts on each window (journaled, with a report file per window).
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { exitForRollout } from '../../src/cli/exit-codes.js';
import { MonitorError } from '../../src/model/errors.js';
import type { LiveMetrics } from '../../src/model/live.js';
import { greenWeight } from './faulty-router.js';
import type { Bench } from './helpers.js';
import { at, liveBench, liveRun, type LiveEvent } from './live-helpers.js';

const benches: Bench[] = [];
afterEach(async () => {
  await Promise.all(benches.splice(0).map((b) => b.close()));
});
async function setup(o: Parameters<typeof liveBench>[0]): Promise<Bench> {
  const b = await liveBench(o);
  benches.push(b);
  return b;
}

const BLUE_ONLY = [{ revision: 'pharmabot--v1', weight: 100 }];
const weightsOf = async (b: Bench) => (await b.router!.router.readWeights()).filter((e) => e.weight > 0);
const check = (e: LiveEvent, id: string) => e.checks.find((c) => c.id === id);

/** Flip green's flaws `afterMs` after the table puts `weight`% on it; `flipAt` is set then. */
function flipAt(b: Bench, weight: number, afterMs: number, flaws: Parameters<Bench['green']['setFlaws']>[0]) {
  const flip = { at: 0 };
  return {
    flip,
    faults: {
      onSet: (t: readonly { revision: string; weight: number }[]) => {
        if (greenWeight(t) === weight && flip.at === 0) {
          flip.at = -1;
          setTimeout(() => {
            b.green.setFlaws(flaws);
            flip.at = Date.now();
          }, afterMs);
        }
        return undefined;
      },
    },
  };
}

describe('live analysis during holds (local proxy counters)', () => {
  it('promotes a healthy canary: every window journaled with its checks; the hold ends on a passing window', async () => {
    const b = await setup({ steps: [{ weight: 25, hold: '1.5s' }, { weight: 50, hold: '1.5s' }, { weight: 100 }] });
    const r = await liveRun(b);
    expect(r.outcome.kind, JSON.stringify(r.live.map((e) => e.reasons))).toBe('promoted');
    expect(exitForRollout(r.outcome)).toBe(0);
    const finals = r.live.filter((e) => e.final);
    expect(finals.map((e) => [e.step, e.status])).toEqual([
      [0, 'pass'],
      [1, 'pass'],
    ]);
    // Several intervals per 1.5 s hold at 250 ms, each with a window, checks and a report file.
    for (const step of [0, 1]) expect(r.live.filter((e) => e.step === step).length).toBeGreaterThanOrEqual(4);
    const last = finals[1]!;
    expect(last.checks.map((c) => [c.id, c.status])).toEqual([
      ['live.error_rate', 'pass'],
      ['live.latency_shift', 'pass'],
    ]);
    const e = check(last, 'live.error_rate')!;
    expect(e.live).toMatchObject({
      source: 'local',
      delayMs: 0,
      breach: false,
      blue: { revision: 'pharmabot--v1' },
      green: { revision: 'pharmabot--v2' },
    });
    expect(e.live!.green!.requests).toBeGreaterThanOrEqual(20);
    expect(e.stats?.test).toMatch(/Fisher exact/);
    // One JSONL file per step, one line per window, appended (a resumed run adds to it).
    const lines = readFileSync(last.file!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { n: number; final: boolean; checks: unknown[] });
    expect(lines.map((l) => l.n)).toEqual(r.live.filter((x) => x.step === 1).map((x) => x.n));
    const file = lines.at(-1)!;
    expect(file).toMatchObject({ step: 2, weight: 50, final: true, status: 'pass', source: { name: 'local' } });
    expect(file.checks).toHaveLength(2);
    // Windows never reach back before the step's traffic, nor past the time they were judged.
    const verified = r.events.filter((x) => x.type === 'weights-verified').map(at);
    for (const x of r.live.filter((x) => x.window)) {
      expect(Date.parse(x.window!.to)).toBeLessThanOrEqual(at(x));
      expect(Date.parse(x.window!.from)).toBeGreaterThanOrEqual(verified[x.step]! - 5);
      // Periodic windows: the last `window` (1 s); the final one judges the whole hold from the weights' verification.
      if (!x.final) expect(Date.parse(x.window!.to) - Date.parse(x.window!.from)).toBeLessThanOrEqual(1000);
      else expect(Math.abs(Date.parse(x.window!.from) - verified[x.step]!)).toBeLessThanOrEqual(5);
    }
  });

  it('a 5xx spike on green mid-hold is a clear breach: rolled back within one interval, long before the hold ends', async () => {
    const b = await setup({ steps: [{ weight: 50, hold: '6s' }, { weight: 100 }] });
    const { flip, faults } = flipAt(b, 50, 1200, { errorRate: 1 });
    const r = await liveRun(b, { faults });
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'fail' });
    expect(exitForRollout(r.outcome)).toBe(1);
    const breach = r.live.find((e) => e.breach)!;
    expect(breach.status).toBe('fail');
    expect(check(breach, 'live.error_rate')!.reason).toMatch(/clear breach/);
    expect(r.live.filter((e) => at(e) < flip.at).every((e) => e.status !== 'fail')).toBe(true);
    const requested = r.events.find((e) => e.type === 'rollback-requested')!;
    expect(requested.type === 'rollback-requested' && requested.reason).toMatch(/clear breach/);
    // Measured: flip → rollback requested within one interval (250 ms) plus the poll (50 ms) and the
    // few ms of traffic the test needs to see 5xx; the rollback follows the breaching window at once.
    const delay = at(requested) - flip.at;
    expect(delay).toBeLessThanOrEqual(r.config.intervalMs + 150);
    expect(at(requested) - at(breach)).toBeLessThan(100);
    const hold = r.events.find((e) => e.type === 'hold')!;
    expect(hold.type === 'hold' && Date.parse(hold.until) - at(requested)).toBeGreaterThan(4000);
    expect(await weightsOf(b)).toEqual(BLUE_ONLY);
  });

  it('a latency regression on green is caught from the raw samples (Hodges-Lehmann shift over the limit)', async () => {
    const b = await setup({ steps: [{ weight: 50, hold: '4s' }, { weight: 100 }], green: { flaws: { extraLatencyMs: 60 } } });
    const r = await liveRun(b);
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'fail' });
    const failed = r.live.find((e) => e.status === 'fail')!;
    expect(failed.breach).toBe(false);
    const lat = check(failed, 'live.latency_shift')!;
    expect(lat.status).toBe('fail');
    expect(lat.value!).toBeGreaterThan(30);
    expect(lat.stats?.test).toMatch(/Mann-Whitney U/);
    expect(check(failed, 'live.error_rate')!.status).toBe('pass');
    expect(await weightsOf(b)).toEqual(BLUE_ONLY);
  });

  it('too little traffic is inconclusive: at the end of the hold it rolls back (onInconclusive: rollback), never promotes', async () => {
    const b = await setup({ steps: [{ weight: 50, hold: '1s' }, { weight: 100 }] });
    const r = await liveRun(b, { traffic: { workers: 1, pauseMs: 200 } });
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'inconclusive' });
    expect(exitForRollout(r.outcome)).toBe(2);
    expect(r.live.every((e) => e.status === 'inconclusive')).toBe(true);
    expect(r.live.at(-1)!.final).toBe(true);
    expect(r.live.at(-1)!.reasons[0]).toMatch(/too little traffic: green \d+, blue \d+ in the window \(minRequests 20\)/);
    expect(r.events.some((e) => e.type === 'promoted')).toBe(false);
    expect(await weightsOf(b)).toEqual(BLUE_ONLY);
  });

  it('too little traffic with live.onInconclusive: pause → paused, traffic left where it is', async () => {
    const b = await setup({ steps: [{ weight: 50, hold: '800ms' }, { weight: 100 }], live: { onInconclusive: 'pause' } });
    const r = await liveRun(b, { traffic: null });
    expect(r.outcome.kind).toBe('paused');
    expect(r.outcome.reason).toMatch(/live analysis still inconclusive/);
    expect(await weightsOf(b)).toEqual([
      { revision: 'pharmabot--v1', weight: 50 },
      { revision: 'pharmabot--v2', weight: 50 },
    ]);
  });

  it('a failing metrics source is an error (after its retries) and rolls back', async () => {
    const b = await setup({ steps: [{ weight: 50, hold: '4s' }, { weight: 100 }] });
    let calls = 0;
    const r = await liveRun(b, {
      source: (local): LiveMetrics => ({
        info: local.info,
        close: () => local.close(),
        query: (q, o) =>
          ++calls > 2 ? Promise.reject(new MonitorError('RG_MONITOR_QUERY', 'local', 'HTTP 503 from the metrics API')) : local.query(q, o),
      }),
    });
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'error' });
    expect(exitForRollout(r.outcome)).toBe(3);
    const err = r.live.find((e) => e.status === 'error')!;
    expect(err.checks).toHaveLength(1);
    expect(err.checks[0]).toMatchObject({
      id: 'live.query',
      kind: 'live',
      status: 'error',
      live: { source: 'local', blue: null, green: null },
    });
    expect(err.checks[0]!.reason).toMatch(/failed after 3 attempts \[RG_MONITOR_QUERY\]: local: HTTP 503/);
    expect(calls).toBe(2 + 3);
    expect(await weightsOf(b)).toEqual(BLUE_ONLY);
  });

  it('delayed data: windows end at now − delay; nothing is judged before the data can have arrived', async () => {
    const delayMs = 700;
    const b = await setup({ steps: [{ weight: 50, hold: '5s' }, { weight: 100 }] });
    const { flip, faults } = flipAt(b, 50, 1500, { errorRate: 1 });
    const r = await liveRun(b, { faults, delayMs });
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'fail' });
    const verified = at(r.events.find((e) => e.type === 'weights-verified')!);
    for (const e of r.live) {
      if (e.window) expect(Date.parse(e.window.to)).toBeLessThanOrEqual(at(e) - delayMs);
      else expect(at(e) - verified).toBeLessThan(delayMs + 60);
      expect(check(e, 'live.error_rate')?.live?.delayMs ?? delayMs).toBe(delayMs);
    }
    expect(r.live[0]!.window).toBeNull();
    expect(r.live[0]!.reasons[0]).toMatch(/no window to judge yet/);
    const requested = at(r.events.find((e) => e.type === 'rollback-requested')!);
    // The errors can only be seen once ingested: not before flip + delay, then within one interval.
    expect(requested - flip.at).toBeGreaterThanOrEqual(delayMs);
    expect(requested - flip.at).toBeLessThanOrEqual(delayMs + r.config.intervalMs + 150);
    expect(existsSync(r.live.find((e) => e.breach)!.file!)).toBe(true);
  });
});
