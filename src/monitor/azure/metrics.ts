// Counts, replicas and restarts per revision from Azure Monitor platform metrics of the container app, as
// `az monitor metrics list --metric Requests --aggregation Total --interval PT1M --filter "revisionName eq '…'
// and statusCodeCategory eq '*'"` would show them, summed over the window.
//
// Trap: when a filter splits by a dimension, the service returns only the top 10 series unless `top` says
// otherwise. Every call here names its revisions and sets `top` above the number of series it can produce,
// and a result that fills `top` anyway is refused rather than summed short.
import type { MetricsClient, MetricsQueryResourcesOptions } from '@azure/monitor-query-metrics';
import { MonitorError } from '../../model/errors.js';
import { SOURCE } from './options.js';

export const NAMESPACE = 'Microsoft.App/containerApps';
/** Status code categories the Requests metric reports (1xx included for safety). */
const CATEGORIES = 5;

export interface MetricCounts {
  requests: number;
  errors5xx: number;
  errors4xx: number;
}

export interface RevisionGauges {
  replicas: number | null;
  restarts: number | null;
}

type Metric = Awaited<ReturnType<MetricsClient['queryResources']>>[number]['metrics'][number];
type Call = {
  client: MetricsClient;
  resourceId: string;
  from: Date;
  to: Date;
  revisions: readonly string[];
  signal: AbortSignal | undefined;
};

const quote = (value: string): string => `'${value.replace(/'/g, "''")}'`;
// `revisionName eq 'a' or revisionName eq 'b'` (or binds values of one dimension, as in Azure's filter grammar).
export const revisionFilter = (revisions: readonly string[]): string => revisions.map((r) => `revisionName eq ${quote(r)}`).join(' or ');

// A dimension's value on a series (names compared case-insensitively; the SDK flattens localizable names).
function dimension(series: Metric['timeseries'][number], name: string): string | undefined {
  const meta = series.metadatavalues?.find((m) => String(m.name ?? '').toLowerCase() === name.toLowerCase());
  return meta?.value;
}

async function query(call: Call, names: string[], options: MetricsQueryResourcesOptions): Promise<Metric[]> {
  // abortSignal is an OperationOptions field the SDK forwards, though its public options type omits it.
  const withSignal = {
    ...options,
    interval: 'PT1M',
    startTime: call.from,
    endTime: call.to,
    abortSignal: call.signal,
  } as MetricsQueryResourcesOptions;
  const [result] = await call.client.queryResources([call.resourceId], names, NAMESPACE, withSignal);
  const metrics = result?.metrics ?? [];
  for (const name of names) {
    if (!metrics.some((m) => String(m.name).toLowerCase() === name.toLowerCase())) {
      throw new MonitorError('RG_MONITOR_QUERY', SOURCE, `metric ${name} is missing from the answer for ${call.resourceId}`);
    }
  }
  return metrics;
}

const byName = (metrics: Metric[], name: string): Metric => metrics.find((m) => String(m.name).toLowerCase() === name.toLowerCase())!;

// Requests per revision and status code category, summed over the window.
export async function queryCounts(call: Call): Promise<Record<string, MetricCounts>> {
  const top = Math.max(10, call.revisions.length * CATEGORIES + 1);
  const metrics = await query(call, ['Requests'], {
    aggregation: 'Total',
    filter: `${revisionFilter(call.revisions)} and statusCodeCategory eq '*'`,
    top,
  });
  const requests = byName(metrics, 'Requests');
  if (requests.errorCode !== undefined && requests.errorCode !== 'Success') {
    throw new MonitorError(
      'RG_MONITOR_QUERY',
      SOURCE,
      `metric Requests: ${requests.errorCode}${requests.errorMessage ? `: ${requests.errorMessage}` : ''}`,
    );
  }
  if (requests.timeseries.length >= top) {
    throw new MonitorError(
      'RG_MONITOR_QUERY',
      SOURCE,
      `metric Requests returned ${requests.timeseries.length} series, the limit asked (top=${top}): the counts would be cut short`,
    );
  }
  const out: Record<string, MetricCounts> = Object.fromEntries(call.revisions.map((r) => [r, { requests: 0, errors5xx: 0, errors4xx: 0 }]));
  for (const series of requests.timeseries) {
    const revision = call.revisions.find((r) => r.toLowerCase() === dimension(series, 'revisionName')?.toLowerCase());
    if (revision === undefined) continue;
    const total = (series.data ?? []).reduce((sum, point) => sum + (point.total ?? 0), 0);
    const category = dimension(series, 'statusCodeCategory')?.toLowerCase();
    const counts = out[revision]!;
    counts.requests += total;
    if (category === '5xx') counts.errors5xx += total;
    if (category === '4xx') counts.errors4xx += total;
  }
  return out;
}

// Replicas (largest per-minute Maximum) and RestartCount (sum of Total) per revision; null where a metric
// reports an error for the dimension (reported through `warn`), replicas null where no minute had a value.
export async function queryGauges(call: Call, warn: (message: string) => void): Promise<Record<string, RevisionGauges>> {
  const top = Math.max(10, call.revisions.length + 1);
  const metrics = await query(call, ['Replicas', 'RestartCount'], {
    aggregation: 'Maximum,Total',
    filter: revisionFilter(call.revisions),
    top,
  });
  const out: Record<string, RevisionGauges> = Object.fromEntries(call.revisions.map((r) => [r, { replicas: null, restarts: null }]));
  for (const [name, field] of [
    ['Replicas', 'replicas'],
    ['RestartCount', 'restarts'],
  ] as const) {
    const metric = byName(metrics, name);
    if (metric.errorCode !== undefined && metric.errorCode !== 'Success') {
      warn(`metric ${name} unavailable (${metric.errorCode}${metric.errorMessage ? `: ${metric.errorMessage}` : ''}); ${field} left null`);
      continue;
    }
    for (const revision of call.revisions) {
      const series = metric.timeseries.filter((s) => dimension(s, 'revisionName')?.toLowerCase() === revision.toLowerCase());
      const points = series.flatMap((s) => s.data ?? []);
      if (field === 'replicas') {
        const maxima = points.map((p) => p.maximum).filter((v): v is number => typeof v === 'number');
        out[revision]!.replicas = maxima.length === 0 ? null : Math.max(...maxima);
      } else {
        // No series for a revision that answered the metric: no restart was recorded.
        out[revision]!.restarts = points.reduce((sum, p) => sum + (p.total ?? 0), 0);
      }
    }
  }
  return out;
}
