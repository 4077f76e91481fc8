// Azure Monitor SDK failures → MonitorError. The SDK has already retried 408/429/5xx and network errors.
import { isRestError } from '@azure/core-rest-pipeline';
import { MonitorError } from '../../model/errors.js';
import { SOURCE } from './options.js';

const AUTH_HINT = {
  metrics:
    'sign in (`az login`, or azure/login in CI) or pass a fresh token; the identity needs Microsoft.Insights/metrics/read on the container app ' +
    "(e.g. the Monitoring Reader role), and the token must be for the metrics audience (https://metrics.monitor.azure.com or the cloud's)",
  logs:
    "sign in or pass a fresh token; the identity needs read access to the workspace's data (e.g. the Log Analytics Reader role on the workspace), " +
    "and the token must be for https://api.loganalytics.io (or the cloud's)",
};

// The service's error code and message, from an `{ error: { code, message } }` body.
function serviceError(details: unknown): { code?: string; message?: string } {
  const error = (details as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : undefined,
    message: typeof error?.message === 'string' ? error.message : undefined,
  };
}

// Maps what a metrics or logs call threw to a MonitorError; aborts and MonitorErrors pass through.
export function toMonitorError(error: unknown, api: 'metrics' | 'logs', action: string): unknown {
  if (error instanceof MonitorError) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  if (isRestError(error)) {
    const status = error.statusCode;
    const { code, message } = serviceError(error.details);
    const what =
      status === undefined ? `request failed (${error.code ?? 'network error'})` : `HTTP ${status}${code === undefined ? '' : ` ${code}`}`;
    const text = `${action}: ${what}: ${message ?? error.message}`;
    if (status === 401 || status === 403) return new MonitorError('RG_MONITOR_AUTH', SOURCE, text, { cause: error, hint: AUTH_HINT[api] });
    const transient = status === undefined || status >= 500 || status === 429 || status === 408;
    return new MonitorError('RG_MONITOR_QUERY', SOURCE, text, {
      cause: error,
      hint: transient
        ? 'Azure Monitor did not answer after retries; try again later'
        : 'check the resource id, metric names, workspace id and query',
    });
  }
  return new MonitorError('RG_MONITOR_QUERY', SOURCE, `${action}: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}
