// Readiness probe of a local revision: GET <url><readyPath> → Healthy / Unhealthy, Running / Failed.
import { request } from 'node:http';
import { request as requestTls } from 'node:https';
import type { RevisionInfo } from '../types.js';

export interface HealthReport {
  /** Healthy | Unhealthy | None (not probed yet, or inactive) */
  healthState: string;
  /** Running | Failed (unreachable) | Stopped (inactive) | Unknown (not probed yet) */
  runningState: string;
  /** Why it is not healthy, when known. */
  error: string | null;
  checkedAt: number;
}

export const UNPROBED: HealthReport = Object.freeze({ healthState: 'None', runningState: 'Unknown', error: null, checkedAt: 0 });

// One probe; never throws. A 2xx is Healthy; any other answer is Running but Unhealthy (e.g. cold start);
// no answer within the timeout is Failed.
export function probe(url: string, readyPath: string, timeoutMs: number): Promise<HealthReport> {
  return new Promise((resolve) => {
    const target = new URL(readyPath, url.endsWith('/') ? url : `${url}/`);
    const send = target.protocol === 'https:' ? requestTls : request;
    const done = (healthState: string, runningState: string, error: string | null) =>
      resolve({ healthState, runningState, error, checkedAt: Date.now() });
    const req = send(target, { method: 'GET', timeout: timeoutMs, headers: { 'user-agent': 'revgate-local-router' } }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) done('Healthy', 'Running', null);
      else done('Unhealthy', 'Running', `${target.pathname} answered ${status}`);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => done('Unhealthy', 'Failed', `${target.href}: ${error.message}`));
    req.end();
  });
}

// The RevisionInfo of a local revision; `health` null means inactive (reported Stopped, as Azure does).
export function revisionInfo(
  r: { name: string; url: string; active: boolean; createdTime: string },
  health: HealthReport | null,
  weight: number,
): RevisionInfo {
  const h = health ?? { healthState: 'None', runningState: 'Stopped', error: null };
  return {
    name: r.name,
    active: r.active,
    weight,
    createdTime: r.createdTime,
    healthState: h.healthState,
    runningState: h.runningState,
    provisioningState: 'Provisioned',
    url: r.url,
    images: [],
    replicas: h.runningState === 'Running' ? 1 : 0,
    error: h.error,
  };
}
