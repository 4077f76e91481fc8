// The rollout lock as a JSON file (<stateDir>/locks/<app>.json), created atomically and broken only when stale.
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname } from 'node:path';
import { TrafficError } from '../../model/errors.js';
import type { LockInfo, RouterCallOptions } from '../types.js';

const isCode = (error: unknown, code: string): boolean => (error as NodeJS.ErrnoException | null)?.code === code;

const jsonText = (data: unknown): string => `${JSON.stringify(data, null, 2)}\n`;

// Writes `data` to a fresh temp file next to `path` and returns its name.
async function temp(path: string, data: unknown): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomUUID()}.tmp`;
  await writeFile(tmp, jsonText(data), { flag: 'wx' });
  return tmp;
}

// Reads the lock; an unreadable file counts as a stale lock of an unknown owner.
export async function readLockFile(path: string): Promise<LockInfo | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return null;
    throw new TrafficError('RG_TRAFFIC_API', `cannot read the lock ${path}: ${String(error)}`, { cause: error });
  }
  try {
    const lock = JSON.parse(text) as Partial<LockInfo>;
    if (typeof lock.owner === 'string' && typeof lock.expiresAt === 'string' && typeof lock.runId === 'string') {
      return { owner: lock.owner, expiresAt: lock.expiresAt, runId: lock.runId };
    }
  } catch {
    // fall through
  }
  return { owner: `unknown (unreadable lock file ${path})`, expiresAt: new Date(0).toISOString(), runId: '' };
}

// Runs `fn` while holding <path>.breaking, so that breakers of a stale lock go one at a time (a live lock is
// never moved: only a lock re-read as stale under the mutex is). A mutex left by a crash expires after 10 s.
async function underBreakMutex(path: string, fn: () => Promise<void>): Promise<void> {
  const mutex = `${path}.breaking`;
  for (let i = 0; ; i++) {
    try {
      await writeFile(mutex, new Date().toISOString(), { flag: 'wx' });
      break;
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw new TrafficError('RG_TRAFFIC_API', `cannot create ${mutex}: ${String(error)}`, { cause: error });
      const age = await stat(mutex).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 10_000) await unlink(mutex).catch(() => undefined);
      else if (i > 200) throw new TrafficError('RG_TRAFFIC_LOCKED', `${path} is being broken by another process`);
      else await sleep(10);
    }
  }
  try {
    await fn();
  } finally {
    await unlink(mutex).catch(() => undefined);
  }
}

const isStale = (lock: LockInfo, now: number): boolean => !(Date.parse(lock.expiresAt) > now);

// Takes the lock. The file is written in full under a temp name, then hard-linked into place: link fails
// atomically when the lock exists (like open 'wx') and a reader never sees a half-written lock.
export async function acquireLockFile(path: string, lock: LockInfo, breakStale: boolean): Promise<void> {
  const tmp = await temp(path, lock);
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        await link(tmp, path);
        return;
      } catch (error) {
        if (!isCode(error, 'EEXIST'))
          throw new TrafficError('RG_TRAFFIC_API', `cannot create the lock ${path}: ${String(error)}`, { cause: error });
      }
      const held = await readLockFile(path);
      if (!held) continue; // released meanwhile
      if (held.owner === lock.owner) {
        await rename(tmp, path); // renewal by the same owner
        return;
      }
      const stale = isStale(held, Date.now());
      if (!stale || !breakStale) {
        throw new TrafficError(
          'RG_TRAFFIC_LOCKED',
          `locked by ${held.owner} (run ${held.runId || '?'}, ${stale ? 'stale since' : 'until'} ${held.expiresAt})`,
          {
            hint: stale
              ? 'the lock expired: if that rollout is gone, break the stale lock (breakStale / --break-stale)'
              : 'another rollout of this app is in progress: wait for it, or abort it',
          },
        );
      }
      await underBreakMutex(path, async () => {
        // Re-check under the mutex: another breaker may have replaced the stale lock with its live one.
        const now = await readLockFile(path);
        if (!now || now.owner === lock.owner || !isStale(now, Date.now())) return;
        const aside = `${path}.${randomUUID()}.broken`;
        await rename(path, aside).catch(() => undefined);
        await unlink(aside).catch(() => undefined);
      });
    }
    throw new TrafficError('RG_TRAFFIC_LOCKED', `could not take the lock ${path}: it keeps changing hands`);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

// Releases the lock when `owner` holds it; a no-op otherwise (someone else's lock is left alone).
export async function releaseLockFile(path: string, owner: string): Promise<void> {
  const held = await readLockFile(path);
  if (!held || held.owner !== owner) return;
  await unlink(path).catch((error: unknown) => {
    if (!isCode(error, 'ENOENT'))
      throw new TrafficError('RG_TRAFFIC_API', `cannot release the lock ${path}: ${String(error)}`, { cause: error });
  });
}

// Writes JSON atomically (temp file + rename); returns the text written.
export async function writeJsonAtomic(path: string, data: unknown): Promise<string> {
  const tmp = await temp(path, data);
  try {
    await rename(tmp, path);
    return jsonText(data);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw new TrafficError('RG_TRAFFIC_API', `cannot write ${path}: ${String(error)}`, { cause: error });
  }
}

// The lock half of a TrafficRouter, over a lock file.
export class FileLocked {
  constructor(protected readonly lockPath: string) {}

  async readLock(options?: RouterCallOptions): Promise<LockInfo | null> {
    options?.signal?.throwIfAborted();
    return readLockFile(this.lockPath);
  }

  /** Same owner: renews. Another owner's live lock, or a stale one without breakStale: RG_TRAFFIC_LOCKED. */
  async acquireLock(lock: LockInfo, options?: RouterCallOptions & { breakStale?: boolean }): Promise<void> {
    options?.signal?.throwIfAborted();
    await acquireLockFile(this.lockPath, lock, options?.breakStale === true);
  }

  /** A no-op unless `owner` holds the lock. */
  async releaseLock(owner: string, options?: RouterCallOptions): Promise<void> {
    options?.signal?.throwIfAborted();
    await releaseLockFile(this.lockPath, owner);
  }
}
