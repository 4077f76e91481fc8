// How the Monitor clients reach their endpoints: https as given (regional metrics, sovereign clouds), or a plain-http
// loopback emulator through the traffic adapter's loopback HttpClient (the SDK keeps seeing https, so the bearer
// policy still sends the token and retries run as in production; see src/traffic/azure/endpoint.ts).
import type { HttpClient } from '@azure/core-rest-pipeline';
import { MonitorError } from '../../model/errors.js';
import { isLoopbackHost, loopbackHttpClient } from '../../traffic/azure/endpoint.js';
import { SOURCE } from './options.js';

export interface MonitorEndpoint {
  /** The https URL given to the SDK (origin, plus a path for Log Analytics' `/v1`). */
  endpoint: string;
  httpClient: HttpClient | undefined;
}

const hint = (what: string): string =>
  `${what} endpoints are https (e.g. https://eastus.metrics.monitor.azure.com, https://api.loganalytics.io/v1); ` +
  'plain http is accepted only for a local emulator on 127.0.0.0/8, ::1 or localhost, with allowInsecureLoopback';

// Validates an endpoint; a path is kept (Log Analytics' /v1), `defaultPath` is used when there is none.
export function resolveMonitorEndpoint(what: string, raw: string, allowInsecureLoopback: boolean, defaultPath = ''): MonitorEndpoint {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MonitorError('RG_MONITOR_QUERY', SOURCE, `${what} endpoint ${JSON.stringify(raw)} is not a URL`, { hint: hint(what) });
  }
  if (url.search !== '' || url.username !== '' || url.password !== '') {
    throw new MonitorError('RG_MONITOR_QUERY', SOURCE, `${what} endpoint ${raw} must not carry a query or credentials`, {
      hint: hint(what),
    });
  }
  const path = url.pathname === '/' || url.pathname === '' ? defaultPath : url.pathname.replace(/\/+$/, '');
  if (url.protocol === 'https:') return { endpoint: url.origin + path, httpClient: undefined };
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) {
    throw new MonitorError('RG_MONITOR_QUERY', SOURCE, `refusing ${what} endpoint ${raw}: bearer tokens are only sent over https`, {
      hint: hint(what),
    });
  }
  if (!allowInsecureLoopback) {
    throw new MonitorError('RG_MONITOR_QUERY', SOURCE, `${what} endpoint ${raw} is plain http`, {
      hint: 'for a local emulator, set allowInsecureLoopback: true; Azure Monitor endpoints are https',
    });
  }
  const secure = `https://${url.host}`;
  return { endpoint: secure + path, httpClient: loopbackHttpClient(secure, `http://${url.host}`) };
}
