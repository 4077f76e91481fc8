// Which ARM operation a request path is (ARM paths are case-insensitive), and its parameters.
import type { Route } from './faults.js';

export interface Matched {
  route: Route;
  subscriptionId: string;
  resourceGroup?: string;
  app?: string;
  revision?: string;
  action?: string;
  operationId?: string;
  /** Log Analytics workspace id (`logsQuery`). */
  workspaceId?: string;
}

const APP = '^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.App/containerApps/([^/]+)';
const OPS = '^/subscriptions/([^/]+)/providers/Microsoft\\.App/locations/[^/]+/';
const TABLE: [RegExp, string, Route][] = [
  [new RegExp(`${APP}$`, 'i'), 'GET', 'getApp'],
  [new RegExp(`${APP}$`, 'i'), 'PATCH', 'patchApp'],
  [new RegExp(`${APP}/revisions$`, 'i'), 'GET', 'listRevisions'],
  [new RegExp(`${APP}/revisions/([^/]+)$`, 'i'), 'GET', 'getRevision'],
  [new RegExp(`${APP}/revisions/([^/]+)/(activate|deactivate|restart)$`, 'i'), 'POST', 'revisionAction'],
  [new RegExp(`${OPS}containerappOperationStatuses/([^/]+)$`, 'i'), 'GET', 'operationStatus'],
  [new RegExp(`${OPS}containerappOperationResults/([^/]+)$`, 'i'), 'GET', 'operationResult'],
  [/^\/subscriptions\/([^/]+)\/metrics(?::|%3A)getBatch$/i, 'POST', 'metricsBatch'],
  [/^\/v1\/workspaces\/([^/]+)\/query$/i, 'POST', 'logsQuery'],
];

// The route of a method and path, or undefined when the emulator does not serve it.
export function matchRoute(method: string, path: string): Matched | undefined {
  for (const [pattern, verb, route] of TABLE) {
    if (verb !== method) continue;
    const m = pattern.exec(path);
    if (m === null) continue;
    const [, subscriptionId = '', a, b, c, d] = m.map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
    if (route === 'operationStatus' || route === 'operationResult') return { route, subscriptionId, operationId: a };
    if (route === 'metricsBatch') return { route, subscriptionId };
    if (route === 'logsQuery') return { route, subscriptionId: '', workspaceId: subscriptionId };
    return { route, subscriptionId, resourceGroup: a, app: b, revision: c, action: d?.toLowerCase() };
  }
  return undefined;
}
