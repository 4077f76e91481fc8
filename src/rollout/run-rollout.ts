// The rollout use case: take the lock → pre-flight and `started` (or fold the journal and
// `resumed`) → run the event loop until the machine finishes, pauses or stops → let the writer
// finish what it sent → release the lock. Ctrl-C is an input like any other: the machine rolls
// back (or, after the cutover, stops with blue warm) and the loop ends when the table is verified.
import type { ResolvedRollout } from './options.js';
import { RolloutStateError } from '../model/errors.js';
import type { TrafficRouter } from '../traffic/types.js';
import type { StepAnalysis } from './analysis.js';
import type { ApprovalSource } from './approvals.js';
import { describeEvent } from './describe.js';
import { DryExecutor } from './dry-executor.js';
import { Executor } from './executor.js';
import { readFingerprint } from './fingerprint.js';
import type { Journal } from './journal.js';
import type { LiveRunner } from './live.js';
import { takeLock } from './lock.js';
import { Loop } from './loop.js';
import { foldJournal } from './machine/fold.js';
import { rollbackTable } from './machine/steps.js';
import { initialState, outcomeOf, resumable, type RolloutState } from './machine/state.js';
import { OwnTraffic } from './own-traffic.js';
import { formatAction, formatTable, planActions } from './plan.js';
import { preflight } from './preflight.js';
import { SerialWriter, type WriterOptions } from './writer.js';
import type { InputBody, MachinePlan, Outcome, RolloutEvent } from './types.js';

export interface RolloutDeps {
  router: TrafficRouter;
  journal: Journal;
  plan: ResolvedRollout;
  /** Golden replay at the steps that ask for one. */
  analysis: StepAnalysis;
  /** Live analysis during holds (plan.live). */
  live?: LiveRunner;
  /** revgate's own requests (shared with `live`, which subtracts them). */
  own?: OwnTraffic;
  approvals: ApprovalSource;
  runDir: string;
  /** Lock owner, e.g. host:pid. */
  owner: string;
  suite: string;
  /** Aborted on Ctrl-C: an `interrupted` input (writes in flight are never abandoned). */
  signal: AbortSignal;
  log: (line: string) => void;
  /** The journal so far, when resuming. */
  resume?: readonly RolloutEvent[];
  breakLock?: boolean;
  /** Called once the lock is held (the CLI writes the state pointer then). */
  onLocked?: () => Promise<void>;
  writer?: WriterOptions;
  /** Exit at an approval gate (outcome awaiting-approval) instead of waiting for it. */
  detach?: boolean;
  /** --dry-run: reads are real, writes printed, analyses and waits described on a virtual clock. */
  dryRun?: { print: (line: string) => void };
}

/** Run (or resume) a rollout to its end; a breach is an outcome, never an exception. */
export async function runRollout(d: RolloutDeps): Promise<Outcome> {
  const writer = new SerialWriter(d.router, { log: d.log, ...d.writer });
  const lock = await takeLock(d, writer);
  let clock = Date.now();
  const now = d.dryRun ? () => clock : Date.now;
  const own = d.own ?? new OwnTraffic();
  let loop: Loop | undefined;
  const onAbort = () => loop?.push({ type: 'interrupted', signal: String(d.signal.reason ?? 'SIGINT') });
  let executor: Executor | DryExecutor | undefined;
  try {
    await d.onLocked?.();
    const state = d.resume ? resumeState(d.resume) : initialState();
    const perform = (a: Parameters<Executor['perform']>[0]) => executor!.perform(a);
    loop = new Loop(state, {
      journal: d.journal,
      now,
      perform,
      onEvent: (e, at, s) => log(d, describeEvent(e, at, s)),
      idle: () => executor?.idle?.(),
    });
    const l = loop;
    executor = d.dryRun
      ? new DryExecutor({
          router: d.router,
          print: d.dryRun.print,
          push: (b) => l.push(b),
          record: (b) => l.record(b),
          state: () => l.state,
          advance: (t) => (clock = Math.max(clock, t)),
        })
      : new Executor({
          router: d.router,
          writer,
          analysis: d.analysis,
          ...(d.live ? { live: d.live } : {}),
          approvals: d.approvals,
          own,
          plan: d.plan,
          runId: d.journal.runId,
          runDir: d.runDir,
          log: d.log,
          push: (b) => l.push(b),
          record: (b) => l.record(b),
          state: () => l.state,
        });
    lock.onLost((reason) => l.push({ type: 'breach', cause: 'error', reason }));
    d.signal.addEventListener('abort', onAbort, { once: true });
    const exit = d.detach ? { detach: true } : {};
    if (d.resume) await loop.record({ type: 'resumed', owner: d.owner, actual: await d.router.readWeights({ signal: d.signal }), ...exit });
    else await loop.record({ ...(await startEvent(d)), ...exit });
    if (d.signal.aborted) onAbort();
    await loop.run();
  } catch (e) {
    return await failed(d, writer, loop?.state, e);
  } finally {
    d.signal.removeEventListener('abort', onAbort);
    executor?.close();
    // Whatever was sent is finished before the lock goes: nothing is left half-written behind us.
    await writer.idle();
    await lock.release();
  }
  return outcomeOf(loop.state) ?? { kind: 'error', reason: 'the rollout stopped without an outcome' };
}

