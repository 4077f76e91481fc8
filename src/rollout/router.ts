// Open the TrafficRouter a suite's rollout names: the embedded local proxy, or Azure Container
// Apps (loaded lazily, so only the Azure path imports @azure/*). Tests inject their own router.
import { resolve } from 'node:path';
import type { BackendConfig } from './schema.js';
import type { LocalStatsSource } from '../monitor/local/index.js';
import type { TrafficRouter } from '../traffic/types.js';

export interface OpenedRouter {
  router: TrafficRouter;
  /** The local proxy's URL, when this process serves it. */
  url?: string;
  /** The local proxy's per-revision counters (the `local` live-metrics source). */
  stats?: LocalStatsSource;
  close(): Promise<void>;
}

export interface OpenRouterOptions {
  cwd: string;
  stateDir: string;
  /** Local backend: listen on the configured port (a rollout), or on a free port (status, rollback). */
  serve: boolean;
  /** Azure: a static bearer token (`--token`) instead of DefaultAzureCredential. */
  token?: string;
  /** Azure: where REVGATE_AZURE_TOKEN is read from. */
  env: Record<string, string | undefined>;
}

/** Start or connect to the backend. */
export async function openRouter(backend: BackendConfig, o: OpenRouterOptions): Promise<OpenedRouter> {
  if (backend.kind === 'local') {
    const { startLocalRouter } = await import('../traffic/local/index.js');
    const h = await startLocalRouter({
      app: backend.app,
      revisions: backend.revisions,
      host: backend.listen.host,
      port: o.serve ? backend.listen.port : 0,
      stateDir: resolve(o.cwd, o.stateDir),
      healthIntervalMs: 500,
    });
    return { router: h.router, url: h.url, stats: h.router, close: () => h.close() };
  }
  const { createAzureContainerAppsRouter, resolveAzureCredential } = await import('../traffic/azure/index.js');
  const credential = await resolveAzureCredential({ ...(o.token ? { token: o.token } : {}), env: o.env });
  const router = createAzureContainerAppsRouter({
    subscriptionId: backend.subscriptionId,
    resourceGroup: backend.resourceGroup,
    app: backend.app,
    credential,
    ...(backend.endpoint ? { endpoint: backend.endpoint, allowInsecureLoopback: backend.endpoint.startsWith('http://') } : {}),
  });
  return { router, close: () => router.close() };
}
