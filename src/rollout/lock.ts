// The rollout lock: taken through the serialized writer (owner, runId, expiry), renewed at a third of
// its lifetime through the same writer (never overlapping a traffic write), released on every exit
// path that can release it. A failed acquisition leaves nothing behind: whatever part of it reached
// the platform is removed before the error is reported.
import type { TrafficRouter } from '../traffic/types.js';
import type { Journal } from './journal.js';
import type { SerialWriter } from './writer.js';

export interface HeldLock {
  /** Called when a renewal fails (another owner took the lock, or the platform refused for too long). */
  onLost(f: (reason: string) => void): void;
  release(): Promise<void>;
}

interface LockDeps {
  router: TrafficRouter;
  journal: Pick<Journal, 'runId'>;
  owner: string;
  plan: { lockTtl: number; writeTimeout: number };
  breakLock?: boolean;
  log: (line: string) => void;
  dryRun?: unknown;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Take the lock (a stale one only with breakLock); throws RG_TRAFFIC_LOCKED when another live owner holds it. */
export async function takeLock(d: LockDeps, writer: SerialWriter): Promise<HeldLock> {
  const { router, owner, plan } = d;
  const info = () => ({ owner, runId: d.journal.runId, expiresAt: new Date(Date.now() + plan.lockTtl).toISOString() });
  const release = (settle = false) =>
    writer.run('release the rollout lock', Date.now() + plan.writeTimeout, (signal) => router.releaseLock(owner, { signal, settle }));
  try {
    await writer.run('take the rollout lock', Date.now() + plan.writeTimeout, (signal) =>
      router.acquireLock(info(), { breakStale: d.breakLock ?? false, signal }),
    );
  } catch (e) {
    // The lock may have been written, or still be applying, when the acquisition failed: settle and
    // remove it if it is ours (another owner's lock is never touched).
    await release(true).catch(() => undefined);
    throw e;
  }
  let lost: (reason: string) => void = () => undefined;
  let renewing = false;
  // The lock is ours until `validUntil`: a renewal (queued behind writes, retried on 409/429/5xx) may
  // take until just before then; only a lock that really expires is lost.
  let validUntil = Date.now() + plan.lockTtl;
  const timer = setInterval(
    () => {
      if (renewing) return;
      renewing = true;
      const asked = Date.now();
      writer
        .run('renew the rollout lock', validUntil - Math.min(1000, plan.lockTtl / 10), (signal) => router.acquireLock(info(), { signal }))
        .then(() => (validUntil = asked + plan.lockTtl))
        .catch((e: unknown) => lost(`lost the rollout lock: ${message(e)}`))
        .finally(() => (renewing = false));
    },
    Math.max(50, Math.floor(plan.lockTtl / 3)),
  );
  timer.unref();
  return {
    onLost(f) {
      lost = f;
    },
    async release() {
      clearInterval(timer);
      await release().catch((e: unknown) =>
        d.log(`revgate: could not release the rollout lock: ${message(e)} (revgate status shows it; --break-lock takes a stale one)`),
      );
    },
  };
}
