// Options of the Azure Monitor live-metrics source, their defaults, and the checks made before any request.
import type { TokenCredential } from '@azure/identity';
import { MonitorError } from '../../model/errors.js';

/** Which latency query to run in Log Analytics (see kql.ts), or a custom KQL template with placeholders. */
export type LatencyQuery = 'app-insights' | 'console-logs' | (string & {});

/** Result columns of the latency query, by name (matched case-insensitively). */
export interface LatencyColumns {
  /** @default 'RevisionName' */
  revision: string;
  /** Requests behind the row (more than the samples when `make_list` was capped or telemetry sampled). @default 'Count' */
  count: string;
  /** Raw durations in ms (a dynamic array). @default 'Samples' */
  samples: string;
  /** @default 'P50' */
  p50: string;
  /** @default 'P95' */
  p95: string;
  /** @default 'P99' */
  p99: string;
  /** @default 'Mean' */
  mean: string;
}

export interface AzureLogsOptions {
  /** The Log Analytics workspace id (a GUID: the workspace's "Workspace ID", not its ARM id). */
  workspaceId: string;
  /** Log Analytics API base. An origin without a path gets `/v1`. @default 'https://api.loganalytics.io/v1' */
  endpoint?: string;
  /** Token audience (sovereign clouds, e.g. 'https://api.loganalytics.azure.cn'). @default 'https://api.loganalytics.io' */
  audience?: string;
  /** @default 'app-insights' */
  query?: LatencyQuery;
  /** Column names of a custom query's result. */
  columns?: Partial<LatencyColumns>;
  /** Raw samples returned per revision; above it only quantiles are used. @default 5000 */
  maxSamples?: number;
}

export interface AzureMonitorOptions {
  /** The container app's ARM id: /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.App/containerApps/{app}. */
  resourceId: string;
  /** The regional metrics endpoint, e.g. https://eastus.metrics.monitor.azure.com (the app's region). */
  metricsEndpoint: string;
  /** Token audience of the metrics endpoint (sovereign clouds). @default 'https://metrics.monitor.azure.com' */
  metricsAudience?: string;
  /** Per-revision latency from Log Analytics; without it latency is null (the ResponseTime metric has no revision dimension). */
  logs?: AzureLogsOptions;
  credential: TokenCredential;
  /** Azure Monitor's ingestion delay: windows ending later than now − delayMs are refused. @default 180000 */
  delayMs?: number;
  /** Accept plain `http://` endpoints on 127.0.0.0/8, ::1 or localhost (test emulators). @default false */
  allowInsecureLoopback?: boolean;
  /** The SDK clients' own retries of 408/429/5xx (revgate retries a failing window on top, live.queryRetries). @default { maxRetries: 1, retryDelayInMs: 250, maxRetryDelayInMs: 1000 } */
  retry?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
  /** Told about data that was used but is incomplete (a Log Analytics PartialFailure, a metric that failed). */
  onWarning?: (message: string) => void;
}

export const DEFAULT_DELAY_MS = 180_000;
export const DEFAULT_LOGS_ENDPOINT = 'https://api.loganalytics.io/v1';
export const DEFAULT_MAX_SAMPLES = 5000;
export const DEFAULT_COLUMNS: LatencyColumns = {
  revision: 'RevisionName',
  count: 'Count',
  samples: 'Samples',
  p50: 'P50',
  p95: 'P95',
  p99: 'P99',
  mean: 'Mean',
};

const RESOURCE_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.App\/containerApps\/[^/]+$/i;
export const SOURCE = 'azure-monitor';

// Throws RG_MONITOR_QUERY listing every problem of the options.
export function checkOptions(o: AzureMonitorOptions): void {
  const problems: string[] = [];
  if (typeof o.resourceId !== 'string' || !RESOURCE_ID.test(o.resourceId)) {
    problems.push(
      `resourceId ${JSON.stringify(o.resourceId)} is not a container app id (/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.App/containerApps/{app})`,
    );
  }
  if (o.delayMs !== undefined && !(Number.isFinite(o.delayMs) && o.delayMs >= 0))
    problems.push(`delayMs ${o.delayMs} must be a number ≥ 0`);
  if (o.logs !== undefined) {
    if (typeof o.logs.workspaceId !== 'string' || o.logs.workspaceId.trim() === '') problems.push('logs.workspaceId is required');
    const max = o.logs.maxSamples;
    if (max !== undefined && !(Number.isInteger(max) && max > 0)) problems.push(`logs.maxSamples ${max} must be a positive integer`);
  }
  if (problems.length > 0) {
    throw new MonitorError('RG_MONITOR_QUERY', SOURCE, `invalid options: ${problems.join('; ')}`, {
      hint: 'find the id with `az containerapp show -n <app> -g <rg> --query id -o tsv`, the workspace id with `az monitor log-analytics workspace show … --query customerId -o tsv`',
    });
  }
}