function log(d: RolloutDeps, line: string | null): void {
  if (line !== null) d.log(`revgate: ${line}`);
}

/** The journal folded; refuses what cannot be resumed. */
function resumeState(events: readonly RolloutEvent[]): RolloutState {
  const s = foldJournal(events);
  if (!resumable(s)) throw new RolloutStateError(`the journal's rollout is ${s.info ? 'finished' : 'not started'}: nothing to resume`);
  if (!s.lastVerified) throw new RolloutStateError('the journal never verified a table; start a new rollout');
  return s;
}

/** Pre-flight (every problem at once, nothing moved), the fingerprint, the plan: the `started` input. */
async function startEvent(d: RolloutDeps): Promise<InputBody> {
  const r = await preflight(d.router, d.plan, { signal: d.signal, fresh: true });
  const join = (base: string) => `${base.replace(/\/+$/, '')}${d.plan.urlPath}`;
  const plan = machinePlan(d.plan);
  for (const a of planActions({
    steps: plan.steps,
    blue: r.blue.name,
    green: r.green.name,
    keepPrevious: plan.keepPreviousMs,
    base: r.table,
  }))
    d.log(`  plan: ${formatAction(a)}`);
  const fingerprint = await readFingerprint(r.green, r.baseUrls.green, d.signal);
  return {
    type: 'started',
    app: d.plan.backend.app,
    target: d.router.target,
    backend: d.router.kind,
    suite: d.suite,
    owner: d.owner,
    blue: r.blue.name,
    green: r.green.name,
    base: r.table,
    pinned: r.needsPin,
    checks: r.checks,
    urls: { blue: join(r.baseUrls.blue), green: join(r.baseUrls.green) },
    baseUrls: r.baseUrls,
    fingerprint,
    plan,
  };
}

/** The plan as the machine reads it (journaled in `started`). */
export function machinePlan(p: ResolvedRollout): MachinePlan {
  return {
    steps: p.steps.map((s) => ({
      weight: s.weight,
      ...(s.hold !== undefined ? { holdMs: s.hold } : {}),
      analysis: s.analysis,
      ...(s.sample !== undefined ? { sample: s.sample } : {}),
      approval: s.approval,
    })),
    keepPreviousMs: p.keepPrevious,
    onInconclusive: p.onInconclusive,
    analysisIntervalMs: p.analysisInterval,
    approvalTimeoutMs: p.approvalTimeout,
    pollMs: p.pollInterval,
    live: p.live
      ? { intervalMs: p.live.intervalMs, onInconclusive: p.live.onInconclusive, maxExtensionMs: p.live.maxExtensionMs ?? null }
      : null,
  };
}

/** A fault outside the machine (pre-flight, the journal, a bug): roll back when traffic may have moved, and say so. */
async function failed(d: RolloutDeps, writer: SerialWriter, s: RolloutState | undefined, e: unknown): Promise<Outcome> {
  const reason = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string }).code;
  // Nothing moved yet (pre-flight, the first journal write): an error outcome, no rollback needed.
  if (!s?.info)
    return d.signal.aborted
      ? { kind: 'interrupted', reason: `interrupted (${String(d.signal.reason)}) before any traffic moved` }
      : { kind: 'error', reason: code ? `[${code}] ${reason}` : reason };
  if (s.phase.kind === 'done' || s.phase.kind === 'paused') return outcomeOf(s) ?? { kind: 'error', reason };
  d.log(`revgate: ${reason}: rolling back`);
  const table = rollbackTable(s);
  const r = await writer.setTable(table, Date.now() + d.plan.rollbackTimeout);
  if (r.ok) return { kind: 'rolled-back', cause: 'error', reason };
  return {
    kind: 'error',
    reason: `${reason}; ROLLBACK FAILED (${r.message}); last known traffic: ${formatTable(r.lastKnown)}`,
    lastKnown: r.lastKnown,
  };
}
