// The ACA emulator on its own, over plain fetch: auth, paging, validation, the 202 + operation flow, faults.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAcaEmulator, type AcaEmulator } from '../../reference/aca-emulator/server.js';

const API = 'api-version=2025-07-01';
let emu: AcaEmulator;
let appUrl: string;

async function arm(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(url, {
    method,
    headers: { authorization: 'Bearer t', 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text), headers: res.headers };
}

const traffic = (entries: unknown[]): unknown => ({ properties: { configuration: { ingress: { traffic: entries } } } });

beforeEach(async () => {
  // The HTTP surface, step by step: operations advance by polls here (operationMs 0); their wall-clock
  // durations, conflicts, stale reads and throttling are tested in azure-emulator-timing.test.ts.
  emu = await startAcaEmulator({
    revisions: [{ suffix: 'a' }, { suffix: 'b' }, { suffix: 'c', active: false }],
    operationMs: 0,
    pollRetryAfterSeconds: undefined,
  });
  appUrl = `${emu.url}/subscriptions/${emu.subscriptionId}/resourceGroups/${emu.resourceGroup}/providers/Microsoft.App/containerApps/${emu.app}`;
});
afterEach(async () => {
  await emu.close();
});

describe('aca-emulator', () => {
  it('requires a bearer token (and the configured one when set) and records every request', async () => {
    const res = await fetch(`${appUrl}?${API}`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('AuthenticationFailed');
    emu.settings.token = 'good';
    expect((await arm('GET', `${appUrl}?${API}`)).status).toBe(401);
    expect((await arm('GET', `${appUrl}?${API}`, undefined, { authorization: 'Bearer good' })).status).toBe(200);
    expect(emu.requests.map((r) => [r.route, r.auth, r.status])).toEqual([
      ['getApp', false, 401],
      ['getApp', true, 401],
      ['getApp', true, 200],
    ]);
  });

  it('serves the app in ARM shape, case-insensitively, and 404s other apps; api-version is required', async () => {
    const { json } = await arm('GET', `${appUrl.replace('resourceGroups', 'resourcegroups')}?${API}`);
    expect(json).toMatchObject({ name: 'pharmabot', location: 'East US', type: 'Microsoft.App/containerApps' });
    expect(json.properties.configuration).toMatchObject({
      activeRevisionsMode: 'Multiple',
      ingress: { traffic: [{ revisionName: 'pharmabot--a', weight: 100 }] },
    });
    expect(json.properties.latestRevisionName).toBe('pharmabot--c');
    expect((await arm('GET', `${appUrl}x?${API}`)).status).toBe(404);
    expect((await arm('GET', appUrl)).json.error.code).toBe('MissingApiVersionParameter');
  });

  it('pages revisions with an absolute nextLink (https when the client says it came through TLS)', async () => {
    emu.settings.pageSize = 2;
    const first = await arm('GET', `${appUrl}/revisions?${API}`);
    expect(first.json.value.map((r: { name: string }) => r.name)).toEqual(['pharmabot--a', 'pharmabot--b']);
    expect(first.json.nextLink).toMatch(new RegExp(`^${emu.url}/.*revisions\\?api-version=2025-07-01&\\$skiptoken=2$`));
    const second = await arm('GET', first.json.nextLink);
    expect(second.json.value.map((r: { name: string }) => r.name)).toEqual(['pharmabot--c']);
    expect(second.json.nextLink).toBeUndefined();
    const proxied = await arm('GET', `${appUrl}/revisions?${API}`, undefined, { 'x-forwarded-proto': 'https' });
    expect(proxied.json.nextLink).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    const revision = second.json.value[0].properties;
    expect(revision).toMatchObject({
      active: false,
      trafficWeight: 0,
      fqdn: 'pharmabot--c.happy-river-1a2b3c4d.eastus.azurecontainerapps.io',
    });
    expect(revision.template.containers[0].image).toBe('revgate.azurecr.io/pharmabot:c');
  });

  it('PATCH answers 202 with Azure-AsyncOperation and Location; the change lands when the operation succeeds', async () => {
    emu.settings.pollsUntilDone = 2;
    const res = await arm('PATCH', `${appUrl}?${API}`, {
      location: 'eastus',
      ...(traffic([
        { revisionName: 'pharmabot--a', weight: 50 },
        { revisionName: 'pharmabot--b', weight: 50 },
      ]) as object),
    });
    expect(res.status).toBe(202);
    const status = res.headers.get('azure-asyncoperation')!;
    expect(status).toMatch(
      /\/subscriptions\/0{8}-.*\/providers\/Microsoft\.App\/locations\/eastus\/containerappOperationStatuses\/[\w-]+\?api-version=/,
    );
    expect(res.headers.get('location')).toMatch(/containerappOperationResults/);
    expect((await arm('PATCH', `${appUrl}?${API}`, { tags: {} })).status).toBe(409); // another write while it runs
    expect((await arm('GET', status)).json.status).toBe('InProgress');
    expect((await arm('GET', status)).json.status).toBe('InProgress');
    expect(emu.state.traffic).toEqual([{ revisionName: 'pharmabot--a', weight: 100 }]);
    expect((await arm('GET', status)).json.status).toBe('Succeeded');
    expect(emu.state.traffic.map((t) => t.weight)).toEqual([50, 50]);
    expect((await arm('GET', res.headers.get('location')!)).json.name).toBe('pharmabot');
  });

  it('PATCH can answer 200 synchronously; tags are replaced wholesale', async () => {
    emu.settings.asyncPatch = false;
    emu.state.tags = { team: 'x', env: 'prod' };
    const res = await arm('PATCH', `${appUrl}?${API}`, { tags: { team: 'y' } });
    expect(res.status).toBe(200);
    expect(res.json.tags).toEqual({ team: 'y' });
  });

  it.each([
    ['a sum other than 100', [{ revisionName: 'pharmabot--a', weight: 90 }], 'ContainerAppInvalidTrafficWeight'],
    ['an unknown revision', [{ revisionName: 'pharmabot--zz', weight: 100 }], 'ContainerAppRevisionNotFound'],
    [
      'an inactive revision',
      [
        { revisionName: 'pharmabot--a', weight: 90 },
        { revisionName: 'pharmabot--c', weight: 10 },
      ],
      'ContainerAppRevisionNotActive',
    ],
    [
      'a duplicate',
      [
        { revisionName: 'pharmabot--a', weight: 50 },
        { revisionName: 'pharmabot--a', weight: 50 },
      ],
      'ContainerAppDuplicateTrafficEntry',
    ],
    [
      'a fractional weight',
      [
        { revisionName: 'pharmabot--a', weight: 99.5 },
        { revisionName: 'pharmabot--b', weight: 0.5 },
      ],
      'ContainerAppInvalidTrafficWeight',
    ],
  ])('PATCH refuses %s with a 400 ARM error', async (_what, entries, code) => {
    const res = await arm('PATCH', `${appUrl}?${API}`, traffic(entries));
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe(code);
    expect(emu.state.traffic).toEqual([{ revisionName: 'pharmabot--a', weight: 100 }]);
  });

  it('refuses a PATCH naming another location', async () => {
    expect((await arm('PATCH', `${appUrl}?${API}`, { location: 'West Europe', tags: {} })).json.error.code).toBe('LocationMismatch');
  });

  it('activates and deactivates revisions; a revision with traffic cannot be deactivated', async () => {
    expect((await arm('POST', `${appUrl}/revisions/pharmabot--c/activate?${API}`)).status).toBe(200);
    expect(emu.revision('c')).toMatchObject({ active: true, runningState: 'Running' });
    expect((await arm('POST', `${appUrl}/revisions/pharmabot--a/deactivate?${API}`)).json.error.code).toBe(
      'ContainerAppRevisionHasTraffic',
    );
    expect((await arm('POST', `${appUrl}/revisions/pharmabot--b/deactivate?${API}`)).status).toBe(200);
    expect(emu.revision('b')).toMatchObject({ active: false, runningState: 'Stopped' });
    expect((await arm('POST', `${appUrl}/revisions/pharmabot--zz/restart?${API}`)).status).toBe(404);
  });

  it('injects faults by route, path and count, at runtime', async () => {
    emu.faults.add({ route: 'getApp', times: 2, fault: { kind: 'status', status: 429, retryAfterSeconds: 3 } });
    emu.faults.add({ route: 'getRevision', pathIncludes: '--b', fault: { kind: 'status', status: 503 } });
    const throttled = await arm('GET', `${appUrl}?${API}`);
    expect([throttled.status, throttled.headers.get('retry-after'), throttled.json.error.code]).toEqual([429, '3', 'TooManyRequests']);
    expect((await arm('GET', `${appUrl}?${API}`)).status).toBe(429);
    expect((await arm('GET', `${appUrl}?${API}`)).status).toBe(200);
    expect((await arm('GET', `${appUrl}/revisions/pharmabot--a?${API}`)).status).toBe(200);
    expect((await arm('GET', `${appUrl}/revisions/pharmabot--b?${API}`)).status).toBe(503);
    expect(emu.faults.pending()).toBe(0);
    emu.faults.add({ fault: { kind: 'delay', ms: 150 } });
    const started = Date.now();
    expect((await arm('GET', `${appUrl}?${API}`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('ends an operation Failed with the injected error and leaves the app unchanged', async () => {
    emu.faults.add({ fault: { kind: 'lroFailed', code: 'ContainerAppProvisioningFailed', message: 'revision failed to start' } });
    const res = await arm('PATCH', `${appUrl}?${API}`, traffic([{ revisionName: 'pharmabot--b', weight: 100 }]));
    const status = res.headers.get('azure-asyncoperation')!;
    await arm('GET', status);
    expect((await arm('GET', status)).json).toMatchObject({
      status: 'Failed',
      error: { code: 'ContainerAppProvisioningFailed', message: 'revision failed to start' },
    });
    expect(emu.state.traffic).toEqual([{ revisionName: 'pharmabot--a', weight: 100 }]);
  });

  it('admin API: add revisions, set health, map fqdns to local URLs', async () => {
    const added = emu.addRevision({ suffix: 'd', localUrl: 'http://127.0.0.1:9999', healthState: 'None', runningState: 'Processing' });
    expect(added.name).toBe('pharmabot--d');
    emu.setHealth('d', 'Unhealthy', 'Degraded');
    const { json } = await arm('GET', `${appUrl}/revisions/pharmabot--d?${API}`);
    expect(json.properties).toMatchObject({ healthState: 'Unhealthy', runningState: 'Degraded' });
    expect(emu.urlMap()).toEqual({ 'https://pharmabot--d.happy-river-1a2b3c4d.eastus.azurecontainerapps.io': 'http://127.0.0.1:9999' });
  });
});
