// One signal per call that fires on the caller's abort or on the call's own timeout.

export interface Deadline {
  readonly signal: AbortSignal;
  /** True once the timer (not the caller) ended the call. */
  readonly timedOut: boolean;
  clear(): void;
}

// One 'abort' listener per caller signal, fanning out to the calls running under it. A listener per
// call costs an add and a remove that each walk the signal's listener list (every in-flight call
// of a run shares the run's signal), and needs setMaxListeners on it.
const running = new WeakMap<AbortSignal, Set<AbortController>>();

function follow(caller: AbortSignal, controller: AbortController): Set<AbortController> {
  let calls = running.get(caller);
  if (calls === undefined) {
    const set = new Set<AbortController>();
    calls = set;
    running.set(caller, set);
    caller.addEventListener(
      'abort',
      () => {
        for (const c of set) c.abort(caller.reason);
        set.clear();
      },
      { once: true },
    );
  }
  calls.add(controller);
  return calls;
}

/** Combine the caller's signal with a `timeoutMs` timer; call `clear()` when the call settles. */
export function startDeadline(caller: AbortSignal, timeoutMs: number): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`timed out after ${timeoutMs}ms`, 'TimeoutError'));
  }, timeoutMs);
  let calls: Set<AbortController> | undefined;
  if (caller.aborted) controller.abort(caller.reason);
  else calls = follow(caller, controller);
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    clear() {
      clearTimeout(timer);
      calls?.delete(controller);
    },
  };
}
