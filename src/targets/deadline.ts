// One signal per call that fires on the caller's abort or on the call's own timeout.

/**
 * What undici's `request({signal})` reads of a signal: `aborted`, `reason` and one 'abort'
 * listener added and removed. A Deadline is one itself, so a call over undici needs no
 * AbortController: in `npm run bench` the per-call AbortController, its EventTarget listener
 * bookkeeping and the objects they keep alive across the call were the largest source of
 * garbage promoted to the old generation (a sampling heap profile of the replay).
 */
export interface AbortLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: unknown): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface Deadline extends AbortLike {
  /**
   * A standard AbortSignal following this deadline, made on first use (the SDK's streamed path
   * wants one); calls over undici pass the Deadline itself (`asSignal`).
   */
  readonly signal: AbortSignal;
  /** True once the timer (not the caller) ended the call. */
  readonly timedOut: boolean;
  clear(): void;
}

/** A Deadline as the `signal` of undici's request(), which accepts any object with this shape. */
export function asSignal(deadline: AbortLike): AbortSignal {
  return deadline as unknown as AbortSignal;
}

// One 'abort' listener per caller signal, fanning out to the calls running under it. A listener per
// call costs an add and a remove that each walk the signal's listener list (every in-flight call
// of a run shares the run's signal), and needs setMaxListeners on it.
const running = new WeakMap<AbortSignal, Set<CallDeadline>>();

function follow(caller: AbortSignal, call: CallDeadline): Set<CallDeadline> {
  let calls = running.get(caller);
  if (calls === undefined) {
    const set = new Set<CallDeadline>();
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
  calls.add(call);
  return calls;
}

class CallDeadline implements Deadline {
  aborted = false;
  reason: unknown = undefined;
  timedOut = false;
  private listener: (() => void) | undefined;
  private others: (() => void)[] | undefined;
  private controller: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private calls: Set<CallDeadline> | undefined;

  constructor(caller: AbortSignal, timeoutMs: number) {
    if (caller.aborted) {
      this.abort(caller.reason);
      return;
    }
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.abort(new DOMException(`timed out after ${timeoutMs}ms`, 'TimeoutError'));
    }, timeoutMs);
    this.calls = follow(caller, this);
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.listener === undefined) this.listener = listener;
    else (this.others ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    if (this.listener === listener) this.listener = undefined;
    else if (this.others !== undefined) this.others = this.others.filter((l) => l !== listener);
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
    // Listeners run once (as with `{once: true}`).
    const listeners = [this.listener, ...(this.others ?? [])];
    this.listener = this.others = undefined;
    for (const l of listeners) l?.();
  }

  clear(): void {
    clearTimeout(this.timer);
    this.calls?.delete(this);
  }
}

/** Combine the caller's signal with a `timeoutMs` timer; call `clear()` when the call settles. */
export function startDeadline(caller: AbortSignal, timeoutMs: number): Deadline {
  return new CallDeadline(caller, timeoutMs);
}
