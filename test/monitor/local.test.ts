// The local LiveMetrics source over the real proxy's counters: pharmabot revisions behind the real
// local router, real requests sent through it; and queries that fail, retried with backoff.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { startUserTraffic } from '../../scripts/user-traffic.js';
import { MonitorError } from '../../src/model/errors.js';
import { createLocalLiveMetrics } from '../../src/monitor/local/index.js';
import { queryWithRetry } from '../../src/monitor/query.js';
import type { LiveMetrics } from '../../src/model/live.js';
import { startLocalRouter, type LocalRouterHandle } from '../../src/traffic/local/index.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

async function proxy(): Promise<{ blue: Pharmabot; green: Pharmabot; router: LocalRouterHandle }> {
  const blue = await startPharmabot({ seed: 1, name: 'blue' });
  const green = await startPharmabot({ seed: 2, name: 'green' });
  const router = await startLocalRouter({
    app: 'pharmabot',
    revisions: [
      { name: 'v1', url: blue.url },
      { name: 'v2', url: green.url },
    ],
    stateDir: join(await mkdtemp(join(tmpdir(), 'revgate-live-')), '.revgate'),
  });
  open.push(router, blue, green);
  await router.router.setWeights([
    { revision: 'v1', weight: 50 },
    { revision: 'v2', weight: 50 },
  ]);
  return { blue, green, router };
}

describe('local live-metrics source', () => {
  it("reports each revision's requests, 5xx and raw latency samples over a window", async () => {
    const { green, router } = await proxy();
    const metrics = createLocalLiveMetrics(router.router);
    expect(metrics.info).toMatchObject({ name: 'local', delayMs: 0, has: { latencySamples: true, restarts: false } });
    const from = new Date();
    const traffic = startUserTraffic({ url: router.url, workers: 4 });
    await sleep(400);
    green.setFlaws({ errorRate: 1 });
    await sleep(300);
    await traffic.stop();
    const w = await metrics.query({ from, to: new Date(), revisions: ['v1', 'v2', 'v3'] });
    expect(w.v1!.requests).toBeGreaterThan(20);
    expect(w.v1!.errors5xx).toBe(0);
    expect(w.v2!.errors5xx).toBeGreaterThan(5);
    expect(w.v2!.latencyMs!.length).toBe(w.v2!.requests);
    expect(w.v3).toMatchObject({ requests: 0, errors5xx: 0 });
    const before = await metrics.query({ from: new Date(from.getTime() - 10_000), to: from, revisions: ['v1'] });
    expect(before.v1!.requests).toBe(0);
  });

  it('with a delay, requests younger than now − delay are not visible yet (and the delay is advertised)', async () => {
    const { router } = await proxy();
    const metrics = createLocalLiveMetrics(router.router, { delayMs: 500 });
    expect(metrics.info.delayMs).toBe(500);
    const from = new Date();
    const traffic = startUserTraffic({ url: router.url, workers: 2 });
    await sleep(300);
    const early = await metrics.query({ from, to: new Date(), revisions: ['v1', 'v2'] });
    expect(early.v1!.requests + early.v2!.requests).toBe(0);
    await traffic.stop();
    await sleep(600);
    const late = await metrics.query({ from, to: new Date(), revisions: ['v1', 'v2'] });
    expect(late.v1!.requests + late.v2!.requests).toBeGreaterThan(10);
  });
});

describe('queryWithRetry', () => {
  const failing = (failures: number): LiveMetrics & { calls: number } => {
    const m = {
      calls: 0,
      info: { name: 'flaky', delayMs: 0, has: { latencySamples: false, latencyQuantiles: false, replicas: false, restarts: false } },
      async query(q: { revisions: readonly string[] }) {
        m.calls++;
        if (m.calls <= failures) throw new MonitorError('RG_MONITOR_QUERY', 'flaky', `HTTP 503 (call ${m.calls})`);
        return Object.fromEntries(
          q.revisions.map((r) => [
            r,
            { revision: r, requests: 1, errors5xx: 0, errors4xx: 0, latencyMs: null, latency: null, replicas: null, restarts: null },
          ]),
        );
      },
      async close() {},
    };
    return m;
  };
  const q = { from: new Date(0), to: new Date(1000), revisions: ['a', 'b'] };

  it('retries a failing query with backoff, then answers', async () => {
    const m = failing(2);
    const t0 = Date.now();
    const r = await queryWithRetry(m, q, { retries: 2, backoffMs: 20 });
    expect(r.attempts).toBe(3);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55); // 20 + 40
  });

  it('throws the last MonitorError once the retries are spent', async () => {
    const m = failing(5);
    await expect(queryWithRetry(m, q, { retries: 1, backoffMs: 1 })).rejects.toThrow(/flaky: HTTP 503 \(call 2\)/);
    expect(m.calls).toBe(2);
  });
});
