// The local router's durable state, file lock and stats windows.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TrafficError } from '../../src/model/errors.js';
import { startLocalRouter, type LocalRouterHandle, type LocalRouterOptions } from '../../src/traffic/local/index.js';
import { get, mapLimit, pharmabots, sleep, tempDir } from './local-helpers.js';

let bots: Awaited<ReturnType<typeof pharmabots>>;
let state: Awaited<ReturnType<typeof tempDir>>;
const open: LocalRouterHandle[] = [];

beforeAll(async () => {
  bots = await pharmabots();
  state = await tempDir();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});
afterAll(async () => {
  await bots.close();
  await state.remove();
});

async function start(app: string, options: Partial<LocalRouterOptions> = {}): Promise<LocalRouterHandle> {
  const local = await startLocalRouter({
    app,
    revisions: [
      { name: 'blue', url: bots.blue.url },
      { name: 'green', url: bots.green.url },
    ],
    stateDir: state.dir,
    ...options,
  });
  open.push(local);
  return local;
}

const lock = (owner: string, offsetMs = 3_600_000) => ({
  owner,
  runId: `run-${owner}`,
  expiresAt: new Date(Date.now() + offsetMs).toISOString(),
});

describe('local router: persistence', () => {
  it('a restarted router finds the same table, active flags and revisions (rollout resume)', async () => {
    const first = await start('persist');
    await first.router.setWeights([
      { revision: 'blue', weight: 70 },
      { revision: 'green', weight: 30, label: 'preview' },
    ]);
    await first.close();
    const file = JSON.parse(await readFile(join(state.dir, 'traffic', 'persist.json'), 'utf8')) as { traffic: unknown };
    expect(file.traffic).toEqual([
      { revision: 'blue', weight: 70 },
      { revision: 'green', weight: 30, label: 'preview' },
    ]);

    // given in another order, and then not at all: the stored table and revisions win
    const second = await start('persist', {
      revisions: [
        { name: 'green', url: bots.green.url },
        { name: 'blue', url: bots.blue.url },
      ],
    });
    expect(await second.router.readWeights()).toEqual([
      { revision: 'blue', weight: 70 },
      { revision: 'green', weight: 30, label: 'preview' },
    ]);
    const seen = await mapLimit(10, 1, () => get(`${second.url}/version`));
    expect(seen.filter((r) => r.revision === 'green')).toHaveLength(3);
    await second.router.setWeights([
      { revision: 'blue', weight: 100 },
      { revision: 'green', weight: 0 },
    ]);
    await second.router.deactivate('green');
    await second.close();

    const third = await start('persist', { revisions: [] });
    expect(await third.router.readWeights()).toEqual([{ revision: 'blue', weight: 100 }]);
    const revs = await third.router.listRevisions();
    expect(revs.map((r) => [r.name, r.active, r.url])).toEqual([
      ['blue', true, bots.blue.url],
      ['green', false, bots.green.url],
    ]);
  });

  it('a change written by another router instance (e.g. `revgate rollback`) reaches the serving proxy', async () => {
    const serving = await start('shared', { healthIntervalMs: 100 });
    await serving.router.setWeights([
      { revision: 'blue', weight: 0 },
      { revision: 'green', weight: 100 },
    ]);
    const other = await start('shared', { revisions: [] });
    expect(await other.router.readWeights()).toEqual([
      { revision: 'blue', weight: 0 },
      { revision: 'green', weight: 100 },
    ]);
    await other.router.setWeights([
      { revision: 'blue', weight: 100 },
      { revision: 'green', weight: 0 },
    ]);
    await sleep(300); // the serving proxy's poller reloads the state file: no call on it is needed
    expect((await mapLimit(4, 1, () => get(`${serving.url}/version`))).map((r) => r.revision)).toEqual(['blue', 'blue', 'blue', 'blue']);
    expect(await serving.router.readWeights()).toEqual([
      { revision: 'blue', weight: 100 },
      { revision: 'green', weight: 0 },
    ]);
  });

  it('addRevision adds an active 0% revision and persists it', async () => {
    const local = await start('add', { revisions: [{ name: 'blue', url: bots.blue.url }] });
    await local.router.addRevision({ name: 'green', url: bots.green.url });
    expect((await local.router.listRevisions()).find((r) => r.name === 'green')).toMatchObject({
      active: true,
      weight: 0,
      healthState: 'Healthy',
    });
    expect((await local.router.describe()).latestRevisionName).toBe('green');
    await local.close();
    const again = await start('add', { revisions: [] });
    expect((await again.router.listRevisions()).map((r) => r.name)).toEqual(['blue', 'green']);
  });

  it('refuses a corrupt or foreign state file', async () => {
    await writeFile(join(state.dir, 'traffic', 'corrupt.json'), '{ nope');
    await expect(start('corrupt')).rejects.toBeInstanceOf(TrafficError);
    await writeFile(join(state.dir, 'traffic', 'foreign.json'), JSON.stringify({ version: 1, app: 'other', revisions: [], traffic: [] }));
    await expect(start('foreign')).rejects.toThrow(/not the local traffic state of foreign/);
  });
});

