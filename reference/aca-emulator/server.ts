// A local Azure Container Apps ARM endpoint for tests: the app, its revisions, traffic, tags and
// long-running PATCH operations over plain HTTP on 127.0.0.1, with bearer checks, a request log,
// runtime fault injection and an in-process admin API. See README.md.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultQueue, statusError, type Fault, type Route } from './faults.js';
import { handle, type AcaEmulatorSettings } from './handlers.js';
import { ArmError, header, readBody, sendArmError, sendJson } from './http.js';
import {
  fqdnOf,
  makeRevision,
  normalizeLocation,
  type AppState,
  type RevisionSeed,
  type RevisionState,
  type TrafficEntry,
} from './model.js';
import { Operations, type Operation } from './operations.js';
import { matchRoute } from './routes.js';
import { logsQuery } from './monitor-logs.js';
import { metricsBatch } from './monitor-metrics.js';
import type { TrafficSource } from './traffic-source.js';

export interface AcaEmulatorOptions extends Partial<AcaEmulatorSettings> {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default '00000000-0000-0000-0000-000000000000' */
  subscriptionId?: string;
  /** @default 'rg-revgate' */
  resourceGroup?: string;
  /** @default 'pharmabot' */
  app?: string;
  /** @default 'East US' */
  location?: string;
  /** @default `happy-river-1a2b3c4d.<region>.azurecontainerapps.io` */
  envDomain?: string;
  /** @default 'Multiple' */
  activeRevisionsMode?: string;
  /** @default [{ suffix: 'blue' }, { suffix: 'green' }] (created in this order) */
  revisions?: RevisionSeed[];
  /** @default [{ revisionName: <first revision>, weight: 100 }] */
  traffic?: TrafficEntry[];
  /** @default {} */
  tags?: Record<string, string>;
}

/** One request as the emulator received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  route: Route | 'unknown';
  body: unknown;
  /** An `Authorization: Bearer …` header was present. */
  auth: boolean;
  status: number;
  /** Epoch ms it arrived. */
  at: number;
}

/** What the emulator reports as it goes: tests wait for these instead of sleeping. */
export interface AcaEmulatorEvents {
  'operation-started': [Operation];
  'operation-finished': [Operation];
  /** A write refused with 409 because another operation runs. */
  conflict: [RecordedRequest];
  /** A read refused with 429 by `settings.readLimit`. */
  throttled: [RecordedRequest];
}

const ARM_READS = new Set<string>(['getApp', 'listRevisions', 'getRevision']);
const ARM_WRITES = new Set<string>(['patchApp', 'revisionAction']);

export interface AcaEmulator {
  /** The ARM endpoint, e.g. `http://127.0.0.1:43121`. */
  url: string;
  subscriptionId: string;
  resourceGroup: string;
  app: string;
  settings: AcaEmulatorSettings;
  faults: FaultQueue;
  requests: RecordedRequest[];
  /** The live state (mutate it freely in tests; weights derive from `state.traffic`). */
  state: AppState;
  addRevision(seed: RevisionSeed): RevisionState;
  /** A revision by name or suffix (live object). */
  revision(nameOrSuffix: string): RevisionState;
  setHealth(nameOrSuffix: string, healthState: string, runningState?: string): void;
  /** `https://<fqdn>` of every revision → its `localUrl`, for tests that call revisions for real. */
  urlMap(): Record<string, string>;
  /** The container app's ARM id (the resource the metrics endpoint serves). */
  resourceId: string;
  /**
   * Where Azure Monitor's numbers come from (metrics:getBatch and the Log Analytics endpoint), e.g.
   * `(from, to) => localRouter.stats({ from, to })`; without one, nothing was served. Keys are revision names.
   */
  setTrafficSource(source: TrafficSource | undefined): void;
  events: EventEmitter<AcaEmulatorEvents>;
  /** The operation running now, if any. */
  inFlight(): Operation | undefined;
  /** Resolves when no operation runs. */
  whenIdle(): Promise<void>;
  /** ARM calls (app and revision reads and writes; not operation polls, not Azure Monitor) since `since` (epoch ms). */
  armCalls(since?: number): { reads: number; writes: number; byRoute: Record<string, number> };
  close(): Promise<void>;
}

