// The replay engine: blue and green calls of each case paired and interleaved in random order,
// bounded concurrency (a counter: the scheduling loop waits for a free slot), retries,
// per-request and whole-run deadlines, each attempt handed on as soon as it ends.
import { setMaxListeners } from 'node:events';
import type { GoldenCase } from '../model/golden.js';
import type { Sampling } from './schema.js';
import type { Revision } from '../model/outcome.js';
import type { Target } from '../targets/types.js';
import { seededRandom } from './random.js';
import { withRetries, type RetryPolicy } from './retry.js';
import type { AttemptRecord } from '../model/attempt.js';

export type StopReason = 'SIGINT' | 'SIGTERM' | 'deadline';

export interface ReplayProgress {
  casesDone: number;
  casesPlanned: number;
  attemptsDone: number;
  attemptsPlanned: number;
  errors: Record<Revision, number>;
}

export interface ReplayInput {
  cases: readonly GoldenCase[];
  targets: Record<Revision, Target>;
  sampling: Sampling;
  /** Called with every finished attempt, in completion order. */
  onAttempt(attempt: AttemptRecord): Promise<void> | void;
  /** Called once all attempts of a case (both revisions, every repeat) are in. */
  onCaseDone(testCase: GoldenCase, attempts: Record<Revision, AttemptRecord[]>): Promise<void> | void;
  onProgress?(progress: ReplayProgress): void;
  /** Aborted by the caller on SIGINT / SIGTERM (the reason names the signal). */
  signal: AbortSignal;
  /** The whole run's deadline, when the caller started it earlier (readiness and warm-up count). @default sampling.deadline from now */
  deadline?: AbortSignal;
  /** Index of the first repeat (an adaptive round continues a case's numbering). @default 0 */
  firstRepeat?: number;
}

export interface ReplayResult {
  casesDone: number;
  casesPlanned: number;
  stopped: StopReason | null;
}

interface CaseState {
  testCase: GoldenCase;
  remaining: number;
  attempts: Record<Revision, AttemptRecord[]>;
}

/** Replay every case `repeats` times on both revisions. Never throws for a target's failures. */
export async function replay(input: ReplayInput): Promise<ReplayResult> {
  const { sampling, targets } = input;
  const random = seededRandom(sampling.seed ?? Date.now());
  const deadline = input.deadline ?? AbortSignal.timeout(sampling.deadline);
  const signal = AbortSignal.any([input.signal, deadline]);
  // Every in-flight call listens for the abort: that is by design, not a leak.
  setMaxListeners(0, signal);
  const policy: RetryPolicy = { retries: sampling.retries, backoffMs: sampling.backoff, maxDelayMs: 30_000, random };
  const perCase = sampling.repeats * 2;
  const progress: ReplayProgress = {
    casesDone: 0,
    casesPlanned: input.cases.length,
    attemptsDone: 0,
    attemptsPlanned: input.cases.length * perCase,
    errors: { blue: 0, green: 0 },
  };
  const open = new Map<string, CaseState>();
  let failure: { error: unknown } | undefined;

  const runOne = async (state: CaseState, revision: Revision, repeat: number): Promise<void> => {
    if (signal.aborted) return;
    const at = isoNow();
    let outcome;
    try {
      outcome = await withRetries(() => targets[revision].call(state.testCase, { signal, timeoutMs: sampling.timeout }), policy, signal);
    } catch (e) {
      if (signal.aborted) return; // interrupted: this attempt is not a result
      throw e;
    }
    // Built field by field (same key order as before: it is the results.jsonl line), no spreads.
    const record = { caseId: state.testCase.id, revision, repeat, ok: outcome.ok } as AttemptRecord;
    if (outcome.ok) {
      const r = outcome.response;
      record.text = r.text;
      if (r.docs) record.docs = r.docs;
      if (r.usage) record.usage = r.usage;
      record.latencyMs = round(r.totalMs);
      record.ttfbMs = round(r.ttfbMs);
      if (r.ttftMs !== undefined) record.ttftMs = round(r.ttftMs);
    } else if (outcome.error.elapsedMs !== undefined) {
      record.latencyMs = round(outcome.error.elapsedMs);
    }
    record.retries = outcome.retriedOn.length;
    if (outcome.retriedOn.length) record.retriedOn = outcome.retriedOn;
    if (!outcome.ok) {
      const e = outcome.error;
      record.error =
        e.status === undefined
          ? { class: e.errorClass, message: e.message }
          : { class: e.errorClass, message: e.message, status: e.status };
    }
    record.at = at;
    if (!record.ok) progress.errors[revision]++;
    state.attempts[revision].push(record);
    progress.attemptsDone++;
    await input.onAttempt(record);
    if (--state.remaining === 0) {
      open.delete(state.testCase.id);
      for (const r of ['blue', 'green'] as const) state.attempts[r].sort((a, b) => a.repeat - b.repeat);
      await input.onCaseDone(state.testCase, state.attempts);
      progress.casesDone++;
    }
    input.onProgress?.(progress);
  };

  // Bounded concurrency without a queue: the loop below starts a call only when fewer than
  // `concurrency` are running, and otherwise waits for one to end. One counter, one waiter
  // (resolved by whichever call ends first): no per-call promise bookkeeping, no Promise.race
  // over every pending call, and a 100k-case suite never builds 200k closures up front.
  const concurrency = Math.max(1, sampling.concurrency);
  let active = 0;
  let wake: (() => void) | undefined;
  const slotFreed = (): Promise<void> => new Promise<void>((resolve) => (wake = resolve));
  const start = async (state: CaseState, revision: Revision, repeat: number): Promise<void> => {
    active++;
    try {
      await runOne(state, revision, repeat);
    } catch (e) {
      failure ??= { error: e };
    } finally {
      active--;
      const w = wake;
      wake = undefined;
      w?.();
    }
  };

  schedule: for (const testCase of input.cases) {
    if (signal.aborted || failure !== undefined) break;
    const state: CaseState = { testCase, remaining: perCase, attempts: { blue: [], green: [] } };
    open.set(testCase.id, state);
    const first = input.firstRepeat ?? 0;
    for (let repeat = first; repeat < first + sampling.repeats; repeat++) {
      // Pair blue and green on the same case, started back to back, order randomised,
      // so time-varying load and caches hit both alike.
      const order: Revision[] = random() < 0.5 ? ['blue', 'green'] : ['green', 'blue'];
      for (const revision of order) {
        while (active >= concurrency) await slotFreed();
        // A case cut in half by the stop is not a result either way; its unstarted calls are skipped.
        if (signal.aborted || failure !== undefined) break schedule;
        void start(state, revision, repeat);
      }
    }
  }
  while (active > 0) await slotFreed();
  if (failure !== undefined) throw failure.error;

  const stopped: StopReason | null = input.signal.aborted
    ? String(input.signal.reason) === 'SIGTERM'
      ? 'SIGTERM'
      : 'SIGINT'
    : deadline.aborted
      ? 'deadline'
      : null;
  return { casesDone: progress.casesDone, casesPlanned: progress.casesPlanned, stopped };
}

// Attempts starting in the same millisecond share one ISO string.
let lastMs = -1;
let lastIso = '';
function isoNow(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
