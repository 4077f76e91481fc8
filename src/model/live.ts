// The narrow contract for live metrics during a canary (Argo Rollouts' metric providers in
// spirit): per revision, over one time window, request and error counts, latency (raw samples
// where the source keeps them, quantiles where it only aggregates), replicas and restarts.
// Implementations: Azure Monitor metrics + Log Analytics (src/monitor/azure/), and the embedded
// local proxy's own counters (src/monitor/local/).

export interface WindowQuery {
  from: Date;
  to: Date;
  /** Revision names to report (blue and green). */
  revisions: readonly string[];
}

export interface RevisionWindow {
  revision: string;
  requests: number;
  errors5xx: number;
  errors4xx: number;
  /** Raw latency samples (ms) when the source has them; null when it only aggregates. */
  latencyMs: number[] | null;
  /** Aggregated latency (ms) when only aggregates exist (or as a convenience alongside samples). */
  latency: { p50: number | null; p95: number | null; p99: number | null; mean: number | null } | null;
  replicas: number | null;
  restarts: number | null;
}

export interface LiveSourceInfo {
  /** e.g. `azure-monitor`, `local`. */
  name: string;
  /**
   * Ingestion delay: data for an instant is complete only this long after it. A window ending
   * later than now − delay is never judged (its data cannot have arrived yet).
   */
  delayMs: number;
  /** Which fields this source can fill (for "where raw samples exist" decisions). */
  has: { latencySamples: boolean; latencyQuantiles: boolean; replicas: boolean; restarts: boolean };
  /**
   * The source counts every request a revision served, including those sent to the revision's own
   * URL (Azure Monitor's per-revision Requests), not only those through the app's ingress. revgate's
   * own requests (probes, golden replays) are then subtracted before judging user traffic. @default false
   */
  countsDirectRequests?: boolean;
}

export interface LiveMetrics {
  readonly info: LiveSourceInfo;
  /** Metrics per revision over [from, to). Throws MonitorError when the source fails. */
  query(q: WindowQuery, options?: { signal?: AbortSignal }): Promise<Record<string, RevisionWindow>>;
  close(): Promise<void>;
}
