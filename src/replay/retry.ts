// Retries with exponential backoff and full jitter (AWS architecture blog, "Exponential Backoff
// And Jitter"), honouring a server's Retry-After. Each retry is counted by the error that caused it.
import { setTimeout as sleep } from 'node:timers/promises';
import { type ErrorClass } from '../model/outcome.js';
import { TargetCallError, type TargetResponse } from '../targets/types.js';

export interface RetryPolicy {
  retries: number;
  backoffMs: number;
  /** Longest single wait, whatever Retry-After says. */
  maxDelayMs: number;
  random: () => number;
}

export type RetryOutcome =
  { ok: true; response: TargetResponse; retriedOn: ErrorClass[] } | { ok: false; error: TargetCallError; retriedOn: ErrorClass[] };

/** Delay before retry number `retry` (0-based): Retry-After when given, else full-jitter backoff. */
export function retryDelay(policy: RetryPolicy, retry: number, error: TargetCallError): number {
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, policy.maxDelayMs);
  const cap = Math.min(policy.maxDelayMs, policy.backoffMs * 2 ** retry);
  return Math.round(policy.random() * cap);
}

/** Run `call` until it succeeds, fails with a non-retryable error, or retries run out. Aborts rethrow. */
export async function withRetries(call: () => Promise<TargetResponse>, policy: RetryPolicy, signal: AbortSignal): Promise<RetryOutcome> {
  const retriedOn: ErrorClass[] = [];
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, response: await call(), retriedOn };
    } catch (e) {
      if (signal.aborted) throw signal.reason;
      if (!(e instanceof TargetCallError)) throw e;
      if (!e.retryable || attempt >= policy.retries) return { ok: false, error: e, retriedOn };
      retriedOn.push(e.errorClass);
      await sleep(retryDelay(policy, attempt, e), undefined, { signal });
    }
  }
}
