// The ARM operations of the emulator, as pure-ish functions of the state: each returns the answer to send.
import { ArmError } from './http.js';
import { appJson, revisionJson, weightOf, type AppState, type RevisionState } from './model.js';
import { statusJson, type Operations } from './operations.js';
import { parsePatch } from './patch.js';
import type { Matched } from './routes.js';
import type { Fault } from './faults.js';
import type { MonitorSettings } from './traffic-source.js';

/** Runtime-settable behaviour (mutate `emulator.settings`); the monitor endpoints' settings included. */
export interface AcaEmulatorSettings extends MonitorSettings {
  /** Revisions per page of `GET …/revisions` (each page but the last has an absolute `nextLink`). @default 100 */
  pageSize: number;
  /** PATCH answers 202 + operation (true) or 200 with the updated app (false). @default true */
  asyncPatch: boolean;
  /** Wall-clock duration of every write operation (PATCH, activate/deactivate/restart); other writes meanwhile get 409. @default 1000 */
  operationMs: number;
  /** Legacy: status polls answered `InProgress` before an operation may finish (on top of operationMs). @default 0 */
  pollsUntilDone: number;
  /** `Retry-After` (seconds) on 202 and InProgress answers; omitted when undefined. @default 1 */
  pollRetryAfterSeconds: number | undefined;
  /** Reads (GET app, revisions) keep answering the state from before a finished change for this long. @default 0 */
  staleReadMs: number;
  /** ARM read throttling: more than `reads` GETs within `perMs` → 429 TooManyRequests with Retry-After. @default undefined (off) */
  readLimit: { reads: number; perMs: number } | undefined;
  /** Scheme of the absolute URLs it writes (operation, nextLink): 'auto' follows X-Forwarded-Proto, 'http' always plain. @default 'auto' */
  operationUrlScheme: 'auto' | 'http';
  /** Accept only this bearer token (401 otherwise); any bearer token when undefined. @default undefined */
  token: string | undefined;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Context {
  state: AppState;
  settings: AcaEmulatorSettings;
  ops: Operations;
  /** `http://127.0.0.1:port`, or `https://…` when the client says it came through TLS (X-Forwarded-Proto). */
  origin: string;
  apiVersion: string;
  query: URLSearchParams;
  body: unknown;
  fault: Extract<Fault, { kind: 'lroFailed' }> | undefined;
}

const notFound = (what: string): ArmError => new ArmError(404, 'ResourceNotFound', `${what} was not found.`);

/** Azure's answer to a write while another modification of the app runs (microsoft/azure-container-apps#175). */
export function lockConflict(app: string): ArmError {
  return new ArmError(
    409,
    'ContainerAppLockConflict',
    `Cannot modify container App '${app}' because another modification is in progress. Please retry the operation.`,
  );
}

/** The state reads see: the one before the last change while it is still "propagating" (staleReadMs). */
function readable(ctx: Context): AppState {
  const stale = ctx.ops.stale;
  return stale !== undefined && Date.now() < stale.until ? stale.app : ctx.state;
}

// Answers one matched ARM request.
export function handle(m: Matched, ctx: Context): Answer {
  const { state } = ctx;
  if (m.subscriptionId.toLowerCase() !== state.subscriptionId.toLowerCase()) {
    throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${m.subscriptionId}' could not be found.`);
  }
  if (m.route === 'operationStatus' || m.route === 'operationResult') return operation(m, ctx);
  if (m.resourceGroup?.toLowerCase() !== state.resourceGroup.toLowerCase() || m.app?.toLowerCase() !== state.name.toLowerCase()) {
    throw notFound(`The Resource 'Microsoft.App/containerApps/${m.app}' under resource group '${m.resourceGroup}'`);
  }
  switch (m.route) {
    case 'getApp':
      return { status: 200, body: appJson(readable(ctx)) };
    case 'patchApp':
      return patch(ctx);
    case 'listRevisions':
      return listRevisions(ctx);
    case 'getRevision': {
      const view = readable(ctx);
      return { status: 200, body: revisionJson(view, revisionOf(view, m.revision)) };
    }
    case 'revisionAction': {
      const revision = revisionOf(state, m.revision);
      if (ctx.ops.running() !== undefined) throw lockConflict(state.name);
      const answer = revisionAction(state, revision, m.action ?? '');
      // The change shows at once; the app stays busy for the operation's duration (writes meanwhile: 409).
      ctx.ops.start(`${m.action} ${revision.name}`, undefined, { ms: ctx.settings.operationMs, polls: 0 });
      return answer;
    }
    case 'metricsBatch':
    case 'logsQuery':
      // Served by monitor-metrics.ts / monitor-logs.ts before ARM dispatch.
      throw new ArmError(500, 'InternalServerError', `emulator: ${m.route} is not an ARM route`);
  }
}

function revisionOf(state: AppState, name: string | undefined): RevisionState {
  const revision = state.revisions.find((r) => r.name.toLowerCase() === name?.toLowerCase());
  if (revision === undefined) throw notFound(`Revision '${name}' of container app '${state.name}'`);
  return revision;
}

function retryAfter(settings: AcaEmulatorSettings): Record<string, string> {
  return settings.pollRetryAfterSeconds === undefined ? {} : { 'retry-after': String(settings.pollRetryAfterSeconds) };
}

function patch(ctx: Context): Answer {
  const { state, settings, ops } = ctx;
  const change = parsePatch(state, ctx.body);
  if (ops.running() !== undefined) throw lockConflict(state.name);
  const failWith =
    ctx.fault === undefined
      ? undefined
      : { code: ctx.fault.code ?? 'ContainerAppOperationFailed', message: ctx.fault.message ?? 'The operation failed.' };
  if (!settings.asyncPatch) {
    if (failWith !== undefined) throw new ArmError(400, failWith.code, failWith.message);
    ops.start('update', change, { ms: 0, polls: 0, sync: true });
    return { status: 200, body: appJson(state) };
  }
  const op = ops.start('update', change, { ms: settings.operationMs, polls: settings.pollsUntilDone, ...(failWith ? { failWith } : {}) });
  const base = `${ctx.origin}/subscriptions/${state.subscriptionId}/providers/Microsoft.App/locations/${state.region}`;
  return {
    status: 202,
    body: appJson(state),
    headers: {
      'azure-asyncoperation': `${base}/containerappOperationStatuses/${op.id}?api-version=${ctx.apiVersion}`,
      location: `${base}/containerappOperationResults/${op.id}?api-version=${ctx.apiVersion}`,
      ...retryAfter(settings),
    },
  };
}

function operation(m: Matched, ctx: Context): Answer {
  const op = ctx.ops.all.get(m.operationId ?? '');
  if (op === undefined) throw notFound(`Operation '${m.operationId}'`);
  ctx.ops.poll(op);
  if (m.route === 'operationStatus') {
    return { status: 200, body: statusJson(op), headers: op.status === 'InProgress' ? retryAfter(ctx.settings) : {} };
  }
  if (op.status === 'InProgress') return { status: 202, headers: retryAfter(ctx.settings) };
  if (op.status === 'Failed' && op.failWith !== undefined) throw new ArmError(400, op.failWith.code, op.failWith.message);
  return { status: 200, body: appJson(ctx.state) };
}

function listRevisions(ctx: Context): Answer {
  const { settings } = ctx;
  const state = readable(ctx);
  const skip = Number(ctx.query.get('$skiptoken') ?? '0') || 0;
  const size = Math.max(1, settings.pageSize);
  const ordered = [...state.revisions].sort((a, b) => a.createdTime.localeCompare(b.createdTime));
  const page = ordered.slice(skip, skip + size);
  const next = skip + size < ordered.length ? skip + size : undefined;
  const path = `/subscriptions/${state.subscriptionId}/resourceGroups/${state.resourceGroup}/providers/Microsoft.App/containerApps/${state.name}/revisions`;
  return {
    status: 200,
    body: {
      value: page.map((r) => revisionJson(state, r)),
      ...(next === undefined ? {} : { nextLink: `${ctx.origin}${path}?api-version=${ctx.apiVersion}&$skiptoken=${next}` }),
    },
  };
}

function revisionAction(state: AppState, revision: RevisionState, action: string): Answer {
  if (action === 'deactivate') {
    if (weightOf(state, revision) > 0) {
      throw new ArmError(
        400,
        'ContainerAppRevisionHasTraffic',
        `Revision '${revision.name}' receives traffic; set its weight to 0 before deactivating it.`,
      );
    }
    revision.active = false;
    revision.runningState = 'Stopped';
    revision.healthState = 'None';
  } else if (action === 'activate' && !revision.active) {
    revision.active = true;
    revision.runningState = 'Running';
    revision.healthState = 'Healthy';
    revision.replicas = Math.max(1, revision.replicas);
  }
  return { status: 200 };
}
