// Failures of the Azure Monitor source: service errors after the SDK's retries, auth, partial log answers,
// endpoints refused before any request, bad options and windows.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MonitorError } from '../../src/model/errors.js';
import { createAzureMonitorMetrics } from '../../src/monitor/azure/index.js';
import { staticTokenCredential } from '../../src/traffic/azure/index.js';
import { BLUE, GREEN, startMonitorFixture, type MonitorFixture } from './azure-helpers.js';

let fx: MonitorFixture;
let window: { from: Date; to: Date };
beforeAll(async () => {
  fx = await startMonitorFixture();
  window = await fx.send(40);
});
afterAll(async () => {
  await fx.close();
});
beforeEach(() => {
  fx.emu.faults.clear();
  fx.emu.settings.token = 'monitor-test-token';
  fx.emu.requests.length = 0;
  fx.warnings.length = 0;
});

const fail = (promise: Promise<unknown>): Promise<MonitorError> =>
  promise.then(
    () => {
      throw new Error('expected a MonitorError');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(MonitorError);
      return e as MonitorError;
    },
  );
const query = () => fx.monitor.query({ ...window, revisions: [BLUE, GREEN] });

describe('azure monitor: service failures', () => {
  it.each([500, 503])('metrics endpoint answering %i → RG_MONITOR_QUERY after the SDK retried', async (status) => {
    fx.emu.faults.add({ route: 'metricsBatch', times: Infinity, fault: { kind: 'status', status, retryAfterSeconds: 0 } });
    const error = await fail(query());
    expect(error).toMatchObject({ code: 'RG_MONITOR_QUERY', source: 'azure-monitor' });
    expect(error.message).toMatch(new RegExp(`HTTP ${status}`));
    expect(error.hint).toMatch(/after retries/);
    // The first call to give up tried 3 times (1 + 2 retries); the other one was cancelled then.
    expect(fx.emu.requests.filter((r) => r.route === 'metricsBatch').length).toBeGreaterThanOrEqual(3);
  });

  it('when one call fails, the others stop retrying', async () => {
    const slow = fx.source({ retry: { maxRetries: 3, retryDelayInMs: 300, maxRetryDelayInMs: 300 } });
    fx.emu.faults.add({ route: 'metricsBatch', times: Infinity, fault: { kind: 'status', status: 500 } });
    fx.emu.faults.add({ route: 'logsQuery', fault: { kind: 'status', status: 401 } });
    expect((await fail(slow.query({ ...window, revisions: [BLUE, GREEN] }))).code).toBe('RG_MONITOR_AUTH');
    // Decided by what happens after the failure, not by how fast the machine got there: the metric
    // calls still running were cancelled, so no try may follow, however long we look (their retry
    // delay is 300 ms; without cancellation they would make 8 tries in all).
    const atFailure = fx.emu.requests.filter((r) => r.route === 'metricsBatch').length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(fx.emu.requests.filter((r) => r.route === 'metricsBatch').length).toBe(atFailure);
    expect(atFailure).toBeLessThan(8);
  });

  it('a 429 or 500 once is retried by the SDK and the query succeeds', async () => {
    fx.emu.faults.add({ route: 'metricsBatch', fault: { kind: 'status', status: 429, retryAfterSeconds: 0 } });
    fx.emu.faults.add({ route: 'logsQuery', fault: { kind: 'status', status: 500 } });
    const result = await query();
    expect(result[BLUE]!.requests).toBe(36);
    expect(fx.emu.requests.map((r) => r.status)).toContain(429);
  });

  it.each([401, 403])('metrics %i → RG_MONITOR_AUTH naming the Monitoring Reader role', async (status) => {
    fx.emu.faults.add({ route: 'metricsBatch', times: Infinity, fault: { kind: 'status', status } });
    const error = await fail(query());
    expect(error.code).toBe('RG_MONITOR_AUTH');
    expect(error.hint).toMatch(/Monitoring Reader/);
  });

  it('a rejected token → RG_MONITOR_AUTH', async () => {
    fx.emu.settings.token = 'another-token';
    expect((await fail(query())).code).toBe('RG_MONITOR_AUTH');
  });

  it('logs 403 → RG_MONITOR_AUTH naming Log Analytics Reader; logs failing → RG_MONITOR_QUERY', async () => {
    fx.emu.faults.add({ route: 'logsQuery', fault: { kind: 'status', status: 403 } });
    const auth = await fail(query());
    expect(auth.code).toBe('RG_MONITOR_AUTH');
    expect(auth.hint).toMatch(/Log Analytics Reader/);
    fx.emu.faults.add({ route: 'logsQuery', times: Infinity, fault: { kind: 'status', status: 500 } });
    const broken = await fail(query());
    expect(broken.code).toBe('RG_MONITOR_QUERY');
    expect(broken.message).toMatch(/latency query/);
  });

  it('a Log Analytics PartialFailure: the data is used and the gap reported', async () => {
    fx.emu.faults.add({ route: 'logsQuery', fault: { kind: 'partial', message: 'Query result set has exceeded the internal limit' } });
    const result = await query();
    expect(result[BLUE]!.latencyMs).toHaveLength(36);
    expect(fx.warnings).toHaveLength(1);
    expect(fx.warnings[0]).toMatch(/in part \(PartialError: Query result set has exceeded/);
  });

  it('a query the workspace rejects (400) → RG_MONITOR_QUERY', async () => {
    const custom = fx.source({
      logs: { workspaceId: fx.emu.settings.workspaceId, endpoint: `${fx.emu.url}/v1`, query: 'AppRequests | take 1' },
    });
    const error = await fail(custom.query({ ...window, revisions: [BLUE] }));
    expect(error).toMatchObject({ code: 'RG_MONITOR_QUERY' });
    expect(error.message).toMatch(/HTTP 400 BadArgumentError/);
  });
});

describe('azure monitor: refused before any request', () => {
  const base = {
    resourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/containerApps/app',
    credential: staticTokenCredential('t'),
  };

  it('plain http only on loopback, and only with allowInsecureLoopback', () => {
    expect(() =>
      createAzureMonitorMetrics({ ...base, metricsEndpoint: 'http://eastus.metrics.monitor.azure.com', allowInsecureLoopback: true }),
    ).toThrow(/only sent over https/);
    expect(() => createAzureMonitorMetrics({ ...base, metricsEndpoint: 'http://10.0.0.5:8080', allowInsecureLoopback: true })).toThrow(
      MonitorError,
    );
    expect(() => createAzureMonitorMetrics({ ...base, metricsEndpoint: 'http://127.0.0.1:9' })).toThrow(/is plain http/);
    expect(() =>
      createAzureMonitorMetrics({
        ...base,
        metricsEndpoint: 'https://eastus.metrics.monitor.azure.com',
        logs: { workspaceId: 'w', endpoint: 'http://api.loganalytics.io/v1' },
      }),
    ).toThrow(/Log Analytics endpoint .* only sent over https/);
    expect(() => createAzureMonitorMetrics({ ...base, metricsEndpoint: 'ftp://x' })).toThrow(MonitorError);
    expect(() =>
      createAzureMonitorMetrics({ ...base, metricsEndpoint: 'https://eastus.metrics.monitor.azure.com', logs: { workspaceId: 'w' } }),
    ).not.toThrow();
    expect(() => createAzureMonitorMetrics({ ...base, metricsEndpoint: 'http://localhost:1', allowInsecureLoopback: true })).not.toThrow();
  });

  it('bad options are reported together', () => {
    let error: unknown;
    try {
      createAzureMonitorMetrics({
        resourceId: '/subscriptions/s/resourceGroups/rg',
        metricsEndpoint: 'https://x',
        credential: base.credential,
        delayMs: -1,
        logs: { workspaceId: '', maxSamples: 0 },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MonitorError);
    expect((error as MonitorError).message).toMatch(/resourceId .*; delayMs -1 .*; logs\.workspaceId is required; logs\.maxSamples 0/);
  });

  it('bad windows', async () => {
    const now = new Date(Date.now() - 1000);
    expect((await fail(fx.monitor.query({ from: now, to: now, revisions: [BLUE] }))).message).toMatch(/from must be before to/);
    expect((await fail(fx.monitor.query({ ...window, revisions: [] }))).message).toMatch(/no revisions/);
    expect(fx.emu.requests).toHaveLength(0);
  });
});