// Starts the emulator on 127.0.0.1 (port 0 by default).
export async function startAcaEmulator(options: AcaEmulatorOptions = {}): Promise<AcaEmulator> {
  const name = options.app ?? 'pharmabot';
  const location = options.location ?? 'East US';
  const region = normalizeLocation(location);
  const revisions = (options.revisions ?? [{ suffix: 'blue' }, { suffix: 'green' }]).map((seed) => makeRevision(name, seed));
  const state: AppState = {
    subscriptionId: options.subscriptionId ?? '00000000-0000-0000-0000-000000000000',
    resourceGroup: options.resourceGroup ?? 'rg-revgate',
    name,
    location,
    region,
    envDomain: options.envDomain ?? `happy-river-1a2b3c4d.${region}.azurecontainerapps.io`,
    activeRevisionsMode: options.activeRevisionsMode ?? 'Multiple',
    provisioningState: 'Succeeded',
    tags: { ...options.tags },
    traffic: options.traffic ?? (revisions[0] === undefined ? [] : [{ revisionName: revisions[0].name, weight: 100 }]),
    revisions,
  };
  const settings: AcaEmulatorSettings = {
    pageSize: options.pageSize ?? 100,
    asyncPatch: options.asyncPatch ?? true,
    operationMs: options.operationMs ?? 1000,
    pollsUntilDone: options.pollsUntilDone ?? 0,
    pollRetryAfterSeconds: 'pollRetryAfterSeconds' in options ? options.pollRetryAfterSeconds : 1,
    staleReadMs: options.staleReadMs ?? 0,
    readLimit: options.readLimit,
    operationUrlScheme: options.operationUrlScheme ?? 'auto',
    token: options.token,
    ingestionDelayMs: options.ingestionDelayMs ?? 0,
    workspaceId: options.workspaceId ?? '11111111-2222-3333-4444-555555555555',
  };
  let trafficSource: TrafficSource | undefined;
  const faults = new FaultQueue();
  const ops = new Operations(state, () => settings.staleReadMs);
  const requests: RecordedRequest[] = [];
  const events = new EventEmitter<AcaEmulatorEvents>();
  ops.on('operation-started', (op) => events.emit('operation-started', op));
  ops.on('operation-finished', (op) => events.emit('operation-finished', op));
  // ARM read throttling (settings.readLimit): the times of recent reads in a sliding window.
  const reads: number[] = [];
  const throttle = (route: string): void => {
    const limit = settings.readLimit;
    if (limit === undefined || !ARM_READS.has(route)) return;
    const now = Date.now();
    while (reads.length > 0 && reads[0]! <= now - limit.perMs) reads.shift();
    if (reads.length >= limit.reads) {
      const wait = Math.max(1, Math.ceil((reads[0]! + limit.perMs - now) / 1000));
      throw new ArmError(
        429,
        'TooManyRequests',
        `Number of read requests for subscription '${state.subscriptionId}' exceeded the limit of '${limit.reads}' for time interval '${limit.perMs} ms'. Please try again after '${wait}' seconds.`,
        { 'retry-after': String(wait) },
      );
    }
    reads.push(now);
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const { json } = await readBody(req);
    const matched = matchRoute(method, url.pathname);
    const token = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      route: matched?.route ?? 'unknown',
      body: json,
      auth: token !== undefined,
      status: 0,
      at: Date.now(),
    };
    requests.push(record);
    const send = (status: number, body?: unknown, headers?: Record<string, string>): void => {
      record.status = status;
      sendJson(res, status, body, headers);
    };
    try {
      if (token === undefined)
        throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
      if (settings.token !== undefined && token !== settings.token)
        throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
      if (matched === undefined) throw new ArmError(404, 'NoRegisteredProviderFound', `No route for ${method} ${url.pathname}`);
      const apiVersion = url.searchParams.get('api-version');
      // Log Analytics versions its API in the path (/v1/…), not in a query parameter.
      if (apiVersion === null && matched.route !== 'logsQuery') {
        throw new ArmError(
          400,
          'MissingApiVersionParameter',
          'The api-version query parameter (?api-version=) is required for all requests.',
        );
      }
      let fault: Fault | undefined = faults.take(matched.route, url.pathname);
      if (fault?.kind === 'delay') {
        await sleep(fault.ms);
        fault = undefined;
      }
      if (fault?.kind === 'status') throw statusError(fault);
      throttle(matched.route);
      if (matched.route === 'metricsBatch') {
        if (matched.subscriptionId.toLowerCase() !== state.subscriptionId.toLowerCase()) {
          throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${matched.subscriptionId}' could not be found.`);
        }
        const answer = metricsBatch(url.searchParams, json, state, trafficSource, settings);
        return send(answer.status, answer.body);
      }
      if (matched.route === 'logsQuery') {
        const answer = logsQuery(matched.workspaceId ?? '', json, settings, trafficSource, fault);
        return send(answer.status, answer.body);
      }
      const proto = settings.operationUrlScheme === 'auto' && header(req, 'x-forwarded-proto') === 'https' ? 'https' : 'http';
      const answer = handle(matched, {
        state,
        settings,
        ops,
        origin: `${proto}://${header(req, 'host') ?? 'localhost'}`,
        apiVersion: apiVersion ?? '',
        query: url.searchParams,
        body: json,
        fault: fault?.kind === 'lroFailed' ? fault : undefined,
      });
      send(answer.status, answer.body, answer.headers);
    } catch (error) {
      const arm = error instanceof ArmError ? error : new ArmError(500, 'InternalServerError', `emulator: ${String(error)}`);
      record.status = arm.status;
      sendArmError(res, arm);
      if (arm.status === 409 && ARM_WRITES.has(record.route)) events.emit('conflict', record);
      if (arm.status === 429 && ARM_READS.has(record.route)) events.emit('throttled', record);
    }
  }

  const server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  const revision = (key: string): RevisionState => {
    const found = state.revisions.find((r) => r.name === key || r.suffix === key);
    if (found === undefined) throw new Error(`aca-emulator: no revision '${key}'`);
    return found;
  };
  return {
    url: `http://${host}:${port}`,
    subscriptionId: state.subscriptionId,
    resourceGroup: state.resourceGroup,
    app: name,
    settings,
    faults,
    requests,
    state,
    addRevision(seed) {
      const created = makeRevision(name, seed);
      state.revisions.push(created);
      return created;
    },
    revision,
    resourceId: `/subscriptions/${state.subscriptionId}/resourceGroups/${state.resourceGroup}/providers/Microsoft.App/containerApps/${name}`,
    setTrafficSource(source) {
      trafficSource = source;
    },
    events,
    inFlight: () => ops.running(),
    whenIdle: () =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (ops.running() !== undefined) return;
          ops.off('operation-finished', check);
          resolve();
        };
        ops.on('operation-finished', check);
        check();
      }),
    armCalls(since = 0) {
      const calls = requests.filter((r) => r.at >= since && (ARM_READS.has(r.route) || ARM_WRITES.has(r.route)));
      const byRoute: Record<string, number> = {};
      for (const r of calls) byRoute[r.route] = (byRoute[r.route] ?? 0) + 1;
      return {
        reads: calls.filter((r) => ARM_READS.has(r.route)).length,
        writes: calls.filter((r) => ARM_WRITES.has(r.route)).length,
        byRoute,
      };
    },
    setHealth(key, healthState, runningState) {
      const r = revision(key);
      r.healthState = healthState;
      if (runningState !== undefined) r.runningState = runningState;
    },
    urlMap() {
      return Object.fromEntries(
        state.revisions.filter((r) => r.localUrl !== undefined).map((r) => [`https://${fqdnOf(state, r)}`, r.localUrl!]),
      );
    },
    close: () =>
      new Promise((resolve) => {
        ops.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
