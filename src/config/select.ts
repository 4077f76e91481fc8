// Case selection for `compare`, `record` and `diff`: `--filter` (a regular expression on the case
// id), `--tag` (repeatable; a case must carry every tag) and `--limit` (a sample stratified by tag,
// seeded). Applied in that order; the kept cases stay in file order. Pure: no I/O.
//
// The sample is deterministic: within each tag group the cases with the smallest
// sha256(seed, case id) are kept (as rollout/analysis.ts `sampleCases` does), so the same seed
// picks the same cases on every machine — which is what lets `--shard k/n` jobs of one run agree
// on the selected set before splitting it.
import { createHash } from 'node:crypto';
import { UsageError } from '../model/errors.js';
import type { Selection } from '../model/report.js';
import type { ResolvedSuite } from './resolved.js';

export interface SelectionCriteria {
  /** JavaScript regular expression tested against each case id. */
  filter?: string | undefined;
  /** Keep the cases carrying every one of these tags. */
  tags?: readonly string[] | undefined;
  /** Keep at most this many cases, a sample stratified by first tag. */
  limit?: number | undefined;
  /** Seed of the `limit` sample. @default 1 (selectCases: the suite's sampling.seed, else 1) */
  seed?: number | undefined;
}

/** What can be selected: a golden case, or a case record of a report (`diff`). */
export interface Selectable {
  id: string;
  tags?: readonly string[];
}

const FILTER_HINT = 'the filter is a JavaScript regular expression tested against each case id, e.g. --filter "^cdc-" (quote it)';
const NONE_HINT =
  '--filter is tested against case ids, --tag keeps cases carrying every tag given: check the ids and tags in the golden files';
/** The group of cases without any tag (tags are non-empty strings, so this key never clashes). */
const UNTAGGED = '';

/** True when the criteria select anything at all (no flag given: every case runs, no selection recorded). */
export function hasCriteria(c: SelectionCriteria): boolean {
  return c.filter !== undefined || (c.tags !== undefined && c.tags.length > 0) || c.limit !== undefined;
}

/** The suite restricted to the selected cases (file order kept), carrying the selection for the report. */
export function selectCases(suite: ResolvedSuite, criteria: SelectionCriteria): ResolvedSuite & { selection: Selection } {
  const seed = criteria.seed ?? suite.sampling.seed ?? 1;
  const { items, selection } = selectItems(suite.cases, { ...criteria, seed });
  return { ...suite, cases: items, selection };
}

/** Filter, then tags, then limit; UsageError (exit 4) on a bad regex or limit, or when nothing is left. */
export function selectItems<T extends Selectable>(items: readonly T[], criteria: SelectionCriteria): { items: T[]; selection: Selection } {
  const { filter, limit } = criteria;
  const tags = criteria.tags ?? [];
  const seed = criteria.seed ?? 1;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
    throw new UsageError(`invalid --limit ${limit}: expected a whole number ≥ 1`, 'e.g. --limit 50');
  let kept = [...items];
  if (filter !== undefined) {
    const re = compile(filter);
    kept = kept.filter((c) => re.test(c.id));
  }
  if (tags.length > 0) kept = kept.filter((c) => tags.every((t) => c.tags?.includes(t) === true));
  if (limit !== undefined) kept = stratifiedSample(kept, limit, seed);
  const selection: Selection = {
    ...(filter === undefined ? {} : { filter }),
    ...(tags.length === 0 ? {} : { tags: [...tags] }),
    ...(limit === undefined ? {} : { limit, seed }),
    selected: kept.length,
    of: items.length,
  };
  if (kept.length === 0) throw new UsageError(`no case matches ${criteriaText(selection)} (of ${items.length} cases)`, NONE_HINT);
  return { items: kept, selection };
}

function compile(filter: string): RegExp {
  try {
    return new RegExp(filter);
  } catch (e) {
    throw new UsageError(`invalid --filter "${filter}": ${e instanceof Error ? e.message : String(e)}`, FILTER_HINT);
  }
}

function criteriaText(s: Selection): string {
  return [
    ...(s.filter === undefined ? [] : [`--filter "${s.filter}"`]),
    ...(s.tags ?? []).map((t) => `--tag ${t}`),
    ...(s.limit === undefined ? [] : [`--limit ${s.limit}`]),
  ].join(' ');
}

/**
 * `limit` of `items`, stratified by first tag (cases without tags form one group): each group's
 * share is proportional to its size (see `allocate`), and within a group the cases with the
 * smallest sha256(seed, id) are kept. File order is kept.
 */
export function stratifiedSample<T extends Selectable>(items: readonly T[], limit: number, seed: number): T[] {
  if (limit >= items.length) return [...items];
  const groups = new Map<string, T[]>();
  for (const c of items) {
    const key = c.tags?.[0] ?? UNTAGGED;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const lists = [...groups.values()];
  const counts = allocate(
    lists.map((g) => g.length),
    limit,
  );
  const keyOf = new Map(items.map((c) => [c, createHash('sha256').update(`${seed}\0${c.id}`).digest('hex')]));
  const picked = new Set<T>();
  lists.forEach((group, i) => {
    const order = [...group].sort((a, b) => keyOf.get(a)!.localeCompare(keyOf.get(b)!));
    for (const c of order.slice(0, counts[i])) picked.add(c);
  });
  return items.filter((c) => picked.has(c));
}

/**
 * Share `n` slots among groups of `sizes` (n ≤ their sum): largest-remainder (Hamilton)
 * apportionment of n·size/total, then at least one slot for each of the min(n, groups) largest
 * groups — a small tag is still represented — each taken from the group furthest above its quota.
 * Ties go to the larger group, then the earlier one, so the result depends on the sizes only.
 */
export function allocate(sizes: readonly number[], n: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const quota = sizes.map((s) => (n * s) / total);
  const alloc = quota.map((q) => Math.floor(q));
  const indexes = sizes.map((_, i) => i);
  const larger = (i: number, j: number) => sizes[j]! - sizes[i]! || i - j;
  let left = n - alloc.reduce((a, b) => a + b, 0);
  for (const i of [...indexes].sort((i, j) => quota[j]! - alloc[j]! - (quota[i]! - alloc[i]!) || larger(i, j))) {
    if (left === 0) break;
    alloc[i]!++;
    left--;
  }
  const floor = indexes.map(() => 0);
  const bySize = [...indexes].sort(larger);
  for (const i of bySize.slice(0, Math.min(n, sizes.length))) floor[i] = 1;
  for (const i of bySize) {
    if (alloc[i]! >= floor[i]!) continue;
    // A donor always exists: the slots sum to n and the floors to at most n, one of them still 0.
    let donor = -1;
    for (const j of indexes)
      if (alloc[j]! > floor[j]! && (donor === -1 || alloc[j]! - quota[j]! > alloc[donor]! - quota[donor]!)) donor = j;
    alloc[donor]!--;
    alloc[i]!++;
  }
  return alloc;
}
