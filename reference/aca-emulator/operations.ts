// Long-running operations, on the clock as on Azure: a PATCH (traffic, tags) or a revision action
// starts an operation that runs for `operationMs` of wall-clock time and then finishes by itself —
// polled or not (a client that went away does not stop it). While one runs, any other write to the
// app is refused with 409 ContainerAppLockConflict. A PATCH answers 202 with `Azure-AsyncOperation`
// (status) and `Location` (result) URLs; `pollsUntilDone` (legacy, default 0) additionally holds an
// operation InProgress until it was polled that many times.
import { EventEmitter } from 'node:events';
import { applyChange, type AppChange } from './patch.js';
import type { AppState } from './model.js';

export interface Operation {
  id: string;
  /** What it does: a PATCH of the app, or a revision action (`activate pharmabot--blue`). */
  kind: string;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  /** Epoch ms after which it finishes. */
  doneAt: number;
  /** Polls still answered InProgress before it may finish. */
  pollsLeft: number;
  change: AppChange | undefined;
  /** Set: the operation ends Failed with this error. */
  failWith: { code: string; message: string } | undefined;
  startTime: string;
  endTime: string | undefined;
}

/** What the emulator reports as it goes (tests wait on events, never on sleeps). */
export interface OperationEvents {
  'operation-started': [Operation];
  'operation-finished': [Operation];
}

export class Operations extends EventEmitter<OperationEvents> {
  readonly all = new Map<string, Operation>();
  /** The app as it was before the last change, served to reads until `staleUntil` (eventual consistency). */
  stale: { app: AppState; until: number } | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly state: AppState,
    private readonly staleReadMs: () => number,
  ) {
    super();
  }

  /** Starts an operation; `ms` 0 with `sync` completes it at once. */
  start(
    kind: string,
    change: AppChange | undefined,
    o: { ms: number; polls: number; sync?: boolean; failWith?: { code: string; message: string } },
  ): Operation {
    const now = Date.now();
    const op: Operation = {
      id: crypto.randomUUID(),
      kind,
      status: 'InProgress',
      doneAt: now + Math.max(0, o.ms),
      pollsLeft: Math.max(0, o.polls),
      change,
      failWith: o.failWith,
      startTime: new Date(now).toISOString(),
      endTime: undefined,
    };
    this.all.set(op.id, op);
    if (change !== undefined) this.state.provisioningState = 'InProgress';
    this.emit('operation-started', op);
    if (o.sync || (op.doneAt <= now && op.pollsLeft === 0)) this.finish(op);
    else this.schedule(op);
    return op;
  }

  /** The operation still running, if any (any other write meanwhile answers 409). */
  running(): Operation | undefined {
    return [...this.all.values()].find((op) => op.status === 'InProgress');
  }

  /** One poll: counts towards `pollsUntilDone`, finishes a due operation. */
  poll(op: Operation): void {
    if (op.status !== 'InProgress') return;
    if (op.pollsLeft > 0) {
      op.pollsLeft -= 1;
      return;
    }
    if (Date.now() >= op.doneAt) this.finish(op);
  }

  /** Stops the clocks (the emulator closes). */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private schedule(op: Operation): void {
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        if (op.pollsLeft === 0) this.finish(op);
      },
      Math.max(0, op.doneAt - Date.now()),
    );
    this.timers.add(t);
  }

  private finish(op: Operation): void {
    if (op.status !== 'InProgress') return;
    op.endTime = new Date().toISOString();
    if (op.failWith !== undefined) {
      op.status = 'Failed';
      if (op.change !== undefined) this.state.provisioningState = 'Failed';
    } else {
      if (op.change !== undefined) {
        const ms = this.staleReadMs();
        if (ms > 0) this.stale = { app: structuredClone(this.state), until: Date.now() + ms };
        applyChange(this.state, op.change);
        this.state.provisioningState = 'Succeeded';
      }
      op.status = 'Succeeded';
    }
    this.emit('operation-finished', op);
  }
}

// The body of the operation status resource.
export function statusJson(op: Operation): Record<string, unknown> {
  return {
    id: op.id,
    name: op.id,
    status: op.status,
    startTime: op.startTime,
    ...(op.endTime === undefined ? {} : { endTime: op.endTime }),
    ...(op.status === 'Failed' && op.failWith !== undefined ? { error: op.failWith } : {}),
  };
}
