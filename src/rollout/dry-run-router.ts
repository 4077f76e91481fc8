// --dry-run: a TrafficRouter that runs reads against the real backend and prints writes instead of
// sending them. A printed setWeights is remembered, so the engine's read-back sees what it would be.
import type { AppInfo, LockInfo, RevisionInfo, RouterCallOptions, TrafficRouter, TrafficWeight } from '../traffic/types.js';
import { formatTable } from './plan.js';

/** Wrap `inner`; every call is reported to `print` (writes as "would …"). */
export function dryRunRouter(inner: TrafficRouter, print: (line: string) => void): TrafficRouter {
  let table: TrafficWeight[] | null = null;
  const inactive = new Set<string>();
  const would = (call: string) => print(`  would call ${inner.kind} ${call} (not sent)`);
  const read = (call: string) => print(`  read  ${inner.kind} ${call}`);
  return {
    kind: inner.kind,
    target: inner.target,
    async describe(o?: RouterCallOptions): Promise<AppInfo> {
      read('describe()');
      const app = await inner.describe(o);
      return table ? { ...app, traffic: table.map((e) => ({ ...e })) } : app;
    },
    async listRevisions(o?: RouterCallOptions): Promise<RevisionInfo[]> {
      read('listRevisions()');
      const revs = await inner.listRevisions(o);
      return revs.map((r) => ({
        ...r,
        ...(table ? { weight: table.find((e) => e.revision === r.name)?.weight ?? 0 } : {}),
        ...(inactive.has(r.name) ? { active: false } : {}),
      }));
    },
    async readWeights(o?: RouterCallOptions): Promise<TrafficWeight[]> {
      read('readWeights()');
      return table ? table.map((e) => ({ ...e })) : inner.readWeights(o);
    },
    async setWeights(weights: readonly TrafficWeight[]): Promise<void> {
      would(`setWeights(${formatTable([...weights])})`);
      table = weights.map((e) => ({ ...e }));
    },
    async activate(revision: string): Promise<void> {
      would(`activate(${revision})`);
      inactive.delete(revision);
    },
    async deactivate(revision: string): Promise<void> {
      would(`deactivate(${revision})`);
      inactive.add(revision);
      if (table) table = table.filter((e) => e.revision !== revision);
    },
    async readLock(o?: RouterCallOptions): Promise<LockInfo | null> {
      read('readLock()');
      return inner.readLock(o);
    },
    async acquireLock(lock: LockInfo): Promise<void> {
      would(`acquireLock(owner ${lock.owner}, until ${lock.expiresAt})`);
    },
    async releaseLock(owner: string): Promise<void> {
      would(`releaseLock(${owner})`);
    },
    close: () => inner.close(),
  };
}
