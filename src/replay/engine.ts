// The replay engine: blue and green calls of each case paired and interleaved in random order,
// bounded concurrency (p-limit) with backpressure, retries, per-request and whole-run deadlines,
// each attempt handed on as soon as it ends.
import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import type { GoldenCase } from '../config/golden-schema.js';
import type { ResolvedSuite } from '../config/resolved.js';
import type { Revision, Target } from '../targets/types.js';
import { seededRandom } from './random.js';
import { withRetries, type RetryPolicy } from './retry.js';
import type { AttemptRecord } from './types.js';

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
  sampling: ResolvedSuite['sampling'];
  /** Called with every finished attempt, in completion order. */
  onAttempt(attempt: AttemptRecord): Promise<void> | void;
  /** Called once all attempts of a case (both revisions, every repeat) are in. */
  onCaseDone(testCase: GoldenCase, attempts: Record<Revision, AttemptRecord[]>): Promise<void> | void;
  onProgress?(progress: ReplayProgress): void;
  /** Aborted by the caller on SIGINT / SIGTERM (the reason names the signal). */
  signal: AbortSignal;
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
  const deadline = AbortSignal.timeout(sampling.deadline);
  const signal = AbortSignal.any([input.signal, deadline]);
  // Every in-flight call listens for the abort: that is by design, not a leak.
  setMaxListeners(0, signal);
  const policy: RetryPolicy = { retries: sampling.retries, backoffMs: sampling.backoff, maxDelayMs: 30_000, random };
  const limit = pLimit(sampling.concurrency);
  const perCase = sampling.repeats * 2;
  const progress: ReplayProgress = {
    casesDone: 0,
    casesPlanned: input.cases.length,
    attemptsDone: 0,
    attemptsPlanned: input.cases.length * perCase,
    errors: { blue: 0, green: 0 },
  };
  const open = new Map<string, CaseState>();
  let failure: unknown;

  const runOne = async (state: CaseState, revision: Revision, repeat: number): Promise<void> => {
    if (signal.aborted) return;
    const at = new Date().toISOString();
    let outcome;
    try {
      outcome = await withRetries(() => targets[revision].call(state.testCase, { signal, timeoutMs: sampling.timeout }), policy, signal);
    } catch (e) {
      if (signal.aborted) return; // interrupted: this attempt is not a result
      throw e;
    }
    const record: AttemptRecord = outcome.ok
      ? {
          caseId: state.testCase.id, revision, repeat, ok: true,
          text: outcome.response.text,
          ...(outcome.response.docs ? { docs: outcome.response.docs } : {}),
          ...(outcome.response.usage ? { usage: outcome.response.usage } : {}),
          latencyMs: round(outcome.response.totalMs),
          ttfbMs: round(outcome.response.ttfbMs),
          ...(outcome.response.ttftMs === undefined ? {} : { ttftMs: round(outcome.response.ttftMs) }),
          retries: outcome.retriedOn.length,
          ...(outcome.retriedOn.length ? { retriedOn: outcome.retriedOn } : {}),
          at,
        }
      : {
          caseId: state.testCase.id, revision, repeat, ok: false,
          ...(outcome.error.elapsedMs === undefined ? {} : { latencyMs: round(outcome.error.elapsedMs) }),
          retries: outcome.retriedOn.length,
          ...(outcome.retriedOn.length ? { retriedOn: outcome.retriedOn } : {}),
          error: { class: outcome.error.errorClass, message: outcome.error.message, ...(outcome.error.status === undefined ? {} : { status: outcome.error.status }) },
          at,
        };
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

  // Backpressure: keep at most a few batches queued ahead of the workers, so a 100k-case
  // suite does not build 200k closures up front.
  const inFlight = new Set<Promise<void>>();
  const maxQueued = sampling.concurrency * 4;
  const schedule = (task: () => Promise<void>) => {
    const p: Promise<void> = limit(task)
      .catch((e: unknown) => { failure ??= e; })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  for (const testCase of input.cases) {
    if (signal.aborted || failure !== undefined) break;
    const state: CaseState = { testCase, remaining: perCase, attempts: { blue: [], green: [] } };
    open.set(testCase.id, state);
    for (let repeat = 0; repeat < sampling.repeats; repeat++) {
      // Pair blue and green on the same case, adjacent in the queue, order randomised,
      // so time-varying load and caches hit both alike.
      const order: Revision[] = random() < 0.5 ? ['blue', 'green'] : ['green', 'blue'];
      for (const revision of order) schedule(() => runOne(state, revision, repeat));
    }
    while (inFlight.size >= maxQueued) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;

  const stopped: StopReason | null = input.signal.aborted
    ? (String(input.signal.reason) === 'SIGTERM' ? 'SIGTERM' : 'SIGINT')
    : deadline.aborted ? 'deadline' : null;
  return { casesDone: progress.casesDone, casesPlanned: progress.casesPlanned, stopped };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
