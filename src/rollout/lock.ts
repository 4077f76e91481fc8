// The rollout lock: taken through the router (owner, runId, expiry), renewed at a third of its
// lifetime while the rollout runs, released at the end. Losing it stops the run (→ rollback).
import type { EngineDeps } from './context.js';

export interface HeldLock {
  /** Aborted when a renewal fails (another owner took the lock, or the backend refused). */
  lost: AbortSignal;
  release(): Promise<void>;
}

/** Take the lock (a stale one only with breakLock); throws RG_TRAFFIC_LOCKED when held by another owner. */
export async function holdLock(deps: EngineDeps): Promise<HeldLock> {
  const { router, plan, owner, journal } = deps;
  const lock = () => ({ owner, runId: journal.runId, expiresAt: new Date(Date.now() + plan.lockTtl).toISOString() });
  await router.acquireLock(lock(), { breakStale: deps.breakLock ?? false, signal: deps.signal });
  const lost = new AbortController();
  const timer = setInterval(() => {
    router.acquireLock(lock()).catch((e: unknown) => lost.abort(`lost the rollout lock: ${e instanceof Error ? e.message : String(e)}`));
  }, Math.max(50, Math.floor(plan.lockTtl / 3)));
  timer.unref();
  return {
    lost: lost.signal,
    async release() {
      clearInterval(timer);
      await router.releaseLock(owner).catch(() => undefined);
    },
  };
}
