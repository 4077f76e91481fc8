// The named transitions `next` is made of: enter a step, after its weights verified, hold, approval,
// step passed, promote, roll back, finish, and `watch` — what is due at `s.now` in a waiting phase.
import { finalTable, formatTable, mergeLabels, tableFor } from '../plan.js';
import type { Cause, NoteBody, Outcome, Table, WritePurpose } from '../types.js';
import type { Action, Transition } from './actions.js';
import type { RolloutState } from './state.js';

const iso = (t: number) => new Date(t).toISOString();

/** A transition. */
export function T(state: RolloutState, actions: Action[] = [], notes: NoteBody[] = []): Transition {
  return { state, actions, notes };
}

/** Join transitions: the second runs on the first's state; actions and notes in order. */
function then(a: Transition, f: (s: RolloutState) => Transition): Transition {
  const b = f(a.state);
  return { state: b.state, actions: [...a.actions, ...b.actions], notes: [...a.notes, ...b.notes] };
}

/** The golden replay of step `step` (every case, or its deterministic sample). */
export function analyse(s: RolloutState, step: number, attempt: number): Action {
  const st = s.plan!.steps[step]!;
  return {
    kind: 'analyse',
    step,
    attempt,
    ...(st.analysis === 'sample' ? { mode: 'sample' as const, sample: st.sample ?? 50 } : { mode: 'full' as const }),
  };
}

/** Blue 100%, green 0% (labels and other labelled entries kept). */
export function rollbackTable(s: RolloutState): Table {
  return tableFor(0, s.info!.blue, s.info!.green, s.base);
}

/** Ask for a write (the executor journals it as requested before sending it). */
function write(s: RolloutState, table: Table, purpose: WritePurpose, reason: string, phase: RolloutState['phase']): Transition {
  const id = s.writes + 1;
  return T({ ...s, writes: id, phase }, [{ kind: 'write', write: id, table, purpose, reason }]);
}

/** Step i: write its table. */
export function enterStep(s: RolloutState, i: number): Transition {
  const steps = s.plan!.steps;
  if (i >= steps.length) return promote(s);
  const w = steps[i]!.weight;
  const t = write({ ...s, step: i, stepSince: null, liveN: 0 }, tableFor(w, s.info!.blue, s.info!.green, s.base), 'step', `step ${i + 1}`, {
    kind: 'shifting',
    step: i,
    purpose: 'step',
  });
  return { ...t, notes: [{ type: 'step-started', step: i, weight: w }] };
}

/** A write verified: continue according to why it was written. */
export function afterVerified(s0: RolloutState, purpose: WritePurpose): Transition {
  const s: RolloutState = { ...s0, base: mergeLabels(s0.base, s0.lastVerified ?? []) };
  const p = s.phase;
  switch (purpose) {
    case 'pin':
    case 'restart':
      return enterStep(s, 0);
    case 'step': {
      if (p.kind !== 'shifting') return T(s);
      const step = s.plan!.steps[p.step]!;
      const since: RolloutState = { ...s, stepSince: s.now };
      if (step.analysis === 'none') return enterHold(since, p.step);
      const attempt = 1;
      return T({ ...since, phase: { kind: 'analysing', step: p.step, attempt, deadline: s.now + (step.holdMs ?? 0), retryAt: null } }, [
        analyse(s, p.step, attempt),
      ]);
    }
    case 'finalize':
      return T({ ...s, phase: { kind: 'deactivating' } }, [{ kind: 'deactivate', revision: s.info!.blue }]);
    case 'rollback': {
      const cause: Cause = p.kind === 'rolling-back' ? p.cause : 'error';
      const reason = p.kind === 'rolling-back' ? p.reason : 'rolled back';
      const outcome: Outcome = cause === 'interrupted' ? { kind: 'interrupted', reason } : { kind: 'rolled-back', cause, reason };
      return finish(s, outcome, [{ type: 'rolled-back', table: s.lastVerified ?? [] }]);
    }
  }
}

