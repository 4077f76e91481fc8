// LiveMetrics on Azure Monitor: counts, replicas and restarts per revision from the container app's platform
// metrics (metrics:getBatch), latency per revision from Log Analytics — the two things an operator would read
// by hand with `az monitor metrics list` and a workspace query, for blue and green over the same window.
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { MetricsClient } from '@azure/monitor-query-metrics';
import { MonitorError } from '../../model/errors.js';
import { VERSION } from '../../model/version.js';
import type { LiveMetrics, LiveSourceInfo, RevisionWindow, WindowQuery } from '../../model/live.js';
import { resolveMonitorEndpoint } from './endpoint.js';
import { toMonitorError } from './errors.js';
import { queryLatency, type Latency, type LatencyCall } from './logs.js';
import { queryCounts, queryGauges } from './metrics.js';
import {
  checkOptions,
  DEFAULT_COLUMNS,
  DEFAULT_DELAY_MS,
  DEFAULT_LOGS_ENDPOINT,
  DEFAULT_MAX_SAMPLES,
  SOURCE,
  type AzureMonitorOptions,
} from './options.js';

/** A window whose data cannot have been ingested yet (it ends after now − delayMs): wait until `settlesAt`. */
export class MonitorWindowNotSettledError extends MonitorError {
  readonly settlesAt: Date;
  constructor(to: Date, delayMs: number) {
    const settlesAt = new Date(to.getTime() + delayMs);
    super(
      'RG_MONITOR_QUERY',
      SOURCE,
      `the window ending ${to.toISOString()} is not settled: Azure Monitor ingests data up to ${delayMs} ms late`,
      {
        hint: `query it after ${settlesAt.toISOString()} (delayMs sets the ingestion delay revgate waits for)`,
      },
    );
    this.settlesAt = settlesAt;
  }
}

/** The SDK's own retries under revgate's (see queryWithRetry): one, soon. */
export const DEFAULT_SDK_RETRY = { maxRetries: 1, retryDelayInMs: 250, maxRetryDelayInMs: 1000 };

// Builds the Azure Monitor live-metrics source; throws RG_MONITOR_QUERY on bad options or endpoints.
export function createAzureMonitorMetrics(options: AzureMonitorOptions): LiveMetrics {
  checkOptions(options);
  const insecure = options.allowInsecureLoopback ?? false;
  const common = {
    userAgentOptions: { userAgentPrefix: `revgate/${VERSION}` },
    // revgate retries a failing window itself (live.queryRetries); the SDK's own default (3 retries,
    // 1 s doubling up to 64 s) on top made a broken source take ~20 s to be noticed. One quick retry
    // for transient blips keeps "seen within one interval plus the retry budget".
    retryOptions: options.retry ?? DEFAULT_SDK_RETRY,
  };
  const metricsAt = resolveMonitorEndpoint('metrics', options.metricsEndpoint, insecure);
  const metrics = new MetricsClient(metricsAt.endpoint, options.credential, {
    ...common,
    ...(metricsAt.httpClient === undefined ? {} : { httpClient: metricsAt.httpClient }),
    credentials: { scopes: [`${options.metricsAudience ?? 'https://metrics.monitor.azure.com'}/.default`] },
  });
  let logs: Omit<LatencyCall, 'from' | 'to' | 'revisions' | 'signal'> | undefined;
  if (options.logs !== undefined) {
    const logsAt = resolveMonitorEndpoint('Log Analytics', options.logs.endpoint ?? DEFAULT_LOGS_ENDPOINT, insecure, '/v1');
    logs = {
      // The SDK (1.0) ignores an `audience` option: the token scope is set explicitly.
      client: new LogsQueryClient(options.credential, {
        ...common,
        endpoint: logsAt.endpoint,
        ...(logsAt.httpClient === undefined ? {} : { httpClient: logsAt.httpClient }),
        credentials: { scopes: [`${options.logs.audience ?? 'https://api.loganalytics.io'}/.default`] },
      }),
      workspaceId: options.logs.workspaceId,
      query: options.logs.query ?? 'app-insights',
      columns: { ...DEFAULT_COLUMNS, ...options.logs.columns },
      maxSamples: options.logs.maxSamples ?? DEFAULT_MAX_SAMPLES,
    };
  }
  const info: LiveSourceInfo = {
    name: SOURCE,
    delayMs: options.delayMs ?? DEFAULT_DELAY_MS,
    has: { latencySamples: logs !== undefined, latencyQuantiles: logs !== undefined, replicas: true, restarts: true },
    // Per-revision Requests count every request a revision served, revgate's own included.
    countsDirectRequests: true,
  };
  return new AzureMonitorMetrics(info, options, metrics, logs);
}

class AzureMonitorMetrics implements LiveMetrics {
  constructor(
    readonly info: LiveSourceInfo,
    private readonly options: AzureMonitorOptions,
    private readonly metrics: MetricsClient,
    private readonly logs: Omit<LatencyCall, 'from' | 'to' | 'revisions' | 'signal'> | undefined,
  ) {}

  private warn = (message: string): void => this.options.onWarning?.(message);

  // Runs one call, mapping its failures to MonitorError.
  private async call<T>(api: 'metrics' | 'logs', action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toMonitorError(error, api, action);
    }
  }

  async query(q: WindowQuery, o?: { signal?: AbortSignal }): Promise<Record<string, RevisionWindow>> {
    const { from, to } = q;
    const revisions = [...new Set(q.revisions)];
    if (!(from instanceof Date) || !(to instanceof Date) || !(from.getTime() < to.getTime())) {
      throw new MonitorError('RG_MONITOR_QUERY', SOURCE, `invalid window ${String(from)} → ${String(to)}: from must be before to`);
    }
    if (revisions.length === 0) throw new MonitorError('RG_MONITOR_QUERY', SOURCE, 'no revisions to query');
    if (to.getTime() > Date.now() - this.info.delayMs) throw new MonitorWindowNotSettledError(to, this.info.delayMs);

    // The three calls run together; when one fails the others are cancelled (no retries left running behind).
    const cancel = new AbortController();
    const signal = o?.signal === undefined ? cancel.signal : AbortSignal.any([o.signal, cancel.signal]);
    const guard = <T>(run: Promise<T>): Promise<T> =>
      run.catch((error: unknown) => {
        cancel.abort();
        throw error;
      });
    const call = { client: this.metrics, resourceId: this.options.resourceId, from, to, revisions, signal };
    const window = `${from.toISOString()}/${to.toISOString()}`;
    const [counts, gauges, latency] = await Promise.all([
      guard(this.call('metrics', `Requests of ${revisions.join(', ')} over ${window}`, () => queryCounts(call))),
      guard(this.call('metrics', `Replicas/RestartCount over ${window}`, () => queryGauges(call, this.warn))),
      this.logs === undefined
        ? Promise.resolve(undefined)
        : guard(
            this.call('logs', `latency query over ${window}`, () =>
              queryLatency({ ...this.logs!, from, to, revisions, signal }, this.warn),
            ),
          ),
    ]);
    return Object.fromEntries(
      revisions.map((revision): [string, RevisionWindow] => {
        const l: Latency | undefined = latency?.[revision];
        return [
          revision,
          { revision, ...counts[revision]!, latencyMs: l?.latencyMs ?? null, latency: l?.latency ?? null, ...gauges[revision]! },
        ];
      }),
    );
  }

  async close(): Promise<void> {
    // The SDK clients hold no resources that need closing.
  }
}
