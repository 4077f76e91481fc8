// Azure SDK failures → TrafficError with a stable code and a hint. The SDK has already retried
// 408/429/5xx and network errors by the time an error reaches here.
import { isRestError } from '@azure/core-rest-pipeline';
import { TrafficError } from '../../model/errors.js';

const AUTH_HINT =
  'sign in (`az login`, or azure/login in CI) or pass a fresh token (--token / REVGATE_AZURE_TOKEN from `az account get-access-token`); ' +
  'the identity needs Microsoft.App/containerApps/read and Microsoft.App/containerApps/write on the app (e.g. the Contributor role), and ' +
  'Microsoft.App/locations/containerAppOperationStatuses/read at subscription scope: a role limited to the resource group ' +
  'can make a successful update look failed while its status is polled';

// The ARM error code and message of a RestError body, when it has the `{ error: { code, message } }` shape.
function armError(error: { code?: string; details?: unknown }): { code?: string; message?: string } {
  const details = error.details as { error?: { code?: unknown; message?: unknown } } | undefined;
  const code = typeof details?.error?.code === 'string' ? details.error.code : error.code;
  const message = typeof details?.error?.message === 'string' ? details.error.message : undefined;
  return { code, message };
}

// A Retry-After value in ms: a number of `unit` ms, or an HTTP date; undefined when absent or unreadable.
export function retryAfter(value: string | undefined, unit: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (Number.isFinite(n) && n >= 0) return n * unit;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

// Maps anything the SDK threw during `action` (e.g. "set traffic on rg/app") to a TrafficError; aborts pass through.
export function toTrafficError(error: unknown, action: string, notFound?: string): unknown {
  if (error instanceof TrafficError) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  if (isRestError(error)) {
    const status = error.statusCode;
    const { code, message } = armError(error);
    const text = message ?? error.message;
    const retryAfterMs =
      retryAfter(error.response?.headers.get('retry-after-ms') ?? error.response?.headers.get('x-ms-retry-after-ms'), 1) ??
      retryAfter(error.response?.headers.get('retry-after'), 1000);
    const options = {
      cause: error,
      ...(status === undefined ? {} : { status }),
      ...(code === undefined ? {} : { platformCode: code }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
    if (status === 401 || status === 403) {
      const polling = /containerappOperation(Statuses|Results)/i.test(error.request?.url ?? '');
      const lead = polling
        ? `${action}: the update was accepted but its status could not be read (it may have been applied)`
        : `${action}: not authorized`;
      return new TrafficError('RG_TRAFFIC_AUTH', `${lead}: HTTP ${status} ${code ?? ''}: ${text}`.replace('  ', ' '), {
        ...options,
        hint: AUTH_HINT,
      });
    }
    if (status === 404)
      return new TrafficError('RG_TRAFFIC_NOT_FOUND', `${action}: ${notFound ?? 'not found'}: ${text}`, {
        ...options,
        hint: 'check the subscription, resource group, app and revision names',
      });
    if (status === 409) {
      return new TrafficError('RG_TRAFFIC_CONFLICT', `${action}: conflict (another operation on the app is in progress?): ${text}`, {
        ...options,
        hint: 'wait for the running operation to finish (az containerapp show … --query properties.provisioningState) and retry',
      });
    }
    const what =
      status === undefined ? `request failed (${error.code ?? 'network error'})` : `HTTP ${status}${code === undefined ? '' : ` ${code}`}`;
    return new TrafficError('RG_TRAFFIC_API', `${action}: ${what}: ${text}`, {
      ...options,
      hint: status === undefined || status >= 500 || status === 429 ? 'Azure did not answer after retries; try again later' : undefined,
    });
  }
  // core-lro rejects a Failed operation with a plain Error: "The long-running operation has failed. <code>. <message>".
  const text = error instanceof Error ? error.message : String(error);
  const lro = /^The long-running operation has failed\.\s*([^.\s]+)\.\s*(.*)$/s.exec(text);
  return new TrafficError('RG_TRAFFIC_API', `${action}: ${lro ? `the platform reported failure: ${lro[2]}` : text}`, {
    cause: error,
    ...(lro?.[1] === undefined ? {} : { platformCode: lro[1] }),
  });
}
