// Mapping `openai` SDK errors to classified TargetCallErrors.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { excerpt, retryAfterMs, statusClass, transportErrorClass } from './transport-errors.js';
import { TargetCallError } from './types.js';

export interface ErrorContext {
  /** `POST <url without query>`, for messages. */
  where: string;
  redact: (text: string) => string;
  elapsedMs: number;
  /** Status of the response, once its headers arrived. */
  status: number | undefined;
}

/**
 * Classify an error thrown by the SDK (or by reading its response):
 * HTTP status → 429 / 5xx / 4xx (429 with the server's retry delay); connection timeouts → timeout;
 * other connection failures → connection; an unparseable body → extraction; an error event inside a
 * stream (no status) → 5xx. Caller aborts and our own timeout must be checked before this.
 */
export function fromSdkError(error: unknown, ctx: ErrorContext): TargetCallError {
  // Our own fetch's errors (a body past maxResponseBytes) reach us wrapped as a connection error.
  if (error instanceof APIConnectionError && error.cause instanceof TargetCallError) return fromSdkError(error.cause, ctx);
  const { where, redact, elapsedMs, status } = ctx;
  if (error instanceof TargetCallError) {
    // Our own extraction errors: add the request, the status and the latency.
    const fields = { status: error.status ?? status, elapsedMs: error.elapsedMs ?? elapsedMs, cause: error.cause };
    return new TargetCallError(error.errorClass, redact(`${where}: ${error.message}`), { ...fields, retryAfterMs: error.retryAfterMs });
  }
  const fail = (
    errorClass: TargetCallError['errorClass'],
    message: string,
    fields: { status?: number; retryAfterMs?: number } = {},
  ): TargetCallError => new TargetCallError(errorClass, redact(`${where}: ${message}`), { ...fields, elapsedMs, cause: error });

  if (error instanceof APIConnectionTimeoutError) return fail('timeout', 'timed out waiting for response headers');
  if (error instanceof APIConnectionError) {
    const { errorClass, code } = transportErrorClass(error.cause);
    return fail(errorClass, `connection failed (${code})`);
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const headers = error.headers as Headers | undefined;
    return fail(statusClass(status), `HTTP ${excerpt(error.message)}`, {
      status,
      retryAfterMs: status === 429 && headers !== undefined ? retryAfterMs((name) => headers.get(name)) : undefined,
    });
  }
  if (error instanceof APIError) return fail('5xx', `error event in the stream: ${excerpt(error.message)}`);
  if (error instanceof SyntaxError) return fail('extraction', 'response body is not valid JSON', status === undefined ? {} : { status });
  const { errorClass, code } = transportErrorClass(error);
  return fail(errorClass, `${code} while reading the response`);
}
