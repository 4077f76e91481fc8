// Rollouts on an Azure that is busy, as the real one is: operations that take a second, 409
// ContainerAppLockConflict on any write while one runs, revgate's own requests in the per-revision
// counts. Each case of issue 10 on the real SDK router against the ACA emulator; tests wait for the
// emulator's events and the journal, never for a fixed time.
import { afterEach, describe, expect, it } from 'vitest';
import type { Operation } from '../../reference/aca-emulator/operations.js';
import { exitForRollout } from '../../src/cli/exit-codes.js';
import { loadSuite } from '../../src/config/load-suite.js';
import { openLiveMetrics } from '../../src/monitor/open.js';
import { readJournal } from '../../src/rollout/journal.js';
import { liveAnalysis } from '../../src/rollout/live.js';
import { OwnTraffic } from '../../src/rollout/own-traffic.js';
import type { RolloutEvent } from '../../src/rollout/types.js';
import { cli } from '../e2e/helpers.js';
import { armTable, azureBench, BLUE, GREEN, TOKEN, type AzureBench, type AzureBenchOptions } from './azure-bench.js';
import { engine, types } from './helpers.js';

const benches: AzureBench[] = [];
afterEach(async () => {
  await Promise.all(benches.splice(0).map((b) => b.close()));
});
async function setup(o: AzureBenchOptions = {}): Promise<AzureBench> {
  const b = await azureBench(o);
  benches.push(b);
  return b;
}

const LABELLED = [
  { revisionName: BLUE, weight: 100, label: 'prod' },
  { revisionName: GREEN, weight: 0, label: 'preview' },
];
const sets = (op: Operation, weight: number) => op.change?.traffic?.some((t) => t.revisionName === GREEN && t.weight === weight) === true;
const at = (e: RolloutEvent | undefined) => Date.parse(e!.at);
const first = (events: RolloutEvent[], type: RolloutEvent['type']) => events.find((e) => e.type === type);

/** Green turns bad the moment the 10% write starts (the canary analysis will fail). */
function breakGreenAt10(b: AzureBench): void {
  b.emu.events.on('operation-started', (op) => {
    if (sets(op, 10)) b.green.setFlaws({ refusalRate: 0.9 });
  });
}

