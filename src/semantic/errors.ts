// The one error of the semantic measures: a failed embedding or judge call is an `error` of the
// measurement (no score), never a failure of the green revision.
import { RevgateError } from '../model/errors.js';
import type { ErrorClass } from '../model/outcome.js';

export type SemanticErrorCode = 'RG_EMBEDDINGS_FAILED' | 'RG_JUDGE_FAILED';

/** Why a measure failed: the transport classes of a target call, or a reply we could not read. */
export type SemanticErrorClass = ErrorClass;

/**
 * An embeddings or judge call that failed. The message names the request (URL without query) and
 * the cause, with every secret redacted; the raw SDK error is deliberately not attached as `cause`
 * (servers sometimes echo credentials back in error bodies).
 */
export class SemanticError extends RevgateError {
  declare readonly code: SemanticErrorCode;
  readonly errorClass: SemanticErrorClass;
  readonly status: number | undefined;
  /** Server-requested delay before another try, in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: SemanticErrorCode,
    errorClass: SemanticErrorClass,
    message: string,
    fields: { status?: number | undefined; retryAfterMs?: number | undefined } = {},
  ) {
    super(code, message);
    this.errorClass = errorClass;
    this.status = fields.status;
    this.retryAfterMs = fields.retryAfterMs;
  }

  /** 429, 5xx, timeouts and connection failures may succeed on another try. */
  get retryable(): boolean {
    return this.errorClass === '429' || this.errorClass === '5xx' || this.errorClass === 'timeout' || this.errorClass === 'connection';
  }
}
