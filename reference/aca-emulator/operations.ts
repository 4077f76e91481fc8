// Long-running PATCH operations: answered 202 with `Azure-AsyncOperation` (status) and `Location` (result)
// URLs under `/subscriptions/{s}/providers/Microsoft.App/locations/{region}/…`, as Container Apps does.
// An operation advances one step per poll (of either URL) and applies its change when it succeeds.
import { applyChange, type AppChange } from './patch.js';
import type { AppState } from './model.js';

export interface Operation {
  id: string;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  /** Polls still answered InProgress before the terminal state. */
  pollsLeft: number;
  change: AppChange;
  /** Set: the operation ends Failed with this error. */
  failWith: { code: string; message: string } | undefined;
  startTime: string;
  endTime: string | undefined;
}

export class Operations {
  readonly all = new Map<string, Operation>();

  // Starts an operation; a synchronous one completes at once.
  start(state: AppState, change: AppChange, polls: number, sync: boolean, failWith?: { code: string; message: string }): Operation {
    const op: Operation = {
      id: crypto.randomUUID(),
      status: 'InProgress',
      pollsLeft: Math.max(0, polls),
      change,
      failWith,
      startTime: new Date().toISOString(),
      endTime: undefined,
    };
    this.all.set(op.id, op);
    state.provisioningState = 'InProgress';
    if (sync) this.finish(state, op);
    return op;
  }

  /** The operation still running, if any (a second PATCH meanwhile answers 409). */
  running(): Operation | undefined {
    return [...this.all.values()].find((op) => op.status === 'InProgress');
  }

  // One poll: count down, then finish.
  advance(state: AppState, op: Operation): void {
    if (op.status !== 'InProgress') return;
    if (op.pollsLeft > 0) {
      op.pollsLeft -= 1;
      return;
    }
    this.finish(state, op);
  }

  private finish(state: AppState, op: Operation): void {
    op.endTime = new Date().toISOString();
    if (op.failWith !== undefined) {
      op.status = 'Failed';
      state.provisioningState = 'Failed';
      return;
    }
    applyChange(state, op.change);
    op.status = 'Succeeded';
    state.provisioningState = 'Succeeded';
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
