import { RevgateError, type RevgateErrorCode } from '../model/errors.js';
// The contract between the replay engine and the ways a revision can be called.
import type { GoldenCase } from '../model/golden.js';
import type { ErrorClass, Revision, Usage } from '../model/outcome.js';

/** What one successful call returned, with latency measured at the transport. */
export interface TargetResponse {
  /** The answer text. */
  text: string;
  /** Retrieved document ids in rank order; undefined when the target reports none. */
  docs: string[] | undefined;
  usage: Usage | undefined;
  /** HTTP status of the final response. */
  status: number;
  /** Time from sending the request to the response headers. */
  ttfbMs: number;
  /** Time to the first content token (streaming only). */
  ttftMs: number | undefined;
  /** Time from sending the request to the last byte. */
  totalMs: number;
}

/** A failed call, classified. Thrown by `Target.call`. */
/** The error code of a target call that failed with `errorClass`. */
export function targetErrorCode(errorClass: ErrorClass): Extract<RevgateErrorCode, `RG_TARGET_${string}`> {
  return `RG_TARGET_${errorClass.toUpperCase()}` as Extract<RevgateErrorCode, `RG_TARGET_${string}`>;
}

export class TargetCallError extends RevgateError {
  readonly errorClass: ErrorClass;
  readonly status: number | undefined;
  /** Server-requested delay before a retry (from `Retry-After`), in ms. */
  readonly retryAfterMs: number | undefined;
  /** Latency until the failure was known, when measured. */
  readonly elapsedMs: number | undefined;

  constructor(
    errorClass: ErrorClass,
    message: string,
    fields: { status?: number; retryAfterMs?: number; elapsedMs?: number; cause?: unknown } = {},
  ) {
    super(targetErrorCode(errorClass), message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.errorClass = errorClass;
    this.status = fields.status;
    this.retryAfterMs = fields.retryAfterMs;
    this.elapsedMs = fields.elapsedMs;
  }

  /** 429, 5xx, timeouts and connection failures are worth another try; 4xx and extraction errors are not. */
  get retryable(): boolean {
    return this.errorClass === '429' || this.errorClass === '5xx' || this.errorClass === 'timeout' || this.errorClass === 'connection';
  }
}

export interface CallOptions {
  signal: AbortSignal;
  timeoutMs: number;
}

/** One way of calling one revision. Implementations: openai-chat, http-json. */
export interface Target {
  readonly revision: Revision;
  /** Call the revision with one golden case. Throws TargetCallError on any failure. */
  call(testCase: GoldenCase, options: CallOptions): Promise<TargetResponse>;
  /** Release connections. */
  close(): Promise<void>;
}
