// Shards of a suite for `revgate compare --shard k/n`: a deterministic slice of the cases that is
// the same on every machine. Pure: no I/O.
//
// A case belongs to shard (FNV-1a-32(UTF-8 bytes of its id) mod n) + 1. The assignment depends on
// the case id and n only — not on the case's position, the golden file order or the other cases —
// so adding or removing a case never moves another one to a different shard, and the n shards
// are disjoint and together hold every case exactly once.
import { UsageError } from '../model/errors.js';
import type { ResolvedSuite, Shard } from './resolved.js';

const SHARD = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;
const HINT = 'write --shard <k>/<n> with 1 ≤ k ≤ n, e.g. --shard 1/4 … --shard 4/4 (one job per shard, then `revgate merge`)';

/** Parse `k/n`; throws UsageError (exit 4) with a hint for anything else (`3/2`, `0/2`, `x`). */
export function parseShard(text: string): Shard {
  const m = SHARD.exec(text);
  if (!m) throw new UsageError(`invalid --shard "${text}": expected <k>/<n>`, HINT);
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1) throw new UsageError(`invalid --shard "${text}": the shard count must be at least 1`, HINT);
  if (index < 1 || index > total) throw new UsageError(`invalid --shard "${text}": shard ${index} is outside 1..${total}`, HINT);
  return { index, total };
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text` (Fowler–Noll–Vo; offset basis 2166136261, prime 16777619). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The 1-based shard a case id belongs to when the suite is cut into `total` shards. */
export function shardOf(caseId: string, total: number): number {
  return (fnv1a32(caseId) % total) + 1;
}

/** The suite restricted to the cases of `shard` (golden order kept), carrying the shard for the report. */
export function selectShard(suite: ResolvedSuite, shard: Shard): ResolvedSuite {
  return { ...suite, cases: suite.cases.filter((c) => shardOf(c.id, shard.total) === shard.index), shard };
}
