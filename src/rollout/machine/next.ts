// next(state, event) → state, actions, notes: the whole rollout as a pure function, in the spirit of
// Argo Rollouts' reconcile loop (read what happened, decide the next action) and Kayenta's judge
// (results in, a classification out). Exhaustive over the closed set of input events; an event that
// does not apply to the current phase (a late result, a duplicate tick) changes nothing.
// Time is the event's own `at`, so folding a journal gives the same state as the run that wrote it.
import { formatTable, sameWeights } from '../plan.js';
import type { InputEvent } from '../types.js';
import type { Transition } from './actions.js';
import {
  afterHold,
  afterVerified,
  analyse,
  doubt,
  enterHold,
  enterStep,
  finish,
  onInconclusive,
  reissue,
  rollback,
  rollbackTable,
  stepPassed,
  T,
  watch,
} from './steps.js';
import { idle, type RolloutState } from './state.js';

/** Apply one input event. */
export function next(prev: RolloutState, e: InputEvent): Transition {
  const now = Date.parse(e.at);
  const s: RolloutState = { ...prev, now };
  const p = s.phase;
  switch (e.type) {
    case 'started': {
      if (p.kind !== 'new') return T(s); // one start per journal
      const { app, target, backend, suite, blue, green, urls, baseUrls } = e;
      const started: RolloutState = {
        ...s,
        info: { app, target, backend, suite, blue, green, urls, baseUrls },
        plan: e.plan,
        base: e.base,
        fingerprint: e.fingerprint,
        lastVerified: e.base,
        detach: e.detach === true,
        vol: idle(now),
      };
      if (!e.pinned) return enterStep(started, 0);
      const write = started.writes + 1;
      return T({ ...started, writes: write, phase: { kind: 'shifting', step: -1, purpose: 'pin' } }, [
        { kind: 'write', write, table: e.base, purpose: 'pin', reason: 'pin the table by revision name' },
      ]);
    }
    case 'resumed':
      return resume({ ...s, stopped: null, parked: null, detach: e.detach === true, vol: idle(now) }, e.actual);
    case 'weights-requested':
    case 'rollback-requested':
      return T({ ...s, writes: Math.max(s.writes, e.write), pending: { write: e.write, table: e.table, purpose: e.purpose } });
    case 'weights-verified': {
      const verified: RolloutState = { ...s, lastVerified: e.table };
      if (s.pending?.write !== e.write) return T(verified); // a write overtaken by a rollback: only the table is news
      return afterVerified({ ...verified, pending: null }, e.purpose);
    }
    case 'weights-failed': {
      if (s.pending?.write !== e.write) return T(s);
      const failed: RolloutState = { ...s, pending: null };
      const why = `[${e.code}] ${e.message}; last known traffic: ${formatTable(e.lastKnown)}`;
      if (e.purpose === 'rollback') {
        const blue = s.info?.blue ?? '<blue>';
        const reason = `ROLLBACK FAILED: ${why}; fix it by hand: \`revgate rollback <suite> --to ${blue}\``;
        return finish(failed, { kind: 'error', reason, lastKnown: e.lastKnown }, [
          { type: 'rollback-failed', message: reason, lastKnown: e.lastKnown },
        ]);
      }
      // Green already serves 100% and blue is warm: failing to drop blue is no reason to roll back.
      if (e.purpose === 'finalize')
        return finish(failed, {
          kind: 'error',
          reason: `promoted, but dropping ${s.info?.blue} from the table failed (${why}); it stays active at 0%`,
        });
      return rollback(failed, 'error', `setting traffic ${formatTable(e.table)} failed: ${why}`);
    }
    case 'analysis': {
      if (p.kind !== 'analysing' || p.step !== e.step || p.attempt !== e.attempt) return T(s);
      const reasons = e.reasons.join('; ') || 'no reason given';
      if (e.status === 'pass') return enterHold(s, p.step);
      if (e.status === 'fail' || e.status === 'error') return rollback(s, e.status, `step ${p.step + 1} analysis ${e.status}: ${reasons}`);
      const interval = s.plan!.analysisIntervalMs;
      if (now + interval < p.deadline) return watch({ ...s, phase: { ...p, retryAt: now + interval } });
      return onInconclusive(s, s.plan!.onInconclusive, `step ${p.step + 1} analysis still inconclusive: ${reasons}`);
    }
    case 'live': {
      const judged: RolloutState = { ...s, liveN: Math.max(s.liveN, e.n), vol: { ...s.vol, live: false } };
      if ((p.kind !== 'holding' && p.kind !== 'awaiting-approval') || p.step !== e.step) return T(judged);
      const what = `step ${p.step + 1} live window ${e.n}`;
      if (e.status === 'fail' || e.status === 'error')
        return rollback(judged, e.status, `${what}${e.breach ? ' clear breach' : ''}: ${e.reasons.join('; ')}`);
      if (!e.final || p.kind !== 'holding') return watch(judged);
      if (e.status === 'pass') return afterHold(judged, p.step);
      const live = s.plan!.live!;
      if (now + live.intervalMs <= p.maxUntil) {
        const until = now + live.intervalMs;
        const reason = `the hold is not decided yet (${e.reasons.join('; ')}): extended until ${new Date(until).toISOString()} (at most ${new Date(p.maxUntil).toISOString()})`;
        return watch({ ...judged, phase: { ...p, until } }, [
          { type: 'hold-extended', step: p.step, until: new Date(until).toISOString(), reason },
        ]);
      }
      return onInconclusive(
        judged,
        live.onInconclusive,
        `step ${p.step + 1} live analysis still inconclusive when the hold ended: ${e.reasons.join('; ')}`,
      );
    }
    case 'green-changed': {
      const polled: RolloutState = { ...s, vol: { ...s.vol, polling: false } };
      if (p.kind === 'keeping') return rollback(polled, 'error', `green changed after the cutover: ${JSON.stringify(e.to.version)}`);
      if (p.kind !== 'analysing' && p.kind !== 'holding' && p.kind !== 'awaiting-approval' && p.kind !== 'shifting') return T(polled);
      const write = s.writes + 1;
      const table = rollbackTable(s);
      return T(
        {
          ...polled,
          fingerprint: e.to,
          restarts: s.restarts + 1,
          writes: write,
          step: -1,
          phase: { kind: 'shifting', step: -1, purpose: 'restart' },
        },
        [{ kind: 'cancel-work' }, { kind: 'write', write, table, purpose: 'restart', reason: 'green changed: restart at 0%' }],
        [{ type: 'restart', reason: 'fingerprint changed' }],
      );
    }
    case 'breach': {
      const polled: RolloutState = { ...s, vol: { ...s.vol, polling: false } };
      // While blue is being deactivated a rollback is no longer possible: record and finish as usual.
      if (p.kind === 'deactivating') return T(polled);
      return rollback(polled, e.cause, e.reason);
    }
    case 'approved':
      if (p.kind !== 'awaiting-approval' || p.step !== e.step) return T(s);
      return stepPassed({ ...s, vol: { ...s.vol, polling: false } }, p.step);
    case 'interrupted':
      if (p.kind === 'keeping' || p.kind === 'deactivating' || (p.kind === 'shifting' && p.purpose === 'finalize')) {
        return T({ ...s, stopped: `interrupted (${e.signal}) after the cutover; ${s.info?.blue} stays active, --resume finishes` }, [
          { kind: 'cancel-work' },
        ]);
      }
      if (p.kind === 'new') return finish(s, { kind: 'interrupted', reason: `interrupted (${e.signal}) before any traffic moved` });
      return rollback(s, 'interrupted', `interrupted (${e.signal})`);
    case 'deactivated':
      if (p.kind !== 'deactivating') return T(s);
      return finish(s, { kind: 'promoted', reason: `${s.info?.green} serves 100%; ${e.revision} deactivated` });
    case 'deactivate-failed':
      if (p.kind !== 'deactivating') return T(s);
      return finish(s, { kind: 'error', reason: `promoted, but deactivating ${e.revision} failed: ${e.message} (it stays active at 0%)` });
    case 'tick':
      return watch(s);
    case 'polled': {
      const polled: RolloutState = { ...s, vol: { ...s.vol, polling: false } };
      // --detach: the approvals were read and this step has none yet: save and exit (the
      // deadline still counts; an approval recorded after it does not).
      if (p.kind === 'awaiting-approval' && s.detach && e.approval === 'none' && now < p.deadline) {
        const reason = `step ${p.step + 1} (${s.plan!.steps[p.step]!.weight}% on green) waits for an approval until ${new Date(p.deadline).toISOString()}`;
        return T({ ...polled, parked: reason }, [{ kind: 'cancel-work' }], [{ type: 'finished', outcome: 'awaiting-approval', reason }]);
      }
      return watch(polled);
    }
    case 'live-skipped':
      return watch({ ...s, vol: { ...s.vol, live: false } });
  }
}

