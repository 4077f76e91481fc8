// TrafficRouter for Azure Container Apps, on the real ARM SDK (@azure/arm-appcontainers 3.x):
// traffic = properties.configuration.ingress.traffic, written whole by PATCH (a long-running operation
// the SDK polls to the end), lock = one tag of the app.
import { ContainerAppsAPIClient, type ContainerApp } from '@azure/arm-appcontainers';
import type { TokenCredential } from '@azure/identity';
import { TrafficError } from '../../model/errors.js';
import { VERSION } from '../../model/version.js';
import type { AppInfo, LockInfo, RevisionInfo, RouterCallOptions, TrafficRouter, TrafficWeight } from '../types.js';
import { toAppInfo, toAzureTraffic, toRevisionInfo, toWeights } from './convert.js';
import { resolveArmEndpoint } from './endpoint.js';
import { toTrafficError } from './errors.js';
import { checkAcquire, decodeLock, encodeLock, LOCK_TAG } from './lock.js';
import { checkTable } from './table.js';

export interface AzureRouterOptions {
  subscriptionId: string;
  resourceGroup: string;
  app: string;
  credential: TokenCredential;
  /** ARM base URL (sovereign clouds, emulators). @default 'https://management.azure.com' */
  endpoint?: string;
  /** Accept a plain `http://` endpoint on 127.0.0.0/8, ::1 or localhost (test emulators). @default false */
  allowInsecureLoopback?: boolean;
  /** The SDK's retries of 408/429/5xx and network errors. @default SDK: 3 retries, 1 s doubling up to 64 s */
  retry?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
  /** Poll interval of long-running operations when ARM sends no Retry-After. @default 2000 (the SDK's) */
  pollIntervalMs?: number;
}

// Builds the Azure Container Apps router; throws RG_TRAFFIC_PREFLIGHT on a bad endpoint or missing names.
export function createAzureContainerAppsRouter(options: AzureRouterOptions): TrafficRouter {
  for (const key of ['subscriptionId', 'resourceGroup', 'app'] as const) {
    if (typeof options[key] !== 'string' || options[key].trim() === '') {
      throw new TrafficError('RG_TRAFFIC_PREFLIGHT', `Azure Container Apps router: ${key} is required`);
    }
  }
  const { endpoint, httpClient, adapt } = resolveArmEndpoint(options.endpoint, options.allowInsecureLoopback ?? false);
  const client = new ContainerAppsAPIClient(options.credential, options.subscriptionId, {
    endpoint,
    ...(httpClient === undefined ? {} : { httpClient }),
    ...(options.retry === undefined ? {} : { retryOptions: options.retry }),
    userAgentOptions: { userAgentPrefix: `revgate/${VERSION}` },
  });
  adapt?.(client.pipeline);
  return new AzureContainerAppsRouter(client, options);
}

class AzureContainerAppsRouter implements TrafficRouter {
  readonly kind = 'azure-container-apps';
  readonly target: string;
  private location: string | undefined;

  constructor(
    private readonly client: ContainerAppsAPIClient,
    private readonly options: AzureRouterOptions,
  ) {
    this.target = `${options.resourceGroup}/${options.app}`;
  }

