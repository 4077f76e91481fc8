// One serialized writer per app: every ARM write — traffic tables, activate/deactivate, the lock's
// tag — goes through this queue, so two writes never overlap (Azure refuses a write while another
// modification of the app runs: 409 ContainerAppLockConflict). Each write is retried on 408/409/429/5xx
// and network errors with exponential backoff that honours Retry-After, until its deadline; while it
// waits it says what it waits for. A table write is verified by reading it back until it matches
// (reads are eventually consistent) or the deadline passes.
import { setTimeout as sleep } from 'node:timers/promises';
import { RevgateError, TrafficError } from '../model/errors.js';
import type { TrafficRouter } from '../traffic/types.js';
import { formatTable, sameWeights } from './plan.js';
import type { Table } from './types.js';

export interface WriterOptions {
  /** First backoff, ms; doubles per retry. @default 1000 */
  backoffMs?: number;
  /** Longest backoff, ms. @default 15000 */
  maxBackoffMs?: number;
  /** Longest single call (an LRO that outlives it is found by the next attempt's 409 and waited for). @default 120000 */
  callTimeoutMs?: number;
  log?: (line: string) => void;
}

export type WriteResult = { ok: true; table: Table } | { ok: false; code: string; message: string; lastKnown: Table | null };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Worth retrying: the platform is busy or throttling (408/409/429/5xx), or the call never got an answer. */
export function retryable(e: unknown): boolean {
  if (e instanceof TrafficError) {
    if (e.status !== undefined) return e.status === 408 || e.status === 409 || e.status === 429 || e.status >= 500;
    return e.code === 'RG_TRAFFIC_API'; // no HTTP status: a network error after the SDK's own retries
  }
  return !(e instanceof RevgateError); // a timeout or socket error of ours
}

/** The wait the platform asked for (Retry-After), when it said. */
function retryAfterOf(e: unknown): number | undefined {
  const v = (e as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export class SerialWriter {
  private tail: Promise<unknown> = Promise.resolve();
  private current: string | null = null;

  constructor(
    private readonly router: TrafficRouter,
    private readonly o: WriterOptions = {},
  ) {}

  /** What is being written now (null when idle). */
  get inFlight(): string | null {
    return this.current;
  }

  /** Resolves once every queued write has ended. */
  async idle(): Promise<void> {
    for (let t = this.tail; ; t = this.tail) {
      await t.catch(() => undefined);
      if (t === this.tail) return;
    }
  }

  /** Queue `op`: it starts after every write queued before it, and is retried until `deadline` (epoch ms). */
  run<T>(what: string, deadline: number, op: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const run = this.tail
      .catch(() => undefined)
      .then(async () => {
        this.current = what;
        try {
          return await this.retry(what, deadline, op);
        } finally {
          this.current = null;
        }
      });
    this.tail = run;
    return run;
  }

  /** Write the whole table and read it back until it matches; never throws. */
  setTable(table: Table, deadline: number, what = `set traffic ${formatTable(table)}`): Promise<WriteResult> {
    const seen: { table: Table | null } = { table: null };
    return this.run(what, deadline, async (signal) => {
      try {
        await this.router.setWeights(table, { signal });
      } catch (e) {
        // The write may have been applied although its answer was lost (a dropped poll, a 403 on the status): look first.
        seen.table = await this.router.readWeights({ signal }).catch(() => seen.table);
        if (seen.table && sameWeights(seen.table, table)) return seen.table;
        throw e;
      }
      return this.readBack(table, deadline, signal, seen);
    }).then(
      (t): WriteResult => ({ ok: true, table: t }),
      (e: unknown): WriteResult => ({
        ok: false,
        code: (e as { code?: string }).code ?? 'RG_TRAFFIC_API',
        message: message(e),
        lastKnown: seen.table,
      }),
    );
  }

  /** Read until the table shows `expected` (ARM reads may lag a finished write). */
  private async readBack(expected: Table, deadline: number, signal: AbortSignal, seen: { table: Table | null }): Promise<Table> {
    for (let n = 1; ; n++) {
      const actual = await this.router.readWeights({ signal });
      seen.table = actual;
      if (sameWeights(actual, expected)) return actual;
      const wait = Math.min(this.o.maxBackoffMs ?? 15_000, (this.o.backoffMs ?? 1000) * 2 ** (n - 1));
      if (Date.now() + wait >= deadline) {
        throw new TrafficError('RG_TRAFFIC_VERIFY', `traffic read back as ${formatTable(actual)}, expected ${formatTable(expected)}`, {
          hint: 'another actor may have changed the traffic; check the app',
        });
      }
      this.o.log?.(
        `revgate: read back ${formatTable(actual)}, expected ${formatTable(expected)}: reading again in ${Math.round(wait / 100) / 10} s`,
      );
      await sleep(wait);
    }
  }

  private async retry<T>(what: string, deadline: number, op: (signal: AbortSignal) => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      const left = deadline - Date.now();
      try {
        return await op(AbortSignal.timeout(Math.max(1, Math.min(left, this.o.callTimeoutMs ?? 120_000))));
      } catch (e) {
        const wait = Math.max(retryAfterOf(e) ?? 0, Math.min(this.o.maxBackoffMs ?? 15_000, (this.o.backoffMs ?? 1000) * 2 ** (n - 1)));
        if (!retryable(e) || Date.now() + wait >= deadline) throw e;
        const status = (e as { status?: number }).status;
        const why = status === 409 ? 'another modification of the app is in progress' : status === 429 ? 'throttled' : 'no usable answer';
        this.o.log?.(
          `revgate: waiting to ${what}: ${why} (${message(e).slice(0, 160)}); retry ${n} in ${Math.round(wait / 100) / 10} s, giving up at ${new Date(deadline).toISOString()}`,
        );
        await sleep(wait);
      }
    }
  }
}
