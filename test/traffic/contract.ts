// The behaviours every TrafficRouter must have, run against each implementation (local proxy, Azure adapter).
//
// Decisions this suite fixes for all routers:
// - An invalid table (sum ≠ 100, negative or non-integer weight, duplicate, unknown or inactive revision)
//   is refused with a TrafficError (RG_TRAFFIC_NOT_FOUND / _CONFLICT / _API / _PREFLIGHT) and the stored
//   table is left unchanged.
// - readWeights() returns exactly the entries set (order-insensitive; labels kept; 0% entries kept).
// - Locks: a live lock of another owner is refused with RG_TRAFFIC_LOCKED and the message names the owner;
//   a stale lock (expiresAt in the past) is refused the same way unless `breakStale: true`; breakStale never
//   breaks a live lock; the same owner may re-acquire (renewal, e.g. on resume).
// - releaseLock(owner) by a non-owner, or with no lock held, is a silent no-op: the lock stays with its owner.
//   (Cleanup paths in `finally` must not throw over a lock someone else broke and took.)
//
// setup() must give a router for one app with two active revisions and no lock held; it runs once per suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrafficError } from '../../src/model/errors.js';
import type { LockInfo, RevisionInfo, TrafficRouter, TrafficWeight } from '../../src/traffic/types.js';

export interface RouterFixture {
  router: TrafficRouter;
  revisions: { blue: string; green: string };
  teardown(): Promise<void>;
}

const TABLE_CODES = ['RG_TRAFFIC_NOT_FOUND', 'RG_TRAFFIC_CONFLICT', 'RG_TRAFFIC_API', 'RG_TRAFFIC_PREFLIGHT'];
const HOUR = 3_600_000;

// Resolves to the TrafficError a promise rejects with; fails the test when it resolves or throws something else.
export async function refusal(promise: Promise<unknown>): Promise<TrafficError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, 'expected a TrafficError, the call succeeded').toBeInstanceOf(TrafficError);
  return outcome as TrafficError;
}

// Order-insensitive, label-aware normal form of a table.
function norm(table: readonly TrafficWeight[]): TrafficWeight[] {
  return table
    .map((w) =>
      w.label === undefined ? { revision: w.revision, weight: w.weight } : { revision: w.revision, weight: w.weight, label: w.label },
    )
    .sort((a, b) => a.revision.localeCompare(b.revision));
}

function lock(owner: string, offsetMs: number, runId = `run-${owner}`): LockInfo {
  return { owner, runId, expiresAt: new Date(Date.now() + offsetMs).toISOString() };
}

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

