// Resolve the `rollout:` section: expand ${ENV} references (subscription id, local revision URLs, replay URLs) and
// report every problem at once with the suite's file and YAML path.
import type { ConfigIssue } from '../model/errors.js';
import type { ResolvedLive, ResolvedRollout } from '../rollout/options.js';
import { expandEnv } from './env.js';
import type { LiveFile } from '../rollout/live-schema.js';
import type { BackendConfig, RolloutFile } from '../rollout/schema.js';

/** A placeholder replay URL for suites whose targets come from the rollout's revisions. */
export const ROLLOUT_PENDING_URL = 'http://revision-url-from-rollout.invalid/';

type Located = (path: (string | number)[]) => { path: string; line?: number };

/** Expand and check the rollout section; problems are pushed to `issues`. */
export function resolveRollout(
  r: RolloutFile,
  env: Record<string, string | undefined>,
  file: string,
  at: Located,
  issues: ConfigIssue[],
): ResolvedRollout {
  const expand = (path: (string | number)[], value: string): string => {
    const x = expandEnv(value, env);
    for (const name of x.missing)
      issues.push({
        file,
        ...at(path),
        message: `environment variable ${name} is not set`,
        hint: `export ${name}=… before running revgate`,
      });
    return x.value;
  };
  const checkUrl = (path: (string | number)[], url: string) => {
    try {
      if (!/^https?:$/.test(new URL(url).protocol)) throw new Error('not http');
    } catch {
      issues.push({ file, ...at(path), message: `not an http(s) URL: ${url}`, hint: 'use an absolute URL, e.g. http://127.0.0.1:8081' });
    }
  };
  const backend: BackendConfig =
    r.backend.kind === 'azure-container-apps'
      ? { ...r.backend, subscriptionId: expand(['rollout', 'backend', 'subscriptionId'], r.backend.subscriptionId) }
      : {
          ...r.backend,
          revisions: r.backend.revisions.map((x, i) => {
            const path = ['rollout', 'backend', 'revisions', i, 'url'];
            const before = issues.length;
            const url = expand(path, x.url);
            if (issues.length === before) checkUrl(path, url);
            return { ...x, url };
          }),
        };
  const urls: Record<string, string> = {};
  for (const [name, url] of Object.entries(r.urls)) {
    const path = ['rollout', 'urls', name];
    const before = issues.length;
    urls[name] = expand(path, url);
    // `label:<name>` asks for the Azure label URL, built from the app's ingress FQDN at pre-flight.
    if (issues.length === before && !/^label:[a-z0-9-]+$/.test(urls[name])) checkUrl(path, urls[name]);
  }
  if (r.urlPath !== '' && !r.urlPath.startsWith('/'))
    issues.push({
      file,
      ...at(['rollout', 'urlPath']),
      message: `urlPath must start with "/", got "${r.urlPath}"`,
      hint: 'e.g. urlPath: /v1',
    });
  const { live: liveFile, ...rest } = r;
  const live = liveFile ? resolveLive(liveFile, r, backend, expand) : undefined;
  const state = resolveState(r.state, expand, checkUrl);
  return { ...rest, backend, urls, state, ...(live ? { live } : {}) };
}

/** Defaults from the rollout (interval, onInconclusive) and the Azure resource id from the backend. */
function resolveLive(
  l: LiveFile,
  r: RolloutFile,
  backend: BackendConfig,
  expand: (path: (string | number)[], v: string) => string,
): ResolvedLive {
  const path = (...p: string[]) => ['rollout', 'live', 'azure', ...p];
  let azure: ResolvedLive['azure'];
  if (l.source === 'azure-monitor') {
    const resourceId =
      l.azure?.resourceId !== undefined
        ? expand(path('resourceId'), l.azure.resourceId)
        : backend.kind === 'azure-container-apps'
          ? `/subscriptions/${backend.subscriptionId}/resourceGroups/${backend.resourceGroup}/providers/Microsoft.App/containerApps/${backend.app}`
          : '';
    const logs = l.azure?.logs
      ? { ...l.azure.logs, workspaceId: expand(path('logs', 'workspaceId'), l.azure.logs.workspaceId) }
      : undefined;
    const metricsEndpoint = l.azure?.metricsEndpoint !== undefined ? expand(path('metricsEndpoint'), l.azure.metricsEndpoint) : undefined;
    azure = { resourceId, ...(metricsEndpoint ? { metricsEndpoint } : {}), ...(logs ? { logs } : {}) };
  }
  return {
    source: l.source,
    ...(azure ? { azure } : {}),
    ...(l.delay !== undefined ? { delayMs: l.delay } : {}),
    intervalMs: l.interval ?? r.analysisInterval,
    windowMs: l.window,
    minRequests: l.minRequests,
    maxErrorRate: l.maxErrorRate,
    maxErrorRateIncrease: l.maxErrorRateIncrease,
    maxLatencyShiftMs: l.maxLatencyShift,
    maxP95Ratio: l.maxP95Ratio,
    alpha: l.alpha,
    confidence: l.confidence,
    queryRetries: l.queryRetries,
    onInconclusive: l.onInconclusive ?? r.onInconclusive,
    ...(l.maxExtension !== undefined ? { maxExtensionMs: l.maxExtension } : {}),
  };
}

/** `rollout.state`: the URL and connection string expanded (the connection string is a secret: never echoed). */
function resolveState(
  st: RolloutFile['state'],
  expand: (path: (string | number)[], v: string) => string,
  checkUrl: (path: (string | number)[], url: string) => void,
): ResolvedRollout['state'] {
  if (st.backend === 'local') return st;
  const path = (k: string) => ['rollout', 'state', k];
  const out = { ...st };
  if (st.url !== undefined) {
    out.url = expand(path('url'), st.url);
    if (out.url !== '') checkUrl(path('url'), out.url);
  }
  if (st.connectionString !== undefined) out.connectionString = expand(path('connectionString'), st.connectionString);
  return out;
}