/** The step's hold (after its analysis passed), or straight to its approval. */
export function enterHold(s: RolloutState, i: number): Transition {
  const step = s.plan!.steps[i]!;
  const hold = step.holdMs ?? 0;
  if (hold <= 0) return afterHold(s, i);
  const live = liveOn(s, i) ? s.plan!.live : null;
  const until = s.now + hold;
  const maxUntil = until + (live ? (live.maxExtensionMs ?? hold) : 0);
  const since = s.stepSince ?? s.now;
  const held: RolloutState = {
    ...s,
    phase: { kind: 'holding', step: i, until, maxUntil },
    vol: { ...s.vol, nextPoll: s.now + s.plan!.pollMs, nextLive: s.now + (live?.intervalMs ?? 0) },
  };
  return watch(held, [{ type: 'hold', step: i, since: iso(since), until: iso(until), maxUntil: iso(maxUntil) }]);
}

/** Hold over: wait for an approval, or the step passed. */
export function afterHold(s: RolloutState, i: number): Transition {
  if (!s.plan!.steps[i]!.approval) return stepPassed(s, i);
  const deadline = s.now + s.plan!.approvalTimeoutMs;
  return watch({ ...s, phase: { kind: 'awaiting-approval', step: i, deadline }, vol: { ...s.vol, nextPoll: s.now } }, [
    { type: 'approval-awaited', step: i, deadline: iso(deadline) },
  ]);
}

export function stepPassed(s: RolloutState, i: number): Transition {
  return then(T(s, [], [{ type: 'step-passed', step: i }]), (x) => enterStep(x, i + 1));
}

/** Every step passed: green serves 100%, blue stays warm for keepPrevious. */
function promote(s: RolloutState): Transition {
  const until = s.now + s.plan!.keepPreviousMs;
  const kept: RolloutState = { ...s, phase: { kind: 'keeping', until }, vol: { ...s.vol, nextPoll: s.now + s.plan!.pollMs } };
  const notes: NoteBody[] = [
    { type: 'promoted', table: s.lastVerified ?? [] },
    { type: 'keep-previous', revision: s.info!.blue, until: iso(until) },
  ];
  if (!s.detach || until <= s.now) return watch(kept, notes);
  // --detach: the keep-warm period outlasts a CI job; a later `--resume` deactivates blue after it.
  const reason = `${s.info!.green} serves 100%; ${s.info!.blue} stays warm until ${iso(until)}, then \`--resume\` deactivates it`;
  return T({ ...kept, parked: reason }, [{ kind: 'cancel-work' }], [...notes, { type: 'finished', outcome: 'cut-over', reason }]);
}

/** Put 100% back on blue: the writer sends it as soon as the write in flight (if any) has ended. */
export function rollback(s: RolloutState, cause: Cause, reason: string, again = false): Transition {
  const p = s.phase;
  if (p.kind === 'done' || (!again && (p.kind === 'rolling-back' || p.kind === 'paused'))) return T(s);
  if (s.info === null) return finish(s, cause === 'interrupted' ? { kind: 'interrupted', reason } : { kind: 'error', reason });
  const id = s.writes + 1;
  const table = rollbackTable(s);
  return T({ ...s, writes: id, phase: { kind: 'rolling-back', cause, reason } }, [
    { kind: 'cancel-work' },
    { kind: 'write', write: id, table, purpose: 'rollback', reason, rollback: { cause, breachAt: iso(s.now) } },
  ]);
}

/** The same write again (after a resume found it unfinished). */
export function reissue(s: RolloutState, w: NonNullable<RolloutState['pending']>): Transition {
  const id = s.writes + 1;
  const p = s.phase;
  const rb = p.kind === 'rolling-back' ? { rollback: { cause: p.cause, breachAt: iso(s.now) } } : {};
  return T({ ...s, writes: id, pending: null }, [
    { kind: 'write', write: id, table: w.table, purpose: w.purpose, reason: `resume: ${w.purpose} again`, ...rb },
  ]);
}

/** Resume found traffic it cannot explain: roll back. */
export function doubt(s: RolloutState, actual: Table): Transition {
  return rollback(
    s,
    'error',
    `doubt on resume: traffic is ${formatTable(actual)}, the last verified table was ${formatTable(s.lastVerified)}`,
    true,
  );
}

/** onInconclusive: pause (traffic stays, --resume re-runs the step) or roll back. Never a promotion. */
export function onInconclusive(s: RolloutState, mode: 'pause' | 'rollback', reason: string): Transition {
  if (mode === 'rollback') return rollback(s, 'inconclusive', reason);
  const step = Math.max(0, s.step);
  return T(
    { ...s, phase: { kind: 'paused', step, reason } },
    [{ kind: 'cancel-work' }],
    [
      { type: 'paused', step, reason },
      { type: 'finished', outcome: 'paused', reason },
    ],
  );
}