/** --resume: trust the last verified table; a write in flight at the crash is judged by what the platform shows now. */
function resume(s: RolloutState, actual: RolloutState['base']): Transition {
  const p = s.phase;
  if (p.kind === 'done' || s.info === null) return T(s);
  const pending = s.pending;
  if (pending && sameWeights(actual, pending.table)) return afterVerified({ ...s, pending: null, lastVerified: actual }, pending.purpose);
  if (!s.lastVerified || !sameWeights(actual, s.lastVerified)) {
    if (p.kind === 'rolling-back' && pending) return reissue(s, pending);
    return doubt(s, actual);
  }
  if (pending) return reissue(s, pending);
  switch (p.kind) {
    case 'analysing':
      return T({ ...s, phase: { ...p, attempt: p.attempt + 1, retryAt: null } }, [analyse(s, p.step, p.attempt + 1)]);
    case 'awaiting-approval':
      // Look for the approval before the deadline is judged: one recorded in time (while no process
      // was running, e.g. between CI jobs) still counts.
      return T({ ...s, vol: { ...s.vol, polling: true, nextPoll: s.now + s.plan!.pollMs } }, [{ kind: 'poll', approvalStep: p.step }]);
    case 'holding':
    case 'keeping':
      return watch(s);
    case 'deactivating':
      return T(s, [{ kind: 'deactivate', revision: s.info.blue }]);
    case 'paused':
      return enterStep(s, p.step);
    case 'new':
    case 'shifting':
    case 'rolling-back':
      // No write in flight yet no verified end: only a rollback is safe.
      return rollback(
        s,
        p.kind === 'rolling-back' ? p.cause : 'error',
        p.kind === 'rolling-back' ? p.reason : `resume found ${p.kind} with nothing in flight`,
        true,
      );
  }
}
