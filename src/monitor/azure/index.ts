// Live metrics from Azure Monitor: platform metrics (counts, replicas, restarts) + Log Analytics (latency).
export { createAzureMonitorMetrics, MonitorWindowNotSettledError } from './source.js';
export { APP_INSIGHTS_QUERY, CONSOLE_LOGS_QUERY, renderLatencyQuery } from './kql.js';
export {
  DEFAULT_DELAY_MS,
  DEFAULT_LOGS_ENDPOINT,
  type AzureLogsOptions,
  type AzureMonitorOptions,
  type LatencyColumns,
  type LatencyQuery,
} from './options.js';