describe('rollout on a busy Azure (ACA emulator, real SDK)', () => {
  it('lock renewals and traffic writes never overlap: no 409 of our own making; a rollback keeps every label, ends verified and releases the lock', async () => {
    // A renewal every 2 s and one-second operations: renewals and traffic writes keep meeting in the writer.
    const b = await setup({ emulator: { traffic: LABELLED }, rollout: { lockTtl: '6s' } });
    breakGreenAt10(b);
    const lines: string[] = [];
    const r = await engine(b, b.router(), { log: (l) => lines.push(l) });
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'fail' });
    expect(exitForRollout(r.outcome)).toBe(1);
    expect(armTable(b.emu)).toEqual([
      { revision: BLUE, weight: 100, label: 'prod' },
      { revision: GREEN, weight: 0, label: 'preview' },
    ]);
    expect(b.emu.requests.filter((q) => q.status === 409)).toEqual([]);
    expect(b.emu.state.tags['revgate-lock']).toBeUndefined();
    const writes = b.emu.requests.filter((q) => q.method === 'PATCH' && q.status === 202);
    expect(writes.filter((q) => JSON.stringify(q.body).includes('revgate-lock')).length).toBeGreaterThanOrEqual(2);
    const breach = r.events.filter((e) => e.type === 'analysis').at(-1);
    const requested = first(r.events, 'rollback-requested');
    expect(at(requested) - at(breach)).toBeLessThan(1000);
    console.log(`[figure] breach seen → rollback verified, lock renewals in flight: ${at(first(r.events, 'rolled-back')) - at(breach)} ms`);
  });

  it('a 409 storm on the rollback (another actor busy) is waited out; the rollback ends verified', async () => {
    const b = await setup();
    breakGreenAt10(b);
    const lines: string[] = [];
    const r = await engine(b, b.router(), {
      log: (l) => {
        lines.push(l);
        // The moment the canary analysis fails, someone else starts hammering the app.
        if (/step 2: analysis fail/.test(l))
          b.emu.faults.add({
            route: 'patchApp',
            times: 3,
            fault: {
              kind: 'status',
              status: 409,
              code: 'ContainerAppLockConflict',
              message: "Cannot modify container App 'pharmabot' because another modification is in progress. Please retry the operation.",
              retryAfterSeconds: 1,
            },
          });
      },
    });
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'fail' });
    expect(b.emu.requests.filter((q) => q.status === 409)).toHaveLength(3);
    expect(lines.filter((l) => /waiting to set traffic .*another modification of the app is in progress/.test(l))).toHaveLength(3);
    expect(armTable(b.emu)).toEqual([{ revision: BLUE, weight: 100 }]);
    expect(types(r.events).slice(-2)).toEqual(['rolled-back', 'finished']);
  });

  it('Ctrl-C during the slow 10% write: the write ends, then 100% blue goes out, verified; exit 130', async () => {
    const b = await setup({ emulator: { pollRetryAfterSeconds: 1 } });
    const ctrlC = new AbortController();
    b.emu.events.on('operation-started', (op) => {
      if (sets(op, 10)) ctrlC.abort('SIGINT');
    });
    const run = await cli(['rollout', b.suiteFile, '--token', TOKEN], { cwd: b.dir, signal: ctrlC.signal });
    expect(run.code, run.stderr).toBe(130);
    expect(run.stdout).toMatch(/INTERRUPTED/);
    expect(run.stdout).toMatch(new RegExp(`traffic: ${BLUE} 100%`));
    await b.emu.whenIdle();
    expect(armTable(b.emu)).toEqual([{ revision: BLUE, weight: 100 }]);
    expect(b.emu.requests.filter((q) => q.status === 409)).toEqual([]);
    const journal = await readJournal(run.stderr.match(/journal (\S+journal\.jsonl)/)![1]!);
    const tail = journal.slice(journal.findIndex((e) => e.type === 'interrupted'));
    // The 10% write that was running is recorded as it ended, then the rollback.
    expect(types(tail)).toEqual(['interrupted', 'rollback-requested', 'weights-verified', 'weights-verified', 'rolled-back', 'finished']);
    expect(b.emu.state.tags['revgate-lock']).toBeUndefined();
  });

  it("a canary that got no user traffic is never promoted: revgate's own requests are subtracted, the hold extends, then ends inconclusive", async () => {
    const b = await setup({ live: { minRequests: 5, maxExtension: '600ms' } });
    const { suite } = await loadSuite(b.suiteFile, { cwd: b.dir, env: {} });
    const config = suite.rollout!.live!;
    const metrics = await openLiveMetrics(config, { env: { REVGATE_AZURE_MONITOR_TOKEN: TOKEN } });
    const own = new OwnTraffic();
    try {
      const r = await engine(b, b.router(), { own, live: liveAnalysis(metrics, config, own, { backoffMs: 20 }) });
      expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'inconclusive' });
      expect(exitForRollout(r.outcome)).toBe(2);
      expect(types(r.events)).not.toContain('promoted');
      expect(types(r.events)).toContain('hold-extended');
      const live = r.events.filter((e): e is Extract<RolloutEvent, { type: 'live' }> => e.type === 'live');
      const final = live.filter((e) => e.final).at(-1)!;
      // Green served requests — all of them revgate's (golden replay, probes) — and that is not a canary.
      expect(final.own!.green.requests).toBeGreaterThanOrEqual(5);
      const counted = final.checks.find((c) => c.id === 'live.error_rate')!.live!.green!.requests;
      expect(counted).toBe(0);
      expect(b.fronts[GREEN]!.served.length).toBeGreaterThanOrEqual(final.own!.green.requests);
    } finally {
      await metrics.close();
    }
  });

  it('holds read ARM about once per poll interval, not several times a second', async () => {
    const b = await setup({ rollout: { steps: [{ weight: 0 }, { weight: 10, hold: '3s' }, { weight: 100 }], pollInterval: '1s' } });
    const r = await engine(b, b.router());
    expect(r.outcome.kind).toBe('promoted');
    const hold = first(r.events, 'hold')!;
    const passed = r.events.find((e) => e.type === 'step-passed' && e.step === 1)!;
    const calls = b.emu.armCalls(at(hold));
    const during = b.emu.requests.filter(
      (q) => q.at >= at(hold) && q.at <= at(passed) && ['getApp', 'listRevisions', 'getRevision'].includes(q.route),
    ).length;
    const perMinute = (during / (at(passed) - at(hold))) * 60_000;
    console.log(
      `[figure] ARM reads during a 3 s hold at pollInterval 1s: ${during} (${perMinute.toFixed(0)}/min); after the hold: ${JSON.stringify(calls.byRoute)}`,
    );
    expect(perMinute).toBeLessThanOrEqual(90);
    expect(during).toBeGreaterThanOrEqual(2);
  });

  it("promotion keeps green's label (its preview URL survives) and drops blue", async () => {
    const b = await setup({ emulator: { traffic: LABELLED }, rollout: { steps: [{ weight: 0 }, { weight: 50 }, { weight: 100 }] } });
    const r = await engine(b, b.router());
    expect(r.outcome.kind).toBe('promoted');
    expect(armTable(b.emu)).toEqual([{ revision: GREEN, weight: 100, label: 'preview' }]);
    expect(b.emu.revision('blue').active).toBe(false);
    // Deactivation keeps the app busy for a while (the API answers at once): the lock's release waits it out.
    expect(b.emu.requests.filter((q) => q.status === 409 && JSON.stringify(q.body).includes('traffic'))).toEqual([]);
    expect(b.emu.state.tags['revgate-lock']).toBeUndefined();
  });
});

