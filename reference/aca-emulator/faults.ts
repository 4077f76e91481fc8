// Fault injection, settable at runtime: rules matched against each ARM request, in the order added,
// each firing `times` times (undici's tests inject faults on the Nth request in the same spirit).
import { ArmError } from './http.js';

/** Which ARM operation a request is. */
export type Route =
  | 'getApp'
  | 'patchApp'
  | 'listRevisions'
  | 'getRevision'
  | 'revisionAction'
  | 'operationStatus'
  | 'operationResult'
  /** Azure Monitor `POST /subscriptions/{s}/metrics:getBatch` (monitor.ts). */
  | 'metricsBatch'
  /** Log Analytics `POST /v1/workspaces/{id}/query` (logs.ts). */
  | 'logsQuery';

export type Fault =
  /** Answer this status with an ARM error body (429 and 503 carry Retry-After). */
  | { kind: 'status'; status: number; code?: string; message?: string; retryAfterSeconds?: number }
  /** Accept the PATCH (202) but end its operation `Failed` with this error; the app is left unchanged. */
  | { kind: 'lroFailed'; code?: string; message?: string }
  /** Wait before answering normally. */
  | { kind: 'delay'; ms: number }
  /** Log Analytics only: answer 200 with the tables and an `error` (the SDK's `PartialFailure`). */
  | { kind: 'partial'; code?: string; message?: string };

export interface FaultRule {
  /** Only requests to this operation (any when omitted). */
  route?: Route;
  /** Only requests whose path contains this text (e.g. a revision name). */
  pathIncludes?: string;
  /** How many matching requests it applies to. @default 1 (Infinity: until cleared) */
  times?: number;
  fault: Fault;
}

const DEFAULT_CODES: Record<number, [string, string]> = {
  400: ['BadRequest', 'The request is invalid.'],
  401: ['InvalidAuthenticationToken', 'The access token is invalid.'],
  403: ['AuthorizationFailed', 'The client does not have authorization to perform this action.'],
  404: ['ResourceNotFound', 'The resource was not found.'],
  409: ['ContainerAppOperationInProgress', 'Cannot modify a container app while another operation is in progress.'],
  429: ['TooManyRequests', 'The request is being throttled.'],
  500: ['InternalServerError', 'An internal error occurred.'],
  502: ['BadGateway', 'The gateway did not receive a response.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable.'],
  504: ['GatewayTimeout', 'The gateway timed out.'],
};

export class FaultQueue {
  private rules: (FaultRule & { left: number })[] = [];

  /** Adds a rule; returns this queue for chaining. */
  add(rule: FaultRule): this {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
    return this;
  }

  clear(): void {
    this.rules = [];
  }

  /** Rules not used up yet. */
  pending(): number {
    return this.rules.filter((r) => r.left > 0).length;
  }

  /** The fault for this request, if a rule matches (and counts it). `lroFailed` rules match PATCH requests only, `partial` rules log queries only. */
  take(route: Route, path: string): Fault | undefined {
    const rule = this.rules.find(
      (r) =>
        r.left > 0 &&
        (r.route === undefined || r.route === route) &&
        (r.fault.kind !== 'lroFailed' || route === 'patchApp') &&
        (r.fault.kind !== 'partial' || route === 'logsQuery') &&
        (r.pathIncludes === undefined || path.includes(r.pathIncludes)),
    );
    if (rule === undefined) return undefined;
    rule.left -= 1;
    return rule.fault;
  }
}

// The ArmError a `status` fault answers with.
export function statusError(fault: Extract<Fault, { kind: 'status' }>): ArmError {
  const [code, message] = DEFAULT_CODES[fault.status] ?? ['Error', `HTTP ${fault.status}`];
  const retry = fault.retryAfterSeconds ?? (fault.status === 429 || fault.status === 503 ? 1 : undefined);
  return new ArmError(
    fault.status,
    fault.code ?? code,
    fault.message ?? message,
    retry === undefined ? {} : { 'retry-after': String(retry) },
  );
}
