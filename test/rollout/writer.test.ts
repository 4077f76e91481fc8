// The serialized writer against the real local router, faults injected at the router boundary:
// writes never overlap, busy/throttled answers are retried (Retry-After honoured), refusals are not,
// and a table is read back until it verifies or the deadline passes.
import { afterEach, describe, expect, it } from 'vitest';
import { TrafficError } from '../../src/model/errors.js';
import { retryable, SerialWriter } from '../../src/rollout/writer.js';
import { startLocalRouter, type LocalRouterHandle } from '../../src/traffic/local/index.js';
import { pharmabots, tempDir } from '../traffic/local-helpers.js';
import { faulty, greenWeight } from './faulty-router.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function router(): Promise<LocalRouterHandle> {
  const bots = await pharmabots();
  const tmp = await tempDir();
  const h = await startLocalRouter({
    app: 'pharmabot',
    revisions: [
      { name: 'pharmabot--v1', url: bots.blue.url },
      { name: 'pharmabot--v2', url: bots.green.url },
    ],
    stateDir: tmp.dir,
    healthIntervalMs: 60_000,
  });
  cleanup.push(bots.close, tmp.remove, () => h.close());
  return h;
}

const table = (green: number) => [
  { revision: 'pharmabot--v1', weight: 100 - green },
  { revision: 'pharmabot--v2', weight: green },
];
const busy = (retryAfterMs?: number) =>
  Object.assign(
    new TrafficError(
      'RG_TRAFFIC_CONFLICT',
      "Cannot modify container App 'pharmabot' because another modification is in progress. Please retry the operation.",
      { status: 409, platformCode: 'ContainerAppLockConflict' },
    ),
    retryAfterMs === undefined ? {} : { retryAfterMs },
  );

describe('SerialWriter', () => {
  it('classifies errors: busy, throttled, 5xx and network errors are retried; refusals are not', () => {
    expect(retryable(busy())).toBe(true);
    expect(retryable(new TrafficError('RG_TRAFFIC_API', 'throttled', { status: 429 }))).toBe(true);
    expect(retryable(new TrafficError('RG_TRAFFIC_API', 'bad gateway', { status: 502 }))).toBe(true);
    expect(retryable(new TrafficError('RG_TRAFFIC_API', 'socket hang up'))).toBe(true);
    expect(retryable(new Error('The operation was aborted due to timeout'))).toBe(true);
    expect(retryable(new TrafficError('RG_TRAFFIC_AUTH', 'forbidden', { status: 403 }))).toBe(false);
    expect(retryable(new TrafficError('RG_TRAFFIC_API', 'bad request', { status: 400 }))).toBe(false);
    // The local router's invalid-table error has no HTTP status: a refusal, not a conflict to wait out.
    expect(retryable(new TrafficError('RG_TRAFFIC_CONFLICT', 'weights sum to 90'))).toBe(false);
  });

  it('never overlaps two writes: a second one starts after the first has ended', async () => {
    const h = await router();
    const spans: { start: number; end: number; green: number }[] = [];
    const slow = Object.create(h.router) as typeof h.router;
    slow.setWeights = async (t, o) => {
      const span = { start: performance.now(), end: 0, green: greenWeight(t) };
      spans.push(span);
      await new Promise((ok) => setTimeout(ok, 100));
      await h.router.setWeights(t, o);
      span.end = performance.now();
    };
    const w = new SerialWriter(slow, { backoffMs: 10 });
    const results = await Promise.all([
      w.setTable(table(10), Date.now() + 5000),
      w.setTable(table(0), Date.now() + 5000),
      w.run('lock', Date.now() + 5000, async () => spans.push({ start: performance.now(), end: performance.now(), green: -1 })),
    ]);
    expect(results.slice(0, 2).map((r) => (r as { ok: boolean }).ok)).toEqual([true, true]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    expect(spans.map((s) => s.green)).toEqual([10, 0, -1]);
    expect(greenWeight(await h.router.readWeights())).toBe(0);
  });

  it('waits out a 409 storm, honouring Retry-After, and says what it waits for', async () => {
    const h = await router();
    const lines: string[] = [];
    const { router: r, sets } = faulty(h.router, { onSet: (_t, n) => (n < 3 ? busy(50) : undefined) });
    const w = new SerialWriter(r, { backoffMs: 10, log: (l) => lines.push(l) });
    const res = await w.setTable(table(10), Date.now() + 5000);
    expect(res).toMatchObject({ ok: true, table: table(10) });
    expect(sets.map((s) => s.failed)).toEqual([true, true, true, false]);
    // Retry-After (50 ms) outranks the 10 ms backoff.
    for (let i = 1; i < sets.length; i++) expect(sets[i]!.at - sets[i - 1]!.at).toBeGreaterThanOrEqual(45);
    expect(lines[0]).toMatch(/waiting to set traffic .*: another modification of the app is in progress .*retry 1 in 0\.1 s/);
  });

  it('gives up at the deadline with the last known table; a refusal fails at once', async () => {
    const h = await router();
    const { router: r, sets } = faulty(h.router, { onSet: () => busy() });
    const w = new SerialWriter(r, { backoffMs: 20, maxBackoffMs: 40 });
    const res = await w.setTable(table(10), Date.now() + 300);
    expect(res).toMatchObject({ ok: false, code: 'RG_TRAFFIC_CONFLICT', lastKnown: [{ revision: 'pharmabot--v1', weight: 100 }] });
    expect(sets.length).toBeGreaterThan(2);
    const refused = faulty(h.router, { onSet: () => new TrafficError('RG_TRAFFIC_AUTH', 'forbidden', { status: 403 }) });
    const r2 = await new SerialWriter(refused.router, { backoffMs: 10 }).setTable(table(10), Date.now() + 5000);
    expect(r2).toMatchObject({ ok: false, code: 'RG_TRAFFIC_AUTH' });
    expect(refused.sets).toHaveLength(1);
  });

  it('reads back until the table shows the write (eventually consistent reads), or fails verification', async () => {
    const h = await router();
    const stale = faulty(h.router, { onRead: (actual, n) => (n < 2 ? table(0) : actual) });
    const ok = await new SerialWriter(stale.router, { backoffMs: 10 }).setTable(table(10), Date.now() + 5000);
    expect(ok).toMatchObject({ ok: true, table: table(10) });
    const wrong = faulty(h.router, { onRead: () => table(30) });
    const bad = await new SerialWriter(wrong.router, { backoffMs: 10, maxBackoffMs: 20 }).setTable(table(10), Date.now() + 200);
    expect(bad).toMatchObject({ ok: false, code: 'RG_TRAFFIC_VERIFY', lastKnown: table(30) });
  });

  it('a write whose answer was lost but which was applied counts as done (read before retrying)', async () => {
    const h = await router();
    let first = true;
    const lost = Object.create(h.router) as typeof h.router;
    lost.setWeights = async (t, o) => {
      await h.router.setWeights(t, o);
      if (first) {
        first = false;
        throw new TrafficError('RG_TRAFFIC_AUTH', 'the update was accepted but its status could not be read', { status: 403 });
      }
    };
    const res = await new SerialWriter(lost, { backoffMs: 10 }).setTable(table(10), Date.now() + 5000);
    expect(res).toMatchObject({ ok: true, table: table(10) });
  });
});
