// Faults of the platform, seen through the real SDK: its own retries first, then a TrafficError with a code.
import { afterEach, describe, expect, it } from 'vitest';
import { createAzureContainerAppsRouter, staticTokenCredential } from '../../src/traffic/azure/index.js';
import { refusal } from './contract.js';
import { routerOptions, startAzureFixture, type AzureFixture } from './azure-helpers.js';

let fx: AzureFixture;
afterEach(async () => {
  await fx?.close();
});
const table = (): { revision: string; weight: number }[] => [
  { revision: fx.name('blue'), weight: 50 },
  { revision: fx.name('green'), weight: 50 },
];
const count = (route: string): number => fx.emu.requests.filter((r) => r.route === route).length;

describe('Azure router under faults', () => {
  it('429 with Retry-After: the SDK waits and retries, then succeeds', async () => {
    fx = await startAzureFixture();
    fx.emu.faults.add({ route: 'getApp', fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
    const started = Date.now();
    expect((await fx.router.describe()).name).toBe('pharmabot');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fx.emu.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('5xx on a PATCH and on a status poll are retried', async () => {
    fx = await startAzureFixture();
    fx.emu.faults.add({ route: 'patchApp', fault: { kind: 'status', status: 500 } });
    fx.emu.faults.add({ route: 'operationStatus', fault: { kind: 'status', status: 502 } });
    await fx.router.setWeights(table());
    expect(fx.emu.state.traffic.map((t) => t.weight)).toEqual([50, 50]);
    expect(fx.emu.requests.filter((r) => r.status >= 500)).toHaveLength(2);
  });

  it('5xx until retries are exhausted → RG_TRAFFIC_API', async () => {
    fx = await startAzureFixture();
    fx.emu.faults.add({ route: 'getApp', times: Infinity, fault: { kind: 'status', status: 503, retryAfterSeconds: 0 } });
    const error = await refusal(fx.router.readWeights());
    expect(error).toMatchObject({ code: 'RG_TRAFFIC_API', status: 503, platformCode: 'ServiceUnavailable' });
    expect(error.message).toContain('read traffic (rg-revgate/pharmabot): HTTP 503 ServiceUnavailable');
    expect(count('getApp')).toBe(4); // 1 + maxRetries 3
  });

  it('409 Conflict on the PATCH → RG_TRAFFIC_CONFLICT', async () => {
    fx = await startAzureFixture();
    fx.emu.faults.add({ route: 'patchApp', fault: { kind: 'status', status: 409 } });
    const error = await refusal(fx.router.setWeights(table()));
    expect(error).toMatchObject({ code: 'RG_TRAFFIC_CONFLICT', status: 409, platformCode: 'ContainerAppOperationInProgress' });
    expect(count('patchApp')).toBe(1);
  });

  it('an operation that ends Failed → RG_TRAFFIC_API with the platform message; the table is unchanged', async () => {
    fx = await startAzureFixture({ pollsUntilDone: 2 });
    fx.emu.faults.add({
      fault: { kind: 'lroFailed', code: 'ContainerAppProvisioningFailed', message: 'Revision pharmabot--green is unhealthy' },
    });
    const error = await refusal(fx.router.setWeights(table()));
    expect(error).toMatchObject({ code: 'RG_TRAFFIC_API', platformCode: 'ContainerAppProvisioningFailed' });
    expect(error.message).toBe('set traffic (rg-revgate/pharmabot): the platform reported failure: Revision pharmabot--green is unhealthy');
    expect(await fx.router.readWeights()).toEqual([{ revision: fx.name('blue'), weight: 100 }]);
  });

  it('401 (token rejected) → RG_TRAFFIC_AUTH with a sign-in and RBAC hint, not retried', async () => {
    fx = await startAzureFixture();
    const router = createAzureContainerAppsRouter(routerOptions(fx.emu, { credential: staticTokenCredential('expired-token') }));
    const error = await refusal(router.describe());
    expect(error).toMatchObject({ code: 'RG_TRAFFIC_AUTH', status: 401, platformCode: 'InvalidAuthenticationToken' });
    expect(error.hint).toContain('az login');
    expect(error.hint).toContain('Microsoft.App/containerApps/write');
    expect(error.hint).toContain('containerAppOperationStatuses/read');
    expect(count('getApp')).toBe(1);
  });

  it('403 on the PATCH → RG_TRAFFIC_AUTH', async () => {
    fx = await startAzureFixture();
    fx.emu.faults.add({
      route: 'patchApp',
      fault: { kind: 'status', status: 403, message: "does not have authorization to perform action 'Microsoft.App/containerApps/write'" },
    });
    const error = await refusal(fx.router.setWeights(table()));
    expect(error.code).toBe('RG_TRAFFIC_AUTH');
    expect(error.message).toContain('not authorized');
  });

  it('403 while polling the operation (the RBAC trap) → RG_TRAFFIC_AUTH saying the update may have been applied', async () => {
    fx = await startAzureFixture({ pollsUntilDone: 0 });
    fx.emu.faults.add({ route: 'operationStatus', fault: { kind: 'status', status: 403 } });
    const error = await refusal(fx.router.setWeights(table()));
    expect(error.code).toBe('RG_TRAFFIC_AUTH');
    expect(error.message).toContain('may have been applied');
  });

  it('an unknown app → RG_TRAFFIC_NOT_FOUND', async () => {
    fx = await startAzureFixture();
    const router = createAzureContainerAppsRouter(routerOptions(fx.emu, { app: 'other' }));
    const error = await refusal(router.listRevisions());
    expect(error).toMatchObject({ code: 'RG_TRAFFIC_NOT_FOUND', status: 404 });
    expect(error.message).toContain('container app rg-revgate/other');
  });

  it('a slow answer can be aborted by the caller (AbortError, not a TrafficError)', async () => {
    fx = await startAzureFixture();
    fx.emu.faults.add({ route: 'getApp', fault: { kind: 'delay', ms: 2_000 } });
    const error = await fx.router.describe({ signal: AbortSignal.timeout(100) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('AbortError');
  });

  it('an unreachable endpoint → RG_TRAFFIC_API after the retries', async () => {
    fx = await startAzureFixture();
    const router = createAzureContainerAppsRouter(routerOptions(fx.emu));
    await fx.emu.close();
    const error = await refusal(router.describe());
    expect(error.code).toBe('RG_TRAFFIC_API');
    expect(error.message).toMatch(/request failed \(\w+/);
  });

  it('a revision turning Unhealthy shows in listRevisions()', async () => {
    fx = await startAzureFixture();
    await fx.router.setWeights(table());
    fx.emu.setHealth('green', 'Unhealthy', 'Degraded');
    const green = (await fx.router.listRevisions()).find((r) => r.name === fx.name('green'));
    expect(green).toMatchObject({ healthState: 'Unhealthy', runningState: 'Degraded', weight: 50 });
  });
});
