// A live-metrics query with retries: `retries` more attempts after the first, exponential backoff
// (250 ms, 500 ms, 1 s, …). The last failure is thrown as a MonitorError: the caller records it as
// an `error` check (a broken metrics source is not a bad release, but never a pass either).
import { setTimeout as sleep } from 'node:timers/promises';
import { MonitorError } from '../model/errors.js';
import type { LiveMetrics, RevisionWindow, WindowQuery } from '../model/live.js';

export interface QueryRetryOptions {
  retries: number;
  /** First backoff; doubles per retry. @default 250 */
  backoffMs?: number;
  signal?: AbortSignal;
}

/** Query `metrics`, retrying failures; every asked revision is in the answer (a missing one is an error). */
export async function queryWithRetry(
  metrics: LiveMetrics,
  q: WindowQuery,
  o: QueryRetryOptions,
): Promise<{ data: Record<string, RevisionWindow>; attempts: number }> {
  let last: unknown;
  for (let attempt = 1; attempt <= o.retries + 1; attempt++) {
    o.signal?.throwIfAborted();
    try {
      const data = await metrics.query(q, o.signal ? { signal: o.signal } : undefined);
      const missing = q.revisions.filter((r) => data[r] === undefined);
      if (missing.length > 0) throw new MonitorError('RG_MONITOR_QUERY', metrics.info.name, `no data for ${missing.join(', ')}`);
      return { data, attempts: attempt };
    } catch (e) {
      if (o.signal?.aborted) throw e;
      last = e;
    }
    if (attempt <= o.retries)
      await sleep((o.backoffMs ?? 250) * 2 ** (attempt - 1), undefined, o.signal ? { signal: o.signal } : undefined);
  }
  if (last instanceof MonitorError) throw last;
  throw new MonitorError('RG_MONITOR_QUERY', metrics.info.name, last instanceof Error ? last.message : String(last), { cause: last });
}
