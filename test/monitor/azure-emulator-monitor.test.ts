// The ACA emulator's Azure Monitor endpoints on their own, over plain fetch: metrics:getBatch (filters, top,
// buckets, ingestion delay) and the Log Analytics query endpoint (recognised queries, partial failures).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAcaEmulator, type AcaEmulator } from '../../reference/aca-emulator/server.js';
import type { TrafficSample } from '../../reference/aca-emulator/traffic-source.js';
import { renderLatencyQuery } from '../../src/monitor/azure/index.js';

let emu: AcaEmulator;
const MINUTE = 60_000;
const base = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
const sample = (requests: number, errors5xx = 0, latencyMs: number[] = []): TrafficSample => ({
  requests,
  ok2xx: requests - errors5xx,
  errors4xx: 0,
  errors5xx,
  latencyMs,
});

beforeEach(async () => {
  emu = await startAcaEmulator();
});
afterEach(async () => {
  await emu.close();
});

async function post(path: string, body: unknown, auth = true): Promise<{ status: number; json: any }> {
  const res = await fetch(`${emu.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: 'Bearer t' } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

function batch(params: Record<string, string>, resourceids = [emu.resourceId]): Promise<{ status: number; json: any }> {
  const query = new URLSearchParams({
    'api-version': '2024-02-01',
    metricnamespace: 'Microsoft.App/containerApps',
    interval: 'PT1M',
    ...params,
  });
  return post(`/subscriptions/${emu.subscriptionId}/metrics:getBatch?${query.toString()}`, { resourceids });
}

describe('aca-emulator: metrics:getBatch', () => {
  it('buckets Requests per minute from the traffic source, split by revision and status category', async () => {
    const calls: [number, number][] = [];
    emu.setTrafficSource((from, to) => {
      calls.push([from, to]);
      return { 'pharmabot--blue': sample(10), 'pharmabot--green': sample(4, 1) };
    });
    const start = new Date(base + 30_000).toISOString();
    const end = new Date(base + 2 * MINUTE).toISOString();
    const { status, json } = await batch({
      metricnames: 'Requests',
      aggregation: 'Total',
      starttime: start,
      endtime: end,
      filter: "revisionName eq '*' and statusCodeCategory eq '*'",
    });
    expect(status).toBe(200);
    // Buckets on minute boundaries, each read over its part of the window.
    expect(calls).toEqual([
      [base + 30_000, base + MINUTE],
      [base + MINUTE, base + 2 * MINUTE],
    ]);
    const [value] = json.values;
    expect(value).toMatchObject({
      starttime: start,
      endtime: end,
      interval: 'PT1M',
      namespace: 'Microsoft.App/containerApps',
      resourceregion: 'eastus',
      resourceid: emu.resourceId,
    });
    const metric = value.value[0];
    expect(metric).toMatchObject({
      name: { value: 'Requests', localizedValue: 'Requests' },
      unit: 'Count',
      errorCode: 'Success',
      type: 'Microsoft.Insights/metrics',
    });
    const series = metric.timeseries.map((s: any) => [
      Object.fromEntries(s.metadatavalues.map((m: any) => [m.name.value, m.value])),
      s.data.map((d: any) => d.total),
    ]);
    expect(series).toEqual([
      [{ revisionName: 'pharmabot--blue', statusCodeCategory: '2xx' }, [10, 10]],
      [{ revisionName: 'pharmabot--green', statusCodeCategory: '2xx' }, [3, 3]],
      [{ revisionName: 'pharmabot--green', statusCodeCategory: '5xx' }, [1, 1]],
    ]);
    expect(metric.timeseries[0].data[0].timeStamp).toBe(new Date(base).toISOString());
  });

  it('top defaults to 10 series when the filter splits (the trap), more when asked', async () => {
    emu.setTrafficSource(() => Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`pharmabot--r${i}`, sample(i + 1)])));
    const params = {
      metricnames: 'Requests',
      aggregation: 'Total',
      starttime: new Date(base).toISOString(),
      endtime: new Date(base + MINUTE).toISOString(),
      filter: "revisionName eq '*'",
    };
    expect((await batch(params)).json.values[0].value[0].timeseries).toHaveLength(10);
    const all = (await batch({ ...params, top: '50' })).json.values[0].value[0].timeseries;
    expect(all).toHaveLength(12);
    expect(all[0].metadatavalues[0].value).toBe('pharmabot--r11'); // largest first
    const one = (await batch({ ...params, filter: "revisionName eq 'pharmabot--r3'" })).json.values[0].value[0].timeseries;
    expect(one.map((s: any) => s.data[0].total)).toEqual([4]);
  });

  it('Replicas and RestartCount by revision; a dimension a metric lacks is a 400', async () => {
    emu.setTrafficSource(() => ({ 'pharmabot--green': { ...sample(1), replicas: 3, restarts: 2 } }));
    const params = {
      metricnames: 'Replicas,RestartCount',
      aggregation: 'Maximum,Total',
      starttime: new Date(base).toISOString(),
      endtime: new Date(base + MINUTE).toISOString(),
    };
    const { json } = await batch({ ...params, filter: "revisionName eq 'pharmabot--blue' or revisionName eq 'pharmabot--green'" });
    const [replicas, restarts] = json.values[0].value;
    const by = (m: any) => Object.fromEntries(m.timeseries.map((s: any) => [s.metadatavalues[0].value, s.data[0]]));
    expect(by(replicas)).toMatchObject({ 'pharmabot--blue': { maximum: 1 }, 'pharmabot--green': { maximum: 3 } });
    expect(by(restarts)).toEqual({ 'pharmabot--green': expect.objectContaining({ total: 2 }) });
    const bad = await batch({ ...params, filter: "revisionName eq '*' and statusCodeCategory eq '*'" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/Replicas does not support requested dimension combination/);
  });

  it('data newer than now − ingestionDelayMs is not reported; unknown metrics, resources and no api-version are errors', async () => {
    emu.settings.ingestionDelayMs = 5 * MINUTE;
    emu.setTrafficSource(() => ({ 'pharmabot--blue': sample(7) }));
    const now = Date.now();
    const { json } = await batch({
      metricnames: 'Requests',
      aggregation: 'Total',
      starttime: new Date(now - 8 * MINUTE).toISOString(),
      endtime: new Date(now).toISOString(),
    });
    const data = json.values[0].value[0].timeseries[0].data;
    expect(data.filter((d: any) => d.total !== undefined).length).toBeGreaterThanOrEqual(3);
    expect(data.slice(-4).every((d: any) => d.total === undefined)).toBe(true);
    expect((await batch({ metricnames: 'ResponseTime', aggregation: 'Total' })).json.error.message).toMatch(
      /Failed to find metric configuration/,
    );
    expect(
      (await batch({ metricnames: 'Requests' }, ['/subscriptions/x/resourceGroups/y/providers/Microsoft.App/containerApps/z'])).status,
    ).toBe(400);
    const noVersion = await post(`/subscriptions/${emu.subscriptionId}/metrics:getBatch?metricnames=Requests`, {
      resourceids: [emu.resourceId],
    });
    expect(noVersion.json.error.code).toBe('MissingApiVersionParameter');
    expect((await post(`/subscriptions/${emu.subscriptionId}/metrics:getBatch?api-version=2024-02-01`, {}, false)).status).toBe(401);
  });
});

describe('aca-emulator: Log Analytics query', () => {
  const path = () => `/v1/workspaces/${emu.settings.workspaceId}/query`;
  const from = new Date(base);
  const to = new Date(base + MINUTE);

  it('answers revgate latency queries per revision from the traffic source', async () => {
    emu.setTrafficSource((f, t): Record<string, TrafficSample> =>
      f === from.getTime() && t === to.getTime()
        ? { 'pharmabot--blue': sample(4, 0, [30, 10, 20, 40]), 'pharmabot--other': sample(1, 0, [1]) }
        : {},
    );
    const query = renderLatencyQuery('app-insights', { from, to, revisions: ['pharmabot--blue', 'pharmabot--green'], maxSamples: 3 });
    const { status, json } = await post(path(), { query, timespan: `${from.toISOString()}/${to.toISOString()}` });
    expect(status).toBe(200);
    const [table] = json.tables;
    expect(table.name).toBe('PrimaryResult');
    expect(table.columns.map((c: any) => `${c.name}:${c.type}`)).toEqual([
      'RevisionName:string',
      'Count:long',
      'Samples:dynamic',
      'P50:real',
      'P95:real',
      'P99:real',
      'Mean:real',
    ]);
    expect(table.rows).toEqual([['pharmabot--blue', 4, '[30,10,20]', 20, 40, 40, 25]]);
    expect(json.error).toBeUndefined();
  });

  it('the window comes from the timespan when the query has none; partial failures carry an error; others are refused', async () => {
    emu.setTrafficSource(() => ({ 'pharmabot--blue': sample(1, 0, [5]) }));
    const bare = '// revgate:latency custom\nAppRequests | summarize by RevisionName';
    expect((await post(path(), { query: bare, timespan: 'PT1H' })).json.tables[0].rows).toHaveLength(1);
    emu.faults.add({ route: 'logsQuery', fault: { kind: 'partial' } });
    const partial = await post(path(), { query: bare, timespan: 'PT1H' });
    expect(partial.json.error).toMatchObject({ code: 'PartialError' });
    expect(partial.json.tables[0].rows).toHaveLength(1);
    expect((await post(path(), { query: 'AppRequests | take 1', timespan: 'PT1H' })).json.error.code).toBe('BadArgumentError');
    expect((await post(path(), { query: bare })).status).toBe(400);
    expect((await post('/v1/workspaces/other/query', { query: bare, timespan: 'PT1H' })).status).toBe(404);
    expect((await post(path(), { query: bare, timespan: 'PT1H' }, false)).status).toBe(401);
  });
});
