// An on-disk cache of embeddings and judge outputs: one JSON file per key, written atomically.
// Only measurement outputs go here (the kinds below); answers of the system under test never do.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../files/atomic-write.js';

/** What a cache entry holds. Deliberately closed: there is no kind for target responses. */
export type CacheKind = 'embedding' | 'judge.rubric' | 'judge.pairwise';

/** @default '.revgate-cache' (relative to the current directory) */
export const DEFAULT_CACHE_DIR = '.revgate-cache';
const ENTRY_VERSION = 1;

export interface CacheStats {
  hits: number;
  misses: number;
  writes: number;
  /** Writes that failed (read-only disk, …): the measurement still succeeds, only uncached. */
  writeErrors: number;
}

export interface SemanticCache {
  /** The directory, or undefined when caching is off. */
  readonly dir: string | undefined;
  /** The stored value, or undefined on a miss (absent, unreadable or corrupt entries are misses). */
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, meta: { kind: CacheKind; model: string }): Promise<void>;
  stats(): CacheStats;
}

/** The cache key: sha256 of (kind, model, input texts, parameters with sorted keys). */
export function cacheKey(kind: CacheKind, model: string, inputs: readonly string[], params: Record<string, unknown> = {}): string {
  const sorted = Object.fromEntries(
    Object.entries(params)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return createHash('sha256')
    .update(JSON.stringify([kind, model, inputs, sorted]))
    .digest('hex');
}

/** A cache under `dir` (2-char fan-out: `ab/abcdef….json`); `false` turns caching off. */
export function openCache(dir: string | false = DEFAULT_CACHE_DIR): SemanticCache {
  const stats: CacheStats = { hits: 0, misses: 0, writes: 0, writeErrors: 0 };
  if (dir === false) {
    return { dir: undefined, get: async () => (stats.misses++, undefined), set: async () => undefined, stats: () => ({ ...stats }) };
  }
  const root = dir;
  const fileOf = (key: string): string => join(root, key.slice(0, 2), `${key}.json`);

  async function get(key: string): Promise<unknown> {
    const entry = await readEntry(fileOf(key));
    if (entry === undefined) stats.misses++;
    else stats.hits++;
    return entry?.value;
  }

  // Write to a unique temp file in the same directory, then rename: readers never see half a file,
  // and concurrent writers of one key each rename a complete file (last one wins, same content).
  async function set(key: string, value: unknown, meta: { kind: CacheKind; model: string }): Promise<void> {
    const file = fileOf(key);
    try {
      await mkdir(join(root, key.slice(0, 2)), { recursive: true });
      // No fsync: a cache entry lost to a power cut is only measured again.
      await writeAtomic(file, JSON.stringify({ v: ENTRY_VERSION, ...meta, value }), { fsync: false });
      stats.writes++;
    } catch {
      stats.writeErrors++;
    }
  }

  return { dir: root, get, set, stats: () => ({ ...stats }) };
}

async function readEntry(file: string): Promise<{ value: unknown } | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || (parsed as { v?: unknown }).v !== ENTRY_VERSION) return undefined;
    return { value: (parsed as { value?: unknown }).value };
  } catch {
    return undefined;
  }
}