export function routerContract(name: string, setup: () => Promise<RouterFixture>): void {
  describe(`TrafficRouter contract: ${name}`, () => {
    let fx: RouterFixture;
    let router: TrafficRouter;
    let blue: string;
    let green: string;
    const find = (list: RevisionInfo[], rev: string): RevisionInfo | undefined => list.find((r) => r.name === rev);

    beforeAll(async () => {
      fx = await setup();
      router = fx.router;
      ({ blue, green } = fx.revisions);
    });
    afterAll(async () => {
      await fx?.teardown();
    });

    it('has a kind and a target', () => {
      expect(router.kind).toMatch(/\S/);
      expect(router.target).toMatch(/\S/);
    });

    it('describe() reports Multiple mode and the stored table', async () => {
      await router.setWeights([
        { revision: blue, weight: 100 },
        { revision: green, weight: 0 },
      ]);
      const app = await router.describe();
      expect(app.name).toMatch(/\S/);
      expect(app.activeRevisionsMode.toLowerCase()).toBe('multiple');
      const pinned = app.traffic.filter((t) => !t.latestRevision);
      expect(norm(pinned)).toEqual(
        norm([
          { revision: blue, weight: 100 },
          { revision: green, weight: 0 },
        ]),
      );
    });

    it('listRevisions() lists both revisions with health fields, urls and weights', async () => {
      await router.setWeights([
        { revision: blue, weight: 90 },
        { revision: green, weight: 10 },
      ]);
      const list = await waitFor(
        () => router.listRevisions(),
        (l) => [blue, green].every((n) => find(l, n)?.healthState.toLowerCase() === 'healthy'),
      );
      for (const [rev, weight] of [
        [blue, 90],
        [green, 10],
      ] as const) {
        const info = find(list, rev);
        expect(info, `${rev} listed`).toBeDefined();
        expect(info!.active).toBe(true);
        expect(info!.weight).toBe(weight);
        expect(info!.healthState.toLowerCase()).toBe('healthy');
        expect(info!.runningState.toLowerCase()).toBe('running');
        expect(typeof info!.provisioningState).toBe('string');
        expect(info!.url).toMatch(/^https?:\/\//);
        expect(Array.isArray(info!.images)).toBe(true);
      }
    });

    it('readWeights() returns exactly the table set (read-back), labels and 0% entries included', async () => {
      const table = [
        { revision: blue, weight: 100 },
        { revision: green, weight: 0, label: 'preview' },
      ];
      await router.setWeights(table);
      expect(norm(await router.readWeights())).toEqual(norm(table));
    });

    it('moves 100/0 → 90/10 → 0/100 and back', async () => {
      for (const [b, g] of [
        [100, 0],
        [90, 10],
        [0, 100],
        [100, 0],
      ] as const) {
        const table = [
          { revision: blue, weight: b },
          { revision: green, weight: g },
        ];
        await router.setWeights(table);
        expect(norm(await router.readWeights())).toEqual(norm(table));
        const list = await router.listRevisions();
        expect(find(list, blue)?.weight).toBe(b);
        expect(find(list, green)?.weight).toBe(g);
      }
    });

    it('refuses invalid tables with a TrafficError and keeps the stored one', async () => {
      const good = [
        { revision: blue, weight: 90 },
        { revision: green, weight: 10 },
      ];
      await router.setWeights(good);
      const bad: TrafficWeight[][] = [
        [
          { revision: blue, weight: 90 },
          { revision: green, weight: 5 },
        ],
        [
          { revision: blue, weight: 90 },
          { revision: green, weight: 20 },
        ],
        [],
        [
          { revision: blue, weight: 110 },
          { revision: green, weight: -10 },
        ],
        [
          { revision: blue, weight: 89.5 },
          { revision: green, weight: 10.5 },
        ],
        [
          { revision: blue, weight: 50 },
          { revision: blue, weight: 50 },
        ],
        [
          { revision: blue, weight: 90 },
          { revision: 'no-such-revision', weight: 10 },
        ],
      ];
      for (const table of bad) {
        const error = await refusal(router.setWeights(table));
        expect(TABLE_CODES, `${JSON.stringify(table)} → ${error.code}`).toContain(error.code);
      }
      expect(norm(await router.readWeights())).toEqual(norm(good));
    });

    it('deactivate() takes a revision out of service; tables naming it are refused; activate() brings it back', async () => {
      await router.setWeights([{ revision: blue, weight: 100 }]);
      await router.deactivate(green);
      expect(find(await router.listRevisions(), green)?.active ?? false).toBe(false);
      const error = await refusal(
        router.setWeights([
          { revision: blue, weight: 90 },
          { revision: green, weight: 10 },
        ]),
      );
      expect(TABLE_CODES).toContain(error.code);
      expect(norm(await router.readWeights())).toEqual(norm([{ revision: blue, weight: 100 }]));

      await router.activate(green);
      expect(find(await router.listRevisions(), green)?.active).toBe(true);
      const table = [
        { revision: blue, weight: 90 },
        { revision: green, weight: 10 },
      ];
      await router.setWeights(table);
      expect(norm(await router.readWeights())).toEqual(norm(table));
      await router.setWeights([
        { revision: blue, weight: 100 },
        { revision: green, weight: 0 },
      ]);
    });

    it('lock: acquire, read, release', async () => {
      expect(await router.readLock()).toBeNull();
      const mine = lock('alice', HOUR);
      await router.acquireLock(mine);
      const held = await router.readLock();
      expect(held).toMatchObject({ owner: 'alice', runId: mine.runId });
      expect(Date.parse(held!.expiresAt)).toBe(Date.parse(mine.expiresAt));
      await router.releaseLock('alice');
      expect(await router.readLock()).toBeNull();
    });

    it('lock: a second owner is refused with RG_TRAFFIC_LOCKED naming the holder; the holder may renew', async () => {
      await router.acquireLock(lock('alice', HOUR));
      try {
        const error = await refusal(router.acquireLock(lock('bob', HOUR)));
        expect(error.code).toBe('RG_TRAFFIC_LOCKED');
        expect(error.message).toContain('alice');
        expect((await router.readLock())?.owner).toBe('alice');
        // breakStale never breaks a live lock
        expect((await refusal(router.acquireLock(lock('bob', HOUR), { breakStale: true }))).code).toBe('RG_TRAFFIC_LOCKED');
        const renewed = lock('alice', 2 * HOUR, 'run-alice-2');
        await router.acquireLock(renewed);
        expect(await router.readLock()).toMatchObject({ owner: 'alice', runId: 'run-alice-2' });
      } finally {
        await router.releaseLock('alice');
      }
      expect(await router.readLock()).toBeNull();
    });

    it('lock: a stale lock is refused unless breakStale', async () => {
      await router.acquireLock(lock('crashed', -60_000));
      try {
        const error = await refusal(router.acquireLock(lock('carol', HOUR)));
        expect(error.code).toBe('RG_TRAFFIC_LOCKED');
        expect(error.message).toContain('crashed');
        await router.acquireLock(lock('carol', HOUR), { breakStale: true });
        expect((await router.readLock())?.owner).toBe('carol');
      } finally {
        await router.releaseLock('carol');
        await router.releaseLock('crashed');
      }
      expect(await router.readLock()).toBeNull();
    });

    it('lock: release by a non-owner (or with no lock) is a no-op', async () => {
      await router.releaseLock('nobody');
      await router.acquireLock(lock('dave', HOUR));
      try {
        await router.releaseLock('mallory');
        expect((await router.readLock())?.owner).toBe('dave');
      } finally {
        await router.releaseLock('dave');
      }
      expect(await router.readLock()).toBeNull();
    });
  });
}
