// One signal per call that fires on the caller's abort or on the call's own timeout.

export interface Deadline {
  readonly signal: AbortSignal;
  /** True once the timer (not the caller) ended the call. */
  readonly timedOut: boolean;
  clear(): void;
}

/** Combine the caller's signal with a `timeoutMs` timer; call `clear()` when the call settles. */
export function startDeadline(caller: AbortSignal, timeoutMs: number): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = (): void => controller.abort(caller.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`timed out after ${timeoutMs}ms`, 'TimeoutError'));
  }, timeoutMs);
  if (caller.aborted) onAbort();
  else caller.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    clear() {
      clearTimeout(timer);
      caller.removeEventListener('abort', onAbort);
    },
  };
}
