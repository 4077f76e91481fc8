// LiveMetrics over the embedded local proxy's own counters (src/traffic/local `router.stats`): the
// demo and the tests run the same live analysis as production, offline. Raw latency samples are
// kept (has.latencySamples); replicas and restarts are not known locally.
//
// `delayMs` emulates an ingestion delay: requests that finished less than `delayMs` before the
// query are not visible yet (as with Azure Monitor), and the source advertises that delay so the
// analysis shifts its windows back by it. Default 0: the proxy's counters are live.
import { MonitorError } from '../../model/errors.js';
import type { RevisionStats, StatsWindow } from '../../traffic/local/index.js';
import type { LiveMetrics, LiveSourceInfo, RevisionWindow } from '../../model/live.js';

/** What the source reads: the local router's per-revision counters (LocalRouter.stats). */
export interface LocalStatsSource {
  stats(window?: StatsWindow): Record<string, RevisionStats>;
}

export interface LocalLiveOptions {
  /** Emulated ingestion delay, ms. @default 0 */
  delayMs?: number;
  /** Clock (tests). @default Date.now */
  now?: () => number;
}

/** A LiveMetrics source over the local proxy's counters. */
export function createLocalLiveMetrics(source: LocalStatsSource, o: LocalLiveOptions = {}): LiveMetrics {
  const delayMs = o.delayMs ?? 0;
  const now = o.now ?? Date.now;
  const info: LiveSourceInfo = {
    name: 'local',
    delayMs,
    has: { latencySamples: true, latencyQuantiles: true, replicas: false, restarts: false },
  };
  let closed = false;
  return {
    info,
    async query(q, options) {
      options?.signal?.throwIfAborted();
      if (closed) throw new MonitorError('RG_MONITOR_QUERY', 'local', 'the source is closed');
      // Only what has been "ingested": requests that finished before now − delay.
      const to = Math.min(q.to.getTime(), now() - delayMs);
      const from = q.from.getTime();
      let stats: Record<string, RevisionStats>;
      try {
        stats = to > from ? source.stats({ from, to }) : {};
      } catch (e) {
        throw new MonitorError(
          'RG_MONITOR_QUERY',
          'local',
          `reading the proxy's counters failed: ${e instanceof Error ? e.message : String(e)}`,
          { cause: e },
        );
      }
      return Object.fromEntries(q.revisions.map((r) => [r, toWindow(r, stats[r])]));
    },
    async close() {
      closed = true;
    },
  };
}

// Canceled requests (the client went away first) are neither answers nor errors: out of the counts.
function toWindow(revision: string, s: RevisionStats | undefined): RevisionWindow {
  if (!s) return { revision, requests: 0, errors5xx: 0, errors4xx: 0, latencyMs: [], latency: null, replicas: null, restarts: null };
  return {
    revision,
    requests: s.requests - s.canceled,
    errors5xx: s.errors5xx,
    errors4xx: s.errors4xx,
    latencyMs: [...s.latencyMs],
    latency: null,
    replicas: null,
    restarts: null,
  };
}
