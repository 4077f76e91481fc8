// The rollout lock, kept in one tag of the container app: `revgate-lock` = JSON {owner, runId, expiresAt}
// (also read: `owner|runId|expiresAt`). ARM has no compare-and-swap on tags, so acquiring is
// read → check → write → read back; the read-back catches a concurrent writer that won the race.
import { TrafficError } from '../../model/errors.js';
import type { LockInfo } from '../types.js';

export const LOCK_TAG = 'revgate-lock';
/** ARM limit on a tag value. */
const MAX_TAG_VALUE = 256;

// The tag value for a lock; refuses values ARM would reject.
export function encodeLock(lock: LockInfo): string {
  if (lock.owner === '' || Number.isNaN(Date.parse(lock.expiresAt))) {
    throw new TrafficError(
      'RG_TRAFFIC_PREFLIGHT',
      `invalid lock: owner ${JSON.stringify(lock.owner)}, expiresAt ${JSON.stringify(lock.expiresAt)}`,
    );
  }
  const value = JSON.stringify({ owner: lock.owner, runId: lock.runId, expiresAt: new Date(lock.expiresAt).toISOString() });
  if (value.length > MAX_TAG_VALUE) {
    throw new TrafficError('RG_TRAFFIC_PREFLIGHT', `lock tag value is ${value.length} characters; Azure allows ${MAX_TAG_VALUE}`, {
      hint: 'use a shorter owner or run id',
    });
  }
  return value;
}

// The lock a tag value describes; null when there is none. An unreadable value counts as a lock that
// expired long ago, so only `breakStale` removes it.
export function decodeLock(value: string | undefined): LockInfo | null {
  if (value === undefined || value.trim() === '') return null;
  try {
    const parsed = JSON.parse(value) as Partial<LockInfo>;
    if (typeof parsed.owner === 'string' && typeof parsed.expiresAt === 'string') {
      return { owner: parsed.owner, runId: typeof parsed.runId === 'string' ? parsed.runId : '', expiresAt: parsed.expiresAt };
    }
  } catch {
    // not JSON: try the compact form
  }
  const parts = value.split('|');
  if (parts.length >= 3 && !Number.isNaN(Date.parse(parts.at(-1)!))) {
    return { owner: parts.slice(0, -2).join('|'), runId: parts.at(-2)!, expiresAt: parts.at(-1)! };
  }
  return { owner: value.slice(0, 64), runId: '', expiresAt: new Date(0).toISOString() };
}

export function isStale(lock: LockInfo, now = Date.now()): boolean {
  const expires = Date.parse(lock.expiresAt);
  return Number.isNaN(expires) || expires <= now;
}

// Throws RG_TRAFFIC_LOCKED unless `wanted` may take the lock over `held`: free, same owner, or stale + breakStale.
export function checkAcquire(target: string, held: LockInfo | null, wanted: LockInfo, breakStale: boolean): void {
  if (held === null || held.owner === wanted.owner) return;
  const stale = isStale(held);
  if (stale && breakStale) return;
  const run = held.runId === '' ? '' : ` (run ${held.runId})`;
  throw new TrafficError(
    'RG_TRAFFIC_LOCKED',
    stale
      ? `${target} is locked by ${held.owner}${run}; the lock expired at ${held.expiresAt} (stale)`
      : `${target} is locked by ${held.owner}${run} until ${held.expiresAt}`,
    {
      hint: stale
        ? 'the holder probably crashed: break the stale lock explicitly (breakStale) once you are sure no rollout is running'
        : `another rollout is running; wait for it, or remove the '${LOCK_TAG}' tag if you know it is gone`,
    },
  );
}
