// Where the emulated Azure Monitor gets its numbers: a pluggable traffic source (e.g. the local weighted
// proxy's `router.stats({ from, to })`), read through a simulated ingestion delay.

/** What one revision served in a window, as the source counts it (a superset is fine: `RevisionStats` fits). */
export interface TrafficSample {
  /** Every request (all outcomes). */
  requests: number;
  ok2xx: number;
  errors4xx: number;
  errors5xx: number;
  /** Full response times (ms) of the answered requests. */
  latencyMs: number[];
  /** Replicas of the revision (metric `Replicas`); the revision's ARM `replicas` when omitted. */
  replicas?: number;
  /** Container restarts in the window (metric `RestartCount`); 0 when omitted. */
  restarts?: number;
}

/** Per revision name (`<app>--<suffix>`), what was served in [from, to) (epoch ms). */
export type TrafficSource = (from: number, to: number) => Record<string, TrafficSample>;

export interface MonitorSettings {
  /** Data newer than now − this is not reported yet (Azure Monitor's ingestion latency). @default 0 */
  ingestionDelayMs: number;
  /** The Log Analytics workspace id served at `/v1/workspaces/{id}/query`. @default '11111111-2222-3333-4444-555555555555' */
  workspaceId: string;
}

/** The source read through the ingestion delay: the window is cut at now − delay (empty when nothing is ingested yet). */
export function ingested(
  source: TrafficSource | undefined,
  settings: MonitorSettings,
  from: number,
  to: number,
): Record<string, TrafficSample> {
  const end = Math.min(to, Date.now() - settings.ingestionDelayMs);
  if (source === undefined || end <= from) return {};
  return source(from, end);
}

/** The 3xx / canceled remainder of a sample (requests not 2xx, 4xx or 5xx). */
export function otherOf(s: TrafficSample): number {
  return Math.max(0, s.requests - s.ok2xx - s.errors4xx - s.errors5xx);
}

/** Milliseconds of an ISO 8601 duration such as `PT1M`, `PT30M`, `PT1H`, `P1D`; undefined when unreadable. */
export function parseIsoDuration(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text.trim());
  if (m === null || text.trim().toUpperCase() === 'P' || text.trim().toUpperCase() === 'PT') return undefined;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000;
}
