// Open the live-metrics source a rollout's `live:` section names: the local proxy's counters, or
// Azure Monitor (loaded lazily, so only that path imports @azure/*). A configured `delay` replaces
// the source's own ingestion delay: windows then end at now − delay.
import { UsageError } from '../model/errors.js';
import { createLocalLiveMetrics, type LocalStatsSource } from './local/index.js';
import type { LiveMetrics } from '../model/live.js';

/** Where live metrics come from (a rollout's `live.source`, `live.azure`, `live.delay`). */
export interface LiveSourceConfig {
  source: 'local' | 'azure-monitor';
  azure?: { resourceId: string; metricsEndpoint?: string; logs?: { workspaceId: string; endpoint?: string; query?: string } };
  /** Ingestion delay override, ms; undefined: the source's own. */
  delayMs?: number;
}

export interface OpenLiveOptions {
  /** The local proxy's counters (source local). */
  local?: LocalStatsSource;
  /** Azure: a static bearer token (`--token`) instead of DefaultAzureCredential; REVGATE_AZURE_MONITOR_TOKEN wins (metrics and logs have their own token audiences). */
  token?: string;
  env: Record<string, string | undefined>;
  /** Told about data used although incomplete (a Log Analytics PartialFailure, a metric that failed). */
  warn?: (message: string) => void;
}

/** Create the source; source local without a local proxy in this process is a usage error. */
export async function openLiveMetrics(live: LiveSourceConfig, o: OpenLiveOptions): Promise<LiveMetrics> {
  if (live.source === 'local') {
    if (!o.local)
      throw new UsageError(
        "live source local needs the local backend's proxy in this process",
        'use source: azure-monitor with an azure-container-apps backend',
      );
    return createLocalLiveMetrics(o.local, live.delayMs !== undefined ? { delayMs: live.delayMs } : {});
  }
  return openAzure(live, o);
}

/** Azure Monitor metrics (+ Log Analytics for latency), with the backend's credential resolution. */
async function openAzure(live: LiveSourceConfig, o: OpenLiveOptions): Promise<LiveMetrics> {
  const azure = live.azure;
  if (!azure?.metricsEndpoint)
    throw new UsageError('live source azure-monitor needs azure.metricsEndpoint', 'e.g. https://westeurope.metrics.monitor.azure.com');
  const [{ createAzureMonitorMetrics }, { resolveAzureCredential }] = await Promise.all([
    import('./azure/index.js'),
    import('../traffic/azure/index.js'),
  ]);
  const token = o.env.REVGATE_AZURE_MONITOR_TOKEN ?? o.token;
  const credential = await resolveAzureCredential({ ...(token ? { token } : {}), env: o.env });
  const loopback = (url: string | undefined) => url === undefined || url.startsWith('http://');
  return createAzureMonitorMetrics({
    resourceId: azure.resourceId,
    metricsEndpoint: azure.metricsEndpoint,
    credential,
    ...(azure.logs ? { logs: azure.logs } : {}),
    ...(live.delayMs !== undefined ? { delayMs: live.delayMs } : {}),
    // Plain http only reaches a loopback emulator (the source refuses any other http endpoint).
    ...(azure.metricsEndpoint.startsWith('http://') && (azure.logs === undefined || loopback(azure.logs.endpoint))
      ? { allowInsecureLoopback: true }
      : {}),
    ...(o.warn ? { onWarning: o.warn } : {}),
  });
}