  // Runs one SDK call, mapping its failures to TrafficError.
  private async call<T>(action: string, run: () => Promise<T>, notFound = `container app ${this.target}`): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toTrafficError(error, `${action} (${this.target})`, notFound);
    }
  }

  private async getApp(action: string, o?: RouterCallOptions): Promise<ContainerApp> {
    const app = await this.call(action, () =>
      this.client.containerApps.get(this.options.resourceGroup, this.options.app, { abortSignal: o?.signal }),
    );
    this.location = app.location;
    return app;
  }

  // PATCH the app (JSON merge patch) and wait for the long-running operation to finish.
  private async patch(action: string, envelope: Omit<ContainerApp, 'location'>, o?: RouterCallOptions): Promise<void> {
    const location = this.location ?? (await this.getApp(action, o)).location;
    await this.call(action, () =>
      this.client.containerApps.beginUpdateAndWait(
        this.options.resourceGroup,
        this.options.app,
        { ...envelope, location },
        {
          abortSignal: o?.signal,
          ...(this.options.pollIntervalMs === undefined ? {} : { updateIntervalInMs: this.options.pollIntervalMs }),
        },
      ),
    );
  }

  async describe(o?: RouterCallOptions): Promise<AppInfo> {
    return toAppInfo(await this.getApp('describe', o));
  }

  async listRevisions(o?: RouterCallOptions): Promise<RevisionInfo[]> {
    return this.call('list revisions', async () => {
      const out: RevisionInfo[] = [];
      const pages = this.client.containerAppsRevisions.listRevisions(this.options.resourceGroup, this.options.app, {
        abortSignal: o?.signal,
      });
      for await (const revision of pages) out.push(toRevisionInfo(revision));
      return out;
    });
  }

  async readWeights(o?: RouterCallOptions): Promise<TrafficWeight[]> {
    return toWeights(await this.getApp('read traffic', o));
  }

  async setWeights(weights: readonly TrafficWeight[], o?: RouterCallOptions): Promise<void> {
    checkTable(weights);
    await this.patch('set traffic', { configuration: { ingress: { traffic: toAzureTraffic(weights) } } }, o);
  }

  async activate(revision: string, o?: RouterCallOptions): Promise<void> {
    await this.call(
      `activate ${revision}`,
      () =>
        this.client.containerAppsRevisions.activateRevision(this.options.resourceGroup, this.options.app, revision, {
          abortSignal: o?.signal,
        }),
      `revision ${revision}`,
    );
  }

  async deactivate(revision: string, o?: RouterCallOptions): Promise<void> {
    await this.call(
      `deactivate ${revision}`,
      () =>
        this.client.containerAppsRevisions.deactivateRevision(this.options.resourceGroup, this.options.app, revision, {
          abortSignal: o?.signal,
        }),
      `revision ${revision}`,
    );
  }

  async readLock(o?: RouterCallOptions): Promise<LockInfo | null> {
    return decodeLock((await this.getApp('read lock', o)).tags?.[LOCK_TAG]);
  }

  async acquireLock(lock: LockInfo, o?: RouterCallOptions & { breakStale?: boolean }): Promise<void> {
    const value = encodeLock(lock);
    const app = await this.getApp('acquire lock', o);
    checkAcquire(this.target, decodeLock(app.tags?.[LOCK_TAG]), lock, o?.breakStale ?? false);
    // Tags are replaced wholesale by PATCH (ARM RPC): send every other tag unchanged.
    try {
      await this.patch('acquire lock', { tags: { ...app.tags, [LOCK_TAG]: value } }, o);
    } catch (error) {
      // 409: another operation is changing the app right now, most likely another rollout taking the lock.
      if (!(error instanceof TrafficError && error.code === 'RG_TRAFFIC_CONFLICT')) throw error;
      throw new TrafficError(
        'RG_TRAFFIC_LOCKED',
        `${this.target} was being changed by another operation while the lock was taken (another rollout?)`,
        {
          cause: error,
          hint: 'wait for the other operation, then retry',
        },
      );
    }
    const after = decodeLock((await this.getApp('acquire lock', o)).tags?.[LOCK_TAG]);
    if (after?.owner !== lock.owner || after.runId !== lock.runId) {
      checkAcquire(this.target, after, lock, false);
      throw new TrafficError('RG_TRAFFIC_LOCKED', `${this.target}: the lock was removed while it was being taken`, { hint: 'retry' });
    }
  }

  async releaseLock(owner: string, o?: RouterCallOptions & { settle?: boolean }): Promise<void> {
    const app = await this.getApp('release lock', o);
    const held = decodeLock(app.tags?.[LOCK_TAG]);
    if (held !== null ? held.owner !== owner : !o?.settle) return;
    const tags = Object.fromEntries(Object.entries(app.tags ?? {}).filter(([key]) => key !== LOCK_TAG));
    await this.patch('release lock', { tags }, o);
  }

  async close(): Promise<void> {
    // The SDK client holds no resources that need closing.
  }
}
