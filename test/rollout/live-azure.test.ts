// Live analysis through the Azure Monitor source (src/monitor/azure, real SDK clients) against the ACA
// emulator's metrics:getBatch and Log Analytics endpoints, which read the real local proxy's counters
// (with an ingestion delay): the source is opened from the suite's `live:` section as the CLI does.
import { afterEach, describe, expect, it } from 'vitest';
import { startAcaEmulator, type AcaEmulator } from '../../reference/aca-emulator/server.js';
import { startUserTraffic } from '../../scripts/user-traffic.js';
import { loadSuite } from '../../src/config/load-suite.js';
import { openLiveMetrics } from '../../src/monitor/open.js';
import { liveAnalysis } from '../../src/rollout/live.js';
import { OwnTraffic } from '../../src/rollout/own-traffic.js';
import { faulty, greenWeight } from './faulty-router.js';
import { bench, engine, type Bench } from './helpers.js';
import { at, type LiveEvent } from './live-helpers.js';

const TOKEN = 'live-azure-token';
const DELAY = 300;
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

async function setup(): Promise<{ b: Bench; emu: AcaEmulator; restarts: { green: number } }> {
  const emu = await startAcaEmulator({ token: TOKEN, ingestionDelayMs: DELAY });
  open.push(emu);
  const b = await bench({
    router: true,
    rollout: {
      steps: [{ weight: 50, hold: '3s' }, { weight: 100 }],
      keepPrevious: '100ms',
      live: {
        source: 'azure-monitor',
        delay: `${DELAY}ms`,
        interval: '300ms',
        window: '1500ms',
        minRequests: 20,
        maxLatencyShift: '30ms',
        queryRetries: 1,
        azure: {
          resourceId: emu.resourceId,
          metricsEndpoint: emu.url,
          logs: { workspaceId: emu.settings.workspaceId, endpoint: `${emu.url}/v1`, query: 'console-logs' },
        },
      },
    },
  });
  open.push(b);
  // Azure Monitor's numbers are what the proxy counted; restarts are injected by the test.
  const restarts = { green: 0 };
  emu.setTrafficSource((from, to) => {
    const s: Record<
      string,
      { requests: number; ok2xx: number; errors4xx: number; errors5xx: number; latencyMs: number[]; restarts?: number }
    > = b.router!.router.stats({ from, to });
    if (restarts.green > 0 && s['pharmabot--v2']) s['pharmabot--v2'] = { ...s['pharmabot--v2'], restarts: restarts.green };
    return s;
  });
  return { b, emu, restarts };
}

async function run(b: Bench, onGreen50?: () => void) {
  const { suite } = await loadSuite(b.suiteFile, { cwd: b.dir, env: {} });
  const config = suite.rollout!.live!;
  const metrics = await openLiveMetrics(config, { env: { REVGATE_AZURE_MONITOR_TOKEN: TOKEN } });
  const traffic = startUserTraffic({ url: b.router!.url, workers: 4 });
  const { router } = faulty(b.router!.router, { onSet: (t) => void (greenWeight(t) === 50 && onGreen50?.()) });
  try {
    const own = new OwnTraffic();
    const r = await engine(b, router, { own, live: liveAnalysis(metrics, config, own, { backoffMs: 20 }) });
    return { ...r, metrics, live: r.events.filter((e): e is LiveEvent => e.type === 'live') };
  } finally {
    await traffic.stop();
    await metrics.close();
  }
}

describe('live analysis through Azure Monitor (ACA emulator)', () => {
  it('promotes a healthy green judged from metrics:getBatch counts and Log Analytics latency samples', async () => {
    const { b } = await setup();
    const r = await run(b);
    expect(r.metrics.info).toMatchObject({ name: 'azure-monitor', delayMs: DELAY, has: { latencySamples: true, restarts: true } });
    expect(r.outcome.kind, JSON.stringify(r.live.map((e) => e.reasons))).toBe('promoted');
    const last = r.live.at(-1)!;
    expect(last).toMatchObject({ final: true, status: 'pass' });
    expect(last.checks.map((c) => [c.id, c.status])).toEqual([
      ['live.error_rate', 'pass'],
      ['live.restarts', 'pass'],
      ['live.latency_shift', 'pass'],
    ]);
    expect(last.checks[0]!.live).toMatchObject({ source: 'azure-monitor', delayMs: DELAY });
    expect(last.checks[0]!.live!.green!.requests).toBeGreaterThanOrEqual(20);
    for (const e of r.live) if (e.window) expect(Date.parse(e.window.to)).toBeLessThanOrEqual(at(e) - DELAY);
  });

  it('a restart of green reported by Azure Monitor is a clear breach: rolled back mid-hold', async () => {
    const { b, restarts } = await setup();
    let flippedAt = 0;
    const r = await run(
      b,
      () =>
        void setTimeout(() => {
          restarts.green = 1;
          flippedAt = Date.now();
        }, 800),
    );
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', cause: 'fail' });
    const breach = r.live.find((e) => e.breach)!;
    expect(breach.checks.find((c) => c.id === 'live.restarts')).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(/clear breach: green restarted 1 time/),
    });
    const requested = at(r.events.find((e) => e.type === 'rollback-requested')!);
    expect(requested - flippedAt).toBeLessThanOrEqual(DELAY + 300 + 400);
  });
});
