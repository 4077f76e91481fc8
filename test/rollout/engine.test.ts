// The rollout engine end to end against real servers: pharmabot revisions behind the real local
// router (src/traffic/local), faults injected at the router boundary or in the service itself.
import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { exitForRollout } from '../../src/cli/exit-codes.js';
import { startPharmabot } from '../../reference/pharmabot/index.js';
import { apiError, faulty, greenWeight } from './faulty-router.js';
import { bench, engine, types, type Bench } from './helpers.js';

const benches: Bench[] = [];
afterEach(async () => {
  await Promise.all(benches.splice(0).map((b) => b.close()));
});

async function setup(o: Parameters<typeof bench>[0] = {}): Promise<Bench> {
  const b = await bench({ router: true, ...o });
  benches.push(b);
  return b;
}

const BLUE_ONLY = [{ revision: 'pharmabot--v1', weight: 100 }];
const weightsOf = async (b: Bench) => (await b.router!.router.readWeights()).filter((e) => e.weight > 0);

describe('rollout engine (local router, pharmabot)', () => {
  it('promotes a good green: 0 → 10 → 50 → 100, holds, keeps blue warm, then deactivates it', async () => {
    const b = await setup();
    const { router, sets } = faulty(b.router!.router);
    const r = await engine(b, router);
    expect(r.outcome.kind).toBe('promoted');
    expect(exitForRollout(r.outcome)).toBe(0);
    expect(sets.map((s) => greenWeight(s.table))).toEqual([0, 10, 50, 100, 100]);
    expect(types(r.events)).toEqual([
      'started',
      'step-started',
      'weights-requested',
      'weights-verified',
      'analysis',
      'step-passed',
      'step-started',
      'weights-requested',
      'weights-verified',
      'analysis',
      'hold',
      'tick',
      'step-passed',
      'step-started',
      'weights-requested',
      'weights-verified',
      'hold',
      'tick',
      'step-passed',
      'step-started',
      'weights-requested',
      'weights-verified',
      'step-passed',
      'promoted',
      'keep-previous',
      'tick',
      'weights-requested',
      'weights-verified',
      'deactivated',
      'finished',
    ]);
    // keepPrevious 300ms: blue stayed active at 0% at least that long before being deactivated.
    const promoted = r.events.find((e) => e.type === 'promoted')!;
    const deactivated = r.events.find((e) => e.type === 'deactivated')!;
    expect(Date.parse(deactivated.at) - Date.parse(promoted.at)).toBeGreaterThanOrEqual(290);
    expect(await weightsOf(b)).toEqual([{ revision: 'pharmabot--v2', weight: 100 }]);
    const revs = await b.router!.router.listRevisions();
    expect(revs.find((x) => x.name === 'pharmabot--v1')!.active).toBe(false);
    // Each analysis wrote its compare report under the rollout's run directory; the sample has 6 cases.
    const analyses = r.events.filter((e) => e.type === 'analysis');
    expect(analyses.map((e) => e.type === 'analysis' && e.status)).toEqual(['pass', 'pass']);
    expect(await readdir(join(r.runDir, 'analysis'))).toHaveLength(2);
    const seqs = r.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('rolls a flawed green back at the 0% validation (verified 100% blue, within 1 s of the verdict)', async () => {
    const b = await setup({ green: { flaws: { refusalRate: 0.6 } } });
    const { router, sets } = faulty(b.router!.router);
    const r = await engine(b, router);
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'fail' });
    expect(exitForRollout(r.outcome)).toBe(1);
    const analysis = r.events.find((e) => e.type === 'analysis')!;
    const requested = r.events.find((e) => e.type === 'rollback-requested')!;
    expect(Date.parse(requested.at) - Date.parse(analysis.at)).toBeLessThan(1000);
    expect(types(r.events)).toContain('rolled-back');
    expect(sets.every((s) => greenWeight(s.table) === 0)).toBe(true);
    expect(await weightsOf(b)).toEqual(BLUE_ONLY);
  });

  it('rolls back at a canary step when green turns bad after the 0% validation; the rollback call follows within 1 s', async () => {
    const b = await setup();
    let breakAt = 0;
    const { router, sets } = faulty(b.router!.router, {
      onSet: (t) => {
        if (greenWeight(t) === 10 && breakAt === 0) {
          b.green.setFlaws({ refusalRate: 0.7 });
          breakAt = 1;
        }
        return undefined;
      },
    });
    let verdictSeen = 0;
    const r = await engine(b, router, {
      log: (l: string) => {
        if (/step 2: analysis fail/.test(l)) verdictSeen = performance.now();
      },
    });
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'fail' });
    const rollbackCall = sets[sets.length - 1]!;
    expect(greenWeight(rollbackCall.table)).toBe(0);
    expect(verdictSeen).toBeGreaterThan(0);
    expect(rollbackCall.at - verdictSeen).toBeLessThan(1000);
    expect(sets.map((s) => greenWeight(s.table))).toEqual([0, 10, 0]);
    expect(await weightsOf(b)).toEqual(BLUE_ONLY);
  });

  it('a router write failure mid-rollout rolls back and ends as an error (exit 3)', async () => {
    const b = await setup();
    const { router } = faulty(b.router!.router, { onSet: (t) => (greenWeight(t) === 50 ? apiError(503) : undefined) });
    const r = await engine(b, router);
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'error' });
    expect(r.outcome.reason).toMatch(/503/);
    expect(exitForRollout(r.outcome)).toBe(3);
    expect(await weightsOf(b)).toEqual(BLUE_ONLY);
  });

  it('a read-back mismatch (RG_TRAFFIC_VERIFY) rolls back', async () => {
    const b = await setup();
    const { router } = faulty(b.router!.router, {
      onRead: (actual) =>
        greenWeight(actual) === 10 ? actual.map((e) => ({ ...e, weight: e.revision === 'pharmabot--v2' ? 20 : 80 })) : actual,
    });
    const r = await engine(b, router);
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'error' });
    expect(r.outcome.reason).toMatch(/RG_TRAFFIC_VERIFY/);
    expect(r.events.find((e) => e.type === 'weights-failed')).toMatchObject({ code: 'RG_TRAFFIC_VERIFY', purpose: 'step' });
    expect(await weightsOf(b)).toEqual(BLUE_ONLY);
  });

  it('when the rollback itself fails, the outcome is a loud error naming the last known table', async () => {
    const b = await setup();
    let broken = false;
    const { router } = faulty(b.router!.router, {
      onSet: (t) => {
        if (greenWeight(t) === 50) broken = true;
        return broken && greenWeight(t) !== 10 ? apiError(500) : undefined;
      },
    });
    const r = await engine(b, router, { plan: { rollbackTimeout: 600 } as never });
    expect(r.outcome.kind).toBe('error');
    expect(r.outcome.reason).toMatch(/ROLLBACK FAILED.*last known traffic: pharmabot--v1 90% \/ pharmabot--v2 10%/);
    expect(exitForRollout(r.outcome)).toBe(3);
    expect(types(r.events)).toContain('rollback-failed');
  });

  it('green turning Unhealthy during a hold rolls back', async () => {
    const b = await setup({ rollout: { steps: [{ weight: 0 }, { weight: 10, hold: '3s' }, { weight: 100 }] } });
    const { router } = faulty(b.router!.router, {
      onSet: (t) => {
        if (greenWeight(t) === 10) setTimeout(() => b.green.setFlaws({ coldStartMs: 10_000 }), 100);
        return undefined;
      },
    });
    const r = await engine(b, router);
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'error' });
    expect(r.outcome.reason).toMatch(/unhealthy/);
    expect(await weightsOf(b)).toEqual(BLUE_ONLY);
  });

  it('a fingerprint change mid-rollout sends green back to 0% and restarts the analysis from step 1', async () => {
    const b = await setup({ rollout: { steps: [{ weight: 0, analysis: 'full' }, { weight: 10, hold: '1s' }, { weight: 100 }] } });
    const redeployed = await startPharmabot({ seed: 2, name: 'green', promptVersion: 'v2' });
    let swapped = false;
    const { router, sets } = faulty(b.router!.router, {
      onSet: (t) => {
        if (greenWeight(t) === 10 && !swapped) {
          swapped = true;
          // The same revision name now answers with another prompt version (a redeploy under the name).
          setTimeout(() => void b.router!.router.addRevision({ name: 'pharmabot--v2', url: redeployed.url }), 150);
        }
        return undefined;
      },
    });
    try {
      const r = await engine(b, router);
      expect(r.outcome.kind).toBe('promoted');
      expect(sets.map((s) => greenWeight(s.table))).toEqual([0, 10, 0, 0, 10, 100, 100]);
      const changed = r.events.find((e) => e.type === 'green-changed');
      expect(changed?.type === 'green-changed' && (changed.to.version as { prompt: string }).prompt).toBe('v2');
      expect(types(r.events).filter((t) => t === 'analysis')).toHaveLength(2);
      expect(types(r.events)).toContain('restart');
    } finally {
      await redeployed.close();
    }
  });

  it('an approval gate continues once approved', async () => {
    const b = await setup({ rollout: { steps: [{ weight: 0 }, { weight: 50, approval: true }, { weight: 100 }], approvalTimeout: '5s' } });
    const { appendApproval, approvalsFile } = await import('../../src/rollout/approvals.js');
    const { router } = faulty(b.router!.router, {
      onSet: (t, n) => {
        if (greenWeight(t) === 50)
          setTimeout(
            () =>
              void appendApproval(approvalsFile(join(b.dir, 'reports', 'approve-run', 'journal.jsonl')), {
                runId: 'approve-run',
                step: 1,
                by: 'alice',
                at: new Date().toISOString(),
              }),
            300,
          );
        void n;
        return undefined;
      },
    });
    const r = await engine(b, router, { runId: 'approve-run' });
    expect(r.outcome.kind).toBe('promoted');
    expect(r.events.find((e) => e.type === 'approved')).toMatchObject({ step: 1, by: 'alice' });
  });

  it('an approval gate with no approval in time rolls back (fail closed, exit 2)', async () => {
    const b = await setup({
      rollout: { steps: [{ weight: 0 }, { weight: 50, approval: true }, { weight: 100 }], approvalTimeout: '400ms' },
    });
    const r = await engine(b, b.router!.router);
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'approval-timeout' });
    expect(exitForRollout(r.outcome)).toBe(2);
    expect(await weightsOf(b)).toEqual(BLUE_ONLY);
  });

  it('an inconclusive analysis pauses with onInconclusive: pause (traffic stays), rolls back by default', async () => {
    const steps = [{ weight: 0 }, { weight: 10, analysis: 'sample', sample: 3 }, { weight: 100 }];
    const b = await setup({ rollout: { steps, onInconclusive: 'pause' } });
    const r = await engine(b, b.router!.router);
    expect(r.outcome.kind).toBe('paused');
    expect(exitForRollout(r.outcome)).toBe(2);
    expect(greenWeight(await b.router!.router.readWeights())).toBe(10);
    await b.router!.router.setWeights(BLUE_ONLY);
    const c = await engine(b, b.router!.router, { plan: { onInconclusive: 'rollback' } as never });
    expect(c.outcome).toMatchObject({ kind: 'rolled-back', cause: 'inconclusive' });
  });

  it('refuses to run while another owner holds the lock; breaks a stale one only with breakLock', async () => {
    const b = await setup();
    const router = b.router!.router;
    await router.acquireLock({ owner: 'someone-else', runId: 'other', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await expect(engine(b, router, { breakLock: true })).rejects.toMatchObject({ code: 'RG_TRAFFIC_LOCKED' });
    await router.releaseLock('someone-else');
    await router.acquireLock({ owner: 'crashed', runId: 'old', expiresAt: new Date(Date.now() - 1000).toISOString() });
    await expect(engine(b, router)).rejects.toMatchObject({ code: 'RG_TRAFFIC_LOCKED' });
    const r = await engine(b, router, { breakLock: true });
    expect(r.outcome.kind).toBe('promoted');
    expect(await router.readLock()).toBeNull();
  });

  it('Ctrl-C (abort) mid-hold rolls back first, then reports interrupted (exit 130)', async () => {
    const b = await setup({ rollout: { steps: [{ weight: 0 }, { weight: 10, hold: '5s' }, { weight: 100 }] } });
    const ac = new AbortController();
    const { router } = faulty(b.router!.router, {
      onSet: (t) => (greenWeight(t) === 10 && setTimeout(() => ac.abort('SIGINT'), 200), undefined),
    });
    const r = await engine(b, router, { signal: ac.signal });
    expect(r.outcome.kind).toBe('interrupted');
    expect(exitForRollout(r.outcome)).toBe(130);
    expect(types(r.events)).toContain('rolled-back');
    expect(await weightsOf(b)).toEqual(BLUE_ONLY);
  });

  it('pre-flight failures move nothing and list every problem at once', async () => {
    const b = await setup({ green: { flaws: { coldStartMs: 60_000 } } });
    await b.router!.router.checkHealth();
    const { router, sets } = faulty(b.router!.router);
    const r = await engine(b, router);
    expect(r.outcome.kind).toBe('error');
    expect(r.outcome.reason).toMatch(/pre-flight failed/);
    expect(r.outcome.reason).toMatch(/healthState is Unhealthy/);
    expect(r.outcome.reason).toMatch(/not ready/);
    expect(sets).toHaveLength(0);
  });
});