describe('local router: the lock file', () => {
  it('is shared by two router instances of one app, and separate per app', async () => {
    const a = await start('locked');
    const b = await start('locked');
    const other = await start('unrelated');
    await a.router.acquireLock(lock('rollout-a'));
    expect(JSON.parse(await readFile(join(state.dir, 'locks', 'locked.json'), 'utf8'))).toMatchObject({ owner: 'rollout-a' });
    await expect(b.router.acquireLock(lock('rollout-b'))).rejects.toMatchObject({
      code: 'RG_TRAFFIC_LOCKED',
      message: expect.stringContaining('rollout-a'),
    });
    expect((await b.router.readLock())?.owner).toBe('rollout-a');
    await other.router.acquireLock(lock('rollout-c'));
    await b.router.releaseLock('rollout-b'); // not the owner: no-op
    expect((await a.router.readLock())?.owner).toBe('rollout-a');
    await a.router.releaseLock('rollout-a');
    await b.router.acquireLock(lock('rollout-b'));
    expect((await a.router.readLock())?.owner).toBe('rollout-b');
    await b.router.releaseLock('rollout-b');
    await other.router.releaseLock('rollout-c');
  });

  it('only one of many simultaneous acquirers wins, also when breaking a stale lock', async () => {
    const a = await start('race');
    const b = await start('race');
    const routers = [a.router, b.router];
    const owners = Array.from({ length: 12 }, (_, i) => `owner-${i}`);
    let results = await Promise.allSettled(owners.map((o, i) => routers[i % 2]!.acquireLock(lock(o))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = (await a.router.readLock())!.owner;
    await a.router.releaseLock(winner);

    await a.router.acquireLock(lock('crashed', -1000));
    results = await Promise.allSettled(owners.map((o, i) => routers[i % 2]!.acquireLock(lock(o), { breakStale: true })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'RG_TRAFFIC_LOCKED' });
    const holder = (await b.router.readLock())!.owner;
    expect(owners).toContain(holder);
    await b.router.releaseLock(holder);
  });

  it('an unreadable lock file counts as a stale lock', async () => {
    const a = await start('garbled');
    await writeFile(join(state.dir, 'locks', 'garbled.json'), 'garbage');
    await expect(a.router.acquireLock(lock('me'))).rejects.toMatchObject({ code: 'RG_TRAFFIC_LOCKED' });
    await a.router.acquireLock(lock('me'), { breakStale: true });
    expect((await a.router.readLock())?.owner).toBe('me');
    await a.router.releaseLock('me');
  });
});

describe('local router: stats windows', () => {
  it('counts requests per revision by finish time in [from, to)', async () => {
    const { router, url } = await start('stats');
    await router.setWeights([
      { revision: 'blue', weight: 50 },
      { revision: 'green', weight: 50 },
    ]);
    await mapLimit(10, 1, () => get(`${url}/health`));
    await sleep(15);
    const middle = Date.now();
    await sleep(15);
    await mapLimit(4, 1, () => get(`${url}/nope`)); // 404s
    const before = router.stats({ to: middle });
    const after = router.stats({ from: middle });
    expect(before.blue).toMatchObject({ requests: 5, ok2xx: 5, errors4xx: 0, complete: true });
    expect(after.blue).toMatchObject({ requests: 2, ok2xx: 0, errors4xx: 2 });
    expect(after.green).toMatchObject({ requests: 2, errors4xx: 2 });
    expect(after.green!.latencyMs).toHaveLength(2);
    expect(after.green!.ttfbMs).toHaveLength(2);
    for (const ms of after.green!.latencyMs) expect(ms).toBeGreaterThan(0);
    expect(router.stats().blue?.requests).toBe(7);
    expect(router.stats({ from: Date.now() + 1000 }).blue?.requests).toBe(0);
  });

  it('beyond the ring, counts stay exact (per-second buckets) and latencies are marked partial', async () => {
    const { router, url } = await start('ring', { sampleLimit: 5 });
    await mapLimit(40, 2, () => get(`${url}/health`));
    const all = router.stats().blue!;
    expect(all).toMatchObject({ requests: 40, ok2xx: 40, complete: false });
    expect(all.latencyMs).toHaveLength(5);
    expect(router.stats({ from: Date.now() - 1 }).blue?.complete).toBe(true);
  });
});
