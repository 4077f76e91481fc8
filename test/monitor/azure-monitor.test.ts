// The Azure Monitor live-metrics source through the real SDK clients, against the ACA emulator whose metrics and
// Log Analytics endpoints count what really went through the local weighted proxy to two pharmabot revisions.
import { afterEach, describe, expect, it } from 'vitest';
import { MonitorWindowNotSettledError } from '../../src/monitor/azure/index.js';
import { BLUE, GREEN, median, sleep, startMonitorFixture, type MonitorFixture } from './azure-helpers.js';

let fx: MonitorFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('azure monitor: live blue/green comparison', () => {
  it("per-revision counts equal the proxy's, 5xx counted, latency samples from logs, slower green", async () => {
    fx = await startMonitorFixture({ green: { errorRate: 0.3, extraLatencyMs: 40 } });
    const window = await fx.send(300);
    const result = await fx.monitor.query({ ...window, revisions: [BLUE, GREEN] });
    const stats = fx.proxy.router.stats({ from: window.from.getTime(), to: window.to.getTime() });

    expect(stats[BLUE]!.requests).toBe(270);
    expect(stats[GREEN]!.requests).toBe(30);
    for (const name of [BLUE, GREEN]) {
      expect(result[name]).toMatchObject({
        revision: name,
        requests: stats[name]!.requests,
        errors5xx: stats[name]!.errors5xx,
        errors4xx: stats[name]!.errors4xx,
        replicas: 1,
        restarts: 0,
      });
      expect(result[name]!.latencyMs).toHaveLength(stats[name]!.latencyMs.length);
    }
    expect(result[BLUE]!.errors5xx).toBe(0);
    expect(result[GREEN]!.errors5xx).toBeGreaterThan(0);
    // Errors answer before the extra latency: compare the revisions' medians (most green answers are 2xx).
    expect(median(result[GREEN]!.latencyMs!)).toBeGreaterThan(median(result[BLUE]!.latencyMs!) + 20);
    expect(result[GREEN]!.latency!.p95).toBeGreaterThan(result[BLUE]!.latency!.p95!);
    expect(fx.warnings).toEqual([]);
  });

  it('asks Azure what an operator would: Requests split by revision and status category, top set, PT1M, bearer sent', async () => {
    fx = await startMonitorFixture();
    const window = await fx.send(20);
    await fx.monitor.query({ ...window, revisions: [BLUE, GREEN] });
    const batches = fx.emu.requests.filter((r) => r.route === 'metricsBatch');
    expect(batches).toHaveLength(2);
    const requests = batches.find((r) => r.query.metricnames === 'Requests')!;
    expect(requests).toMatchObject({ auth: true, status: 200, body: { resourceids: [fx.emu.resourceId] } });
    expect(requests.path).toBe(`/subscriptions/${fx.emu.subscriptionId}/metrics:getBatch`);
    expect(requests.query).toMatchObject({
      'api-version': '2024-02-01',
      metricnamespace: 'Microsoft.App/containerApps',
      aggregation: 'Total',
      interval: 'PT1M',
      filter: `revisionName eq '${BLUE}' or revisionName eq '${GREEN}' and statusCodeCategory eq '*'`,
      starttime: window.from.toISOString(),
      endtime: window.to.toISOString(),
    });
    expect(Number(requests.query.top)).toBeGreaterThan(10);
    const gauges = batches.find((r) => r.query.metricnames === 'Replicas,RestartCount')!;
    expect(gauges.query).toMatchObject({ aggregation: 'Maximum,Total', filter: `revisionName eq '${BLUE}' or revisionName eq '${GREEN}'` });
    const logs = fx.emu.requests.find((r) => r.route === 'logsQuery')!;
    expect(logs).toMatchObject({ auth: true, status: 200, path: `/v1/workspaces/${fx.emu.settings.workspaceId}/query` });
    const body = logs.body as { query: string; timespan: string };
    expect(body.timespan).toBe(`${window.from.toISOString()}/${window.to.toISOString()}`);
    expect(body.query).toContain('AppRequests');
    expect(body.query).toContain(`let revisions = dynamic(["${BLUE}","${GREEN}"])`);
    expect(body.query).toContain(`let windowStart = datetime(${window.from.toISOString()})`);
  });

  it('a revision without traffic reports zeros and no samples; a revision outside the window reports nothing', async () => {
    fx = await startMonitorFixture();
    await fx.proxy.router.setWeights([
      { revision: BLUE, weight: 100 },
      { revision: GREEN, weight: 0 },
    ]);
    const window = await fx.send(10);
    const later = await fx.send(5);
    const result = await fx.monitor.query({ ...window, revisions: [BLUE, GREEN] });
    expect(result[BLUE]).toMatchObject({ requests: 10, errors5xx: 0 });
    expect(result[BLUE]!.latencyMs).toHaveLength(10);
    expect(result[GREEN]).toMatchObject({
      requests: 0,
      errors5xx: 0,
      errors4xx: 0,
      latencyMs: [],
      latency: { p50: null, p95: null, p99: null, mean: null },
    });
    expect((await fx.monitor.query({ ...later, revisions: [BLUE] }))[BLUE]!.requests).toBe(5);
  });

  it('without logs: counts only, latency null, info says so', async () => {
    fx = await startMonitorFixture();
    const counts = fx.source({ logs: undefined });
    expect(counts.info).toEqual({
      name: 'azure-monitor',
      delayMs: 0,
      countsDirectRequests: true,
      has: { latencySamples: false, latencyQuantiles: false, replicas: true, restarts: true },
    });
    expect(fx.monitor.info.has).toMatchObject({ latencySamples: true, latencyQuantiles: true });
    expect(fx.source({ delayMs: undefined }).info.delayMs).toBe(180_000);
    const window = await fx.send(10);
    const result = await counts.query({ ...window, revisions: [BLUE, GREEN] });
    expect(result[BLUE]).toMatchObject({ requests: 9, latencyMs: null, latency: null });
    expect(fx.emu.requests.some((r) => r.route === 'logsQuery')).toBe(false);
  });

  it('console-logs query reads both table layouts; samples above maxSamples fall back to quantiles', async () => {
    fx = await startMonitorFixture();
    const consoleLogs = fx.source({
      logs: { workspaceId: fx.emu.settings.workspaceId, endpoint: `${fx.emu.url}/v1`, query: 'console-logs', maxSamples: 50 },
    });
    const window = await fx.send(100);
    const result = await consoleLogs.query({ ...window, revisions: [BLUE, GREEN] });
    const query = (fx.emu.requests.find((r) => r.route === 'logsQuery')!.body as { query: string }).query;
    expect(query).toContain('ContainerAppConsoleLogs_CL');
    expect(query).toContain('RevisionName_s');
    expect(query).toMatch(/\(ContainerAppConsoleLogs \| project/);
    expect(query).toContain('make_list(DurationMs, 50)');
    expect(result[BLUE]!.latencyMs).toBeNull(); // 90 requests, 50 samples: a subset
    expect(result[BLUE]!.latency!.p50).toBeGreaterThan(0);
    expect(result[GREEN]!.latencyMs).toHaveLength(10);
  });
});

describe('azure monitor: ingestion delay', () => {
  it('refuses a window ending after now − delayMs, and reports it once settled', async () => {
    fx = await startMonitorFixture({ emulator: { ingestionDelayMs: 1500 } });
    const settled = fx.source({ delayMs: 1500 });
    const window = await fx.send(20);
    const early = await settled.query({ ...window, revisions: [BLUE, GREEN] }).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(MonitorWindowNotSettledError);
    expect(early).toMatchObject({ code: 'RG_MONITOR_QUERY', settlesAt: new Date(window.to.getTime() + 1500) });
    expect(fx.emu.requests.filter((r) => r.route === 'metricsBatch')).toHaveLength(0);

    // What the refusal protects against: a source told a shorter delay than Azure's sees nothing yet.
    const hasty = await fx.source({ delayMs: 0 }).query({ ...window, revisions: [BLUE, GREEN] });
    expect(hasty[BLUE]).toMatchObject({ requests: 0, latencyMs: [] });

    await sleep(Math.max(0, (early as MonitorWindowNotSettledError).settlesAt.getTime() - Date.now() + 20));
    const result = await settled.query({ ...window, revisions: [BLUE, GREEN] });
    expect(result[BLUE]).toMatchObject({ requests: 18 });
    expect(result[GREEN]).toMatchObject({ requests: 2 });
    expect(result[GREEN]!.latencyMs).toHaveLength(2);
  });
});