describe('failures around the rollout (ACA emulator, real SDK)', () => {
  it('a lock acquisition that fails after its tag was written leaves no lock behind', async () => {
    const b = await setup();
    // The tag PATCH is accepted and applied, but its status cannot be read (the RBAC trap): acquisition fails.
    b.emu.faults.add({ route: 'operationStatus', times: 1, fault: { kind: 'status', status: 403, code: 'AuthorizationFailed' } });
    await expect(engine(b, b.router())).rejects.toMatchObject({ code: 'RG_TRAFFIC_AUTH' });
    await b.emu.whenIdle();
    expect(b.emu.state.tags['revgate-lock']).toBeUndefined();
    expect(armTable(b.emu)).toEqual([{ revision: BLUE, weight: 100 }]);
  });

  it('a failing Azure Monitor source is noticed within one live interval plus the retry budget, and rolls back', async () => {
    const b = await setup({
      live: { interval: '300ms', queryRetries: 1 },
      rollout: { steps: [{ weight: 0 }, { weight: 10, hold: '10s' }, { weight: 100 }] },
    });
    b.emu.faults.add({ route: 'metricsBatch', times: Infinity, fault: { kind: 'status', status: 500 } });
    const { suite } = await loadSuite(b.suiteFile, { cwd: b.dir, env: {} });
    const config = suite.rollout!.live!;
    const metrics = await openLiveMetrics(config, { env: { REVGATE_AZURE_MONITOR_TOKEN: TOKEN } });
    const own = new OwnTraffic();
    try {
      const r = await engine(b, b.router(), { own, live: liveAnalysis(metrics, config, own) });
      expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'error' });
      const hold = first(r.events, 'hold')!;
      const failed = r.events.find((e) => e.type === 'live' && e.status === 'error')!;
      const noticed = at(failed) - at(hold);
      console.log(
        `[figure] failing metrics source noticed ${noticed} ms after the hold began (interval 300 ms, queryRetries 1, SDK 1 retry)`,
      );
      // Interval + 2 queries × (a call and one SDK retry ≤ 1 s) + 250 ms of revgate backoff, with room for a loaded machine.
      expect(noticed).toBeLessThan(6000);
    } finally {
      await metrics.close();
    }
  });
});
