// Fault injection at the backend boundary (undici-style "fail the Nth call"): wraps a real router
// and lets a test fail a write, lie on a read-back, or observe calls with their times.
import { TrafficError } from '../../src/model/errors.js';
import type { TrafficRouter, TrafficWeight } from '../../src/traffic/types.js';

export interface Faults {
  /** Throw instead of writing this table (return an error to throw, or undefined to pass). */
  onSet?: (table: readonly TrafficWeight[], nth: number) => Error | undefined | Promise<Error | undefined>;
  /** Replace what readWeights returns. */
  onRead?: (actual: TrafficWeight[], nth: number) => TrafficWeight[];
}

export interface Observed {
  router: TrafficRouter;
  sets: { at: number; table: TrafficWeight[]; failed: boolean }[];
}

const green = (t: readonly TrafficWeight[]) => t.find((e) => e.revision === 'pharmabot--v2')?.weight ?? 0;
export { green as greenWeight };

/** The real router with faults; every setWeights is recorded with performance.now(). */
export function faulty(inner: TrafficRouter, faults: Faults = {}): Observed {
  const sets: Observed['sets'] = [];
  let nSet = 0;
  let nRead = 0;
  const router: TrafficRouter = Object.create(inner) as TrafficRouter;
  Object.assign(router, {
    kind: inner.kind,
    target: inner.target,
    describe: (o?: object) => inner.describe(o),
    listRevisions: (o?: object) => inner.listRevisions(o),
    readLock: (o?: object) => inner.readLock(o),
    acquireLock: (l: Parameters<TrafficRouter['acquireLock']>[0], o?: Parameters<TrafficRouter['acquireLock']>[1]) =>
      inner.acquireLock(l, o),
    releaseLock: (owner: string, o?: object) => inner.releaseLock(owner, o),
    activate: (r: string, o?: object) => inner.activate(r, o),
    deactivate: (r: string, o?: object) => inner.deactivate(r, o),
    close: () => inner.close(),
    async setWeights(table: readonly TrafficWeight[], o?: object) {
      const error = await faults.onSet?.(table, nSet++);
      sets.push({ at: performance.now(), table: table.map((e) => ({ ...e })), failed: error !== undefined });
      if (error) throw error;
      return inner.setWeights(table, o);
    },
    async readWeights(o?: object) {
      const actual = await inner.readWeights(o);
      return faults.onRead ? faults.onRead(actual, nRead++) : actual;
    },
  });
  return { router, sets };
}

export const apiError = (status: number) =>
  new TrafficError('RG_TRAFFIC_API', `ARM answered ${status} after the SDK's retries`, { status });
