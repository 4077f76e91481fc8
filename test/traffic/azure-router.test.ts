// The Azure adapter driving the real @azure/arm-appcontainers client against the ACA emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { TrafficError } from '../../src/model/errors.js';
import { createAzureContainerAppsRouter } from '../../src/traffic/azure/index.js';
import { refusal } from './contract.js';
import { routerOptions, startAzureFixture, type AzureFixture } from './azure-helpers.js';

const HOUR = 3_600_000;
let fx: AzureFixture;
afterEach(async () => {
  await fx?.close();
});

describe('Azure Container Apps router', () => {
  it('describe() reads the app, with a latestRevision entry as revision "" + latestRevision', async () => {
    fx = await startAzureFixture({
      traffic: [
        { latestRevision: true, weight: 80 },
        { revisionName: 'pharmabot--blue', weight: 20, label: 'blue' },
      ],
    });
    expect(fx.router.kind).toBe('azure-container-apps');
    expect(fx.router.target).toBe('rg-revgate/pharmabot');
    expect(await fx.router.describe()).toEqual({
      name: 'pharmabot',
      activeRevisionsMode: 'Multiple',
      latestRevisionName: 'pharmabot--green',
      ingressFqdn: 'pharmabot.happy-river-1a2b3c4d.eastus.azurecontainerapps.io',
      traffic: [
        { revision: '', weight: 80, latestRevision: true },
        { revision: 'pharmabot--blue', weight: 20, label: 'blue' },
      ],
    });
    // readWeights() pins the latestRevision entry on the latest revision
    expect(await fx.router.readWeights()).toEqual([
      { revision: 'pharmabot--blue', weight: 20, label: 'blue' },
      { revision: 'pharmabot--green', weight: 80 },
    ]);
    expect(fx.emu.requests.every((r) => r.auth && r.query['api-version'] === '2025-07-01')).toBe(true);
  });

  it('listRevisions() follows nextLink pages and converts health, urls, images and dates', async () => {
    fx = await startAzureFixture({
      pageSize: 2,
      revisions: ['r1', 'r2', 'r3', 'r4', 'r5'].map((suffix) => ({ suffix })),
      traffic: [
        { revisionName: 'pharmabot--r4', weight: 70 },
        { revisionName: 'pharmabot--r5', weight: 30 },
      ],
    });
    fx.emu.setHealth('r5', 'Unhealthy', 'Degraded');
    fx.emu.revision('r3').provisioningError = 'image pull failed';
    const list = await fx.router.listRevisions();
    expect(list.map((r) => r.name)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5'].map(fx.name));
    expect(fx.emu.requests.filter((r) => r.route === 'listRevisions').map((r) => r.query.$skiptoken)).toEqual([undefined, '2', '4']);
    expect(list[4]).toEqual({
      name: 'pharmabot--r5',
      active: true,
      weight: 30,
      createdTime: fx.emu.revision('r5').createdTime,
      healthState: 'Unhealthy',
      runningState: 'Degraded',
      provisioningState: 'Provisioned',
      url: 'https://pharmabot--r5.happy-river-1a2b3c4d.eastus.azurecontainerapps.io',
      images: ['revgate.azurecr.io/pharmabot:r5'],
      replicas: 1,
      error: null,
    });
    expect(list[2]?.error).toBe('image pull failed');
  });

  it('setWeights() PATCHes the whole table pinned by name with the location, and waits for the operation', async () => {
    fx = await startAzureFixture({ pollsUntilDone: 3, tags: { team: 'rag' } });
    const table = [
      { revision: fx.name('blue'), weight: 90 },
      { revision: fx.name('green'), weight: 10, label: 'green' },
    ];
    await fx.router.setWeights(table);
    const patches = fx.emu.requests.filter((r) => r.route === 'patchApp');
    expect(patches.map((r) => r.body)).toEqual([
      {
        location: 'East US',
        properties: {
          configuration: {
            ingress: {
              traffic: [
                { revisionName: 'pharmabot--blue', weight: 90 },
                { revisionName: 'pharmabot--green', weight: 10, label: 'green' },
              ],
            },
          },
        },
      },
    ]);
    // 3 InProgress polls + the terminal one, then the final GET of the Location URL
    expect(fx.emu.requests.filter((r) => r.route === 'operationStatus')).toHaveLength(4);
    expect(fx.emu.requests.filter((r) => r.route === 'operationResult')).toHaveLength(1);
    expect(await fx.router.readWeights()).toEqual(table);
    expect(fx.emu.state.tags).toEqual({ team: 'rag' });
  });

  it('setWeights() also works when ARM answers the PATCH synchronously (200)', async () => {
    fx = await startAzureFixture({ asyncPatch: false });
    await fx.router.setWeights([{ revision: fx.name('green'), weight: 100 }]);
    expect(fx.emu.requests.some((r) => r.route === 'operationStatus')).toBe(false);
    expect((await fx.router.listRevisions()).map((r) => r.weight)).toEqual([0, 100]);
  });

  it('setWeights() refuses a malformed table before sending anything (RG_TRAFFIC_PREFLIGHT)', async () => {
    fx = await startAzureFixture();
    const error = await refusal(
      fx.router.setWeights([
        { revision: fx.name('blue'), weight: 60.5 },
        { revision: fx.name('blue'), weight: 20, label: 'Bad Label' },
      ]),
    );
    expect(error.code).toBe('RG_TRAFFIC_PREFLIGHT');
    expect(error.message).toMatch(/appears more than once.*not an integer|not an integer.*appears more than once/);
    expect(error.message).toContain('sum to 80.5');
    expect(fx.emu.requests).toHaveLength(0);
  });

  it('setWeights() maps an ARM 400 (unknown revision) to RG_TRAFFIC_API with the platform code', async () => {
    fx = await startAzureFixture();
    const error = await refusal(fx.router.setWeights([{ revision: 'pharmabot--nope', weight: 100 }]));
    expect(error).toMatchObject({ code: 'RG_TRAFFIC_API', status: 400, platformCode: 'ContainerAppRevisionNotFound' });
    expect(error.message).toContain("Revision 'pharmabot--nope' was not found");
  });

  it('activate() / deactivate() POST to the revision', async () => {
    fx = await startAzureFixture();
    await fx.router.deactivate(fx.name('green'));
    expect(fx.emu.revision('green').active).toBe(false);
    await fx.router.activate(fx.name('green'));
    expect(fx.emu.revision('green').active).toBe(true);
    expect(fx.emu.requests.filter((r) => r.method === 'POST').map((r) => r.path.split('/').slice(-2).join('/'))).toEqual([
      'pharmabot--green/deactivate',
      'pharmabot--green/activate',
    ]);
    const error = await refusal(fx.router.activate('pharmabot--missing'));
    expect(error.code).toBe('RG_TRAFFIC_NOT_FOUND');
    expect(error.message).toContain('revision pharmabot--missing');
  });

  it('lock: acquire writes the tag (other tags kept), a live holder is refused, stale only with breakStale, release removes it', async () => {
    fx = await startAzureFixture({ tags: { team: 'rag', 'cost-center': '42' } });
    const { router, emu } = fx;
    const alice = { owner: 'alice@ci', runId: 'run-1', expiresAt: new Date(Date.now() + HOUR).toISOString() };
    await router.acquireLock(alice);
    expect(emu.state.tags).toEqual({ team: 'rag', 'cost-center': '42', 'revgate-lock': JSON.stringify(alice) });
    expect(await router.readLock()).toEqual(alice);

    const held = await refusal(router.acquireLock({ owner: 'bob', runId: 'run-2', expiresAt: alice.expiresAt }, { breakStale: true }));
    expect(held.code).toBe('RG_TRAFFIC_LOCKED');
    expect(held.message).toContain(`locked by alice@ci (run run-1) until ${alice.expiresAt}`);

    await router.releaseLock('bob'); // not the owner: no-op
    expect((await router.readLock())?.owner).toBe('alice@ci');
    await router.releaseLock('alice@ci');
    expect(await router.readLock()).toBeNull();
    expect(emu.state.tags).toEqual({ team: 'rag', 'cost-center': '42' });

    emu.state.tags['revgate-lock'] = 'crashed|run-0|2020-01-01T00:00:00.000Z'; // the compact form is read too
    const stale = await refusal(router.acquireLock({ owner: 'carol', runId: 'run-3', expiresAt: alice.expiresAt }));
    expect(stale.message).toContain('crashed (run run-0); the lock expired at 2020-01-01T00:00:00.000Z (stale)');
    expect(stale.hint).toContain('breakStale');
    await router.acquireLock({ owner: 'carol', runId: 'run-3', expiresAt: alice.expiresAt }, { breakStale: true });
    expect((await router.readLock())?.owner).toBe('carol');
  });

  it('lock: of simultaneous acquirers one wins, the others get RG_TRAFFIC_LOCKED (a PATCH during an operation is a 409)', async () => {
    fx = await startAzureFixture({ pollsUntilDone: 3 });
    const routers = [0, 1, 2].map(() => createAzureContainerAppsRouter(routerOptions(fx.emu)));
    const expiresAt = new Date(Date.now() + HOUR).toISOString();
    const results = await Promise.allSettled(routers.map((r, i) => r.acquireLock({ owner: `o${i}`, runId: `r${i}`, expiresAt })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as TrafficError).code).toBe('RG_TRAFFIC_LOCKED');
  });

  it('lock: a value too long for an Azure tag is refused before sending', async () => {
    fx = await startAzureFixture();
    const error = await refusal(fx.router.acquireLock({ owner: 'x'.repeat(300), runId: 'r', expiresAt: new Date().toISOString() }));
    expect(error.code).toBe('RG_TRAFFIC_PREFLIGHT');
    expect(fx.emu.requests).toHaveLength(0);
  });
});

describe('ARM endpoint', () => {
  const base = {
    subscriptionId: 's',
    resourceGroup: 'rg',
    app: 'a',
    credential: { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + HOUR }) },
  };
  const refused = (endpoint: string, allowInsecureLoopback = true): TrafficError => {
    try {
      createAzureContainerAppsRouter({ ...base, endpoint, allowInsecureLoopback });
    } catch (error) {
      expect(error).toBeInstanceOf(TrafficError);
      return error as TrafficError;
    }
    throw new Error(`${endpoint} was accepted`);
  };

  it.each(['http://management.azure.com', 'http://10.0.0.4:8080', 'http://127.example.com', 'ftp://127.0.0.1'])(
    'refuses plain http off loopback: %s',
    (endpoint) => {
      const error = refused(endpoint);
      expect(error.code).toBe('RG_TRAFFIC_PREFLIGHT');
      expect(error.hint).toContain('https://management.azure.com');
    },
  );

  it('refuses loopback http without allowInsecureLoopback, and endpoints with a path', () => {
    expect(refused('http://127.0.0.1:1234', false).hint).toContain('allowInsecureLoopback');
    expect(refused('https://management.azure.com/subscriptions').message).toContain('must be an origin');
  });

  it.each([
    'https://management.azure.com',
    'https://management.usgovcloudapi.net/',
    'http://127.0.0.2:1',
    'http://[::1]:1',
    'http://localhost:1',
  ])('accepts %s', (endpoint) => {
    expect(createAzureContainerAppsRouter({ ...base, endpoint, allowInsecureLoopback: true }).kind).toBe('azure-container-apps');
  });

  it('asks the credential for the endpoint scope; the SDK sees https, the wire is http', async () => {
    fx = await startAzureFixture();
    const scopes: (string | string[])[] = [];
    const credential = {
      getToken: async (scope: string | string[]) => (
        scopes.push(scope),
        { token: 'test-token-123', expiresOnTimestamp: Date.now() + HOUR }
      ),
    };
    const router = createAzureContainerAppsRouter(routerOptions(fx.emu, { credential }));
    expect((await router.describe()).name).toBe('pharmabot');
    expect(scopes.flat()).toEqual([`${fx.emu.url.replace('http:', 'https:')}/.default`]);
  });
});
