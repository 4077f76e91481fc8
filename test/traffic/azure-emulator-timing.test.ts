// The emulator is as unkind as Azure: operations take wall-clock seconds and finish without polls,
// any write meanwhile gets 409 ContainerAppLockConflict, reads may lag a finished change, reads are
// throttled, and absolute links may be plain http — exercised with the real SDK router. Tests wait
// for the emulator's events, never for a fixed time.
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { TrafficError } from '../../src/model/errors.js';
import { retryAfter } from '../../src/traffic/azure/errors.js';
import { startAzureFixture, type AzureFixture } from './azure-helpers.js';

let fx: AzureFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const table = (green: number) => [
  { revision: 'pharmabot--blue', weight: 100 - green },
  { revision: 'pharmabot--green', weight: green },
];

describe('ACA emulator timings (real SDK router)', () => {
  it('an operation runs for operationMs of wall clock and finishes unpolled; any write meanwhile is refused with ContainerAppLockConflict', async () => {
    fx = await startAzureFixture({ operationMs: 600, pollRetryAfterSeconds: 1 });
    const started = once(fx.emu.events, 'operation-started');
    const write = fx.router.setWeights(table(10));
    const [op] = await started;
    expect(fx.emu.inFlight()?.id).toBe(op.id);
    const errors = await Promise.all([
      fx.router.acquireLock({ owner: 'x', runId: 'r', expiresAt: new Date(Date.now() + 60_000).toISOString() }).catch((e: unknown) => e),
      fx.router.deactivate('pharmabot--green').catch((e: unknown) => e),
    ]);
    // The tag write surfaces as RG_TRAFFIC_LOCKED (another change in progress), the revision action as the raw conflict.
    expect(errors[0]).toMatchObject({ code: 'RG_TRAFFIC_LOCKED' });
    expect(errors[1]).toBeInstanceOf(TrafficError);
    expect(errors[1]).toMatchObject({
      code: 'RG_TRAFFIC_CONFLICT',
      status: 409,
      platformCode: 'ContainerAppLockConflict',
      message: expect.stringMatching(
        /Cannot modify container App 'pharmabot' because another modification is in progress\. Please retry the operation\./,
      ),
    });
    await write;
    const finished = fx.emu.requests.filter((r) => r.route === 'operationStatus');
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(await fx.router.readWeights()).toEqual(table(10));
    expect(
      fx.emu.requests
        .filter((r) => r.status === 409)
        .map((r) => r.route)
        .sort(),
    ).toEqual(['patchApp', 'revisionAction']);
  });

  it('a write the client walks away from is still applied when its operation ends', async () => {
    fx = await startAzureFixture({ operationMs: 300 });
    const ac = new AbortController();
    const started = once(fx.emu.events, 'operation-started');
    const write = fx.router.setWeights(table(50), { signal: ac.signal }).catch((e: unknown) => e);
    await started;
    ac.abort();
    expect(await write).toBeInstanceOf(Error);
    await fx.emu.whenIdle();
    expect(await fx.router.readWeights()).toEqual(table(50));
  });

  it('a revision action keeps the app busy for operationMs', async () => {
    fx = await startAzureFixture({ operationMs: 300 });
    await fx.router.setWeights([{ revision: 'pharmabot--blue', weight: 100 }]);
    await fx.emu.whenIdle();
    await fx.router.deactivate('pharmabot--green');
    expect(fx.emu.inFlight()?.kind).toBe('deactivate pharmabot--green');
    await expect(fx.router.activate('pharmabot--green')).rejects.toMatchObject({ status: 409 });
    await fx.emu.whenIdle();
    await fx.router.activate('pharmabot--green');
  });

  it('reads lag a finished change by staleReadMs (eventual consistency)', async () => {
    fx = await startAzureFixture({ operationMs: 0, staleReadMs: 400 });
    await fx.router.setWeights(table(10));
    expect(await fx.router.readWeights()).toEqual([{ revision: 'pharmabot--blue', weight: 100 }]);
    const until = fx.emu.state.traffic;
    expect(until.map((t) => t.weight)).toEqual([90, 10]);
    let seen = await fx.router.readWeights();
    for (let i = 0; i < 50 && seen.length === 1; i++)
      seen = await new Promise((ok) => setTimeout(ok, 20)).then(() => fx!.router.readWeights());
    expect(seen).toEqual(table(10));
  });

  it('throttles reads past readLimit with 429 and Retry-After (the SDK waits and retries)', async () => {
    fx = await startAzureFixture({ readLimit: { reads: 3, perMs: 1000 } }, { retry: { maxRetries: 0 } });
    const throttled = once(fx.emu.events, 'throttled');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        fx!.router.readWeights().then(
          () => 'ok',
          (e: unknown) => e,
        ),
      ),
    );
    await throttled;
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(results.find((r) => r !== 'ok')).toMatchObject({ status: 429, retryAfterMs: 1000 });
    expect(fx.emu.armCalls().reads).toBe(5);
  });

  it('works with an emulator that writes plain-http operation URLs and nextLinks (bearer kept to the loopback origin)', async () => {
    fx = await startAzureFixture({ operationMs: 200, pollRetryAfterSeconds: undefined, operationUrlScheme: 'http', pageSize: 1 });
    await fx.router.setWeights(table(20));
    expect(await fx.router.readWeights()).toEqual(table(20));
    expect((await fx.router.listRevisions()).map((r) => r.name)).toEqual(['pharmabot--blue', 'pharmabot--green']);
    expect(fx.emu.requests.filter((r) => r.route === 'operationStatus').every((r) => r.auth)).toBe(true);
  });

  it('reads Retry-After in seconds, milliseconds or as an HTTP date', () => {
    expect(retryAfter('2', 1000)).toBe(2000);
    expect(retryAfter('150', 1)).toBe(150);
    expect(retryAfter(new Date(Date.now() + 5000).toUTCString(), 1000)).toBeGreaterThan(3000);
    expect(retryAfter('soon', 1000)).toBeUndefined();
    expect(retryAfter(undefined, 1000)).toBeUndefined();
  });
});