export function finish(s: RolloutState, outcome: Outcome, notes: NoteBody[] = []): Transition {
  const cause = outcome.kind === 'rolled-back' ? { cause: outcome.cause } : {};
  return T(
    { ...s, phase: { kind: 'done', outcome }, pending: null },
    [{ kind: 'cancel-work' }],
    [...notes, { type: 'finished', outcome: outcome.kind, ...cause, reason: outcome.reason }],
  );
}

/** Live analysis runs during this step's waits: configured, and green carries 1-99%. */
function liveOn(s: RolloutState, i: number): boolean {
  const w = s.plan!.steps[i]?.weight ?? 0;
  return s.plan!.live !== null && w > 0 && w < 100;
}

/** What is due now in a waiting phase: deadlines, a poll, a live window; then the next wake-up. */
export function watch(s0: RolloutState, notes: NoteBody[] = []): Transition {
  let s = s0;
  const p = s.phase;
  const now = s.now;
  const actions: Action[] = [];
  const plan = s.plan!;
  switch (p.kind) {
    case 'analysing':
      if (p.retryAt !== null && now >= p.retryAt) {
        s = { ...s, phase: { ...p, attempt: p.attempt + 1, retryAt: null } };
        actions.push(analyse(s, p.step, p.attempt + 1));
      }
      break;
    case 'holding':
      if (now >= p.until) {
        if (!liveOn(s, p.step)) return then(T(s, [], notes), (x) => afterHold(x, p.step));
        if (!s.vol.live) {
          actions.push({
            kind: 'live',
            step: p.step,
            n: s.liveN + 1,
            weight: plan.steps[p.step]!.weight,
            since: s.stepSince ?? now,
            final: true,
          });
          s = { ...s, vol: { ...s.vol, live: true } };
        }
      }
      break;
    case 'awaiting-approval':
      if (now >= p.deadline)
        return then(T(s, [], notes), (x) =>
          rollback(x, 'approval-timeout', `step ${p.step + 1}: no approval within ${Math.round(plan.approvalTimeoutMs / 1000)} s`),
        );
      break;
    case 'keeping':
      if (now >= p.until)
        return then(T(s, [], notes), (x) =>
          write(x, finalTable(x.info!.blue, x.info!.green, x.base), 'finalize', `drop ${x.info!.blue} from the table`, {
            kind: 'shifting',
            step: x.step,
            purpose: 'finalize',
          }),
        );
      break;
    default:
      return T(s, [], notes);
  }
  const step = 'step' in p ? p.step : -1;
  if (!s.vol.polling && now >= s.vol.nextPoll) {
    actions.push({ kind: 'poll', approvalStep: p.kind === 'awaiting-approval' ? p.step : null });
    s = { ...s, vol: { ...s.vol, polling: true, nextPoll: now + plan.pollMs } };
  }
  const periodic = (p.kind === 'holding' || p.kind === 'awaiting-approval') && liveOn(s, step);
  if (periodic && !s.vol.live && now >= s.vol.nextLive && !(p.kind === 'holding' && now >= p.until)) {
    actions.push({ kind: 'live', step, n: s.liveN + 1, weight: plan.steps[step]!.weight, since: s.stepSince ?? now, final: false });
    s = { ...s, vol: { ...s.vol, live: true, nextLive: now + plan.live!.intervalMs } };
  }
  const due = [s.vol.polling ? Infinity : s.vol.nextPoll, periodic && !s.vol.live ? s.vol.nextLive : Infinity, dueOf(s.phase)];
  // Only what lies ahead: a hold past its end waits for its final live window, not for the clock.
  const at = Math.min(...due.filter((t) => t > now));
  if (Number.isFinite(at)) actions.push({ kind: 'wake', at });
  return T(s, actions, notes);
}

/** The phase's own deadline. */
function dueOf(p: RolloutState['phase']): number {
  switch (p.kind) {
    case 'analysing':
      return p.retryAt ?? Infinity;
    case 'holding':
      return p.until;
    case 'awaiting-approval':
      return p.deadline;
    case 'keeping':
      return p.until;
    default:
      return Infinity;
  }
}
