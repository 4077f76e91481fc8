// A rollout reached through the machine itself, one phase at a time (no I/O): the fixture of the
// transition-table tests. Plan: 0% full analysis → 10% hold 1 s with live analysis and an approval → 100%.
import type { Action, Transition } from '../../src/rollout/machine/actions.js';
import { next } from '../../src/rollout/machine/next.js';
import { initialState, type PhaseKind, type RolloutState } from '../../src/rollout/machine/state.js';
import type { InputBody, MachinePlan } from '../../src/rollout/types.js';

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const BLUE = 'app--v1';
export const GREEN = 'app--v2';

export const PLAN: MachinePlan = {
  steps: [
    { weight: 0, analysis: 'full', approval: false },
    { weight: 10, holdMs: 1000, analysis: 'none', approval: true },
    { weight: 100, analysis: 'none', approval: false },
  ],
  keepPreviousMs: 5000,
  onInconclusive: 'rollback',
  analysisIntervalMs: 100,
  approvalTimeoutMs: 3000,
  pollMs: 200,
  live: { intervalMs: 250, onInconclusive: 'rollback', maxExtensionMs: 500 },
};

export const STARTED: InputBody = {
  type: 'started',
  app: 'app',
  target: 'rg/app',
  backend: 'test',
  suite: 's.yaml',
  owner: 'me',
  blue: BLUE,
  green: GREEN,
  base: [
    { revision: BLUE, weight: 100 },
    { revision: GREEN, weight: 0, label: 'preview' },
  ],
  pinned: false,
  checks: [],
  urls: { blue: 'http://127.0.0.1:1/v1', green: 'http://127.0.0.1:2/v1' },
  baseUrls: { blue: 'http://127.0.0.1:1', green: 'http://127.0.0.1:2' },
  fingerprint: { revision: GREEN, images: ['img:2'], version: { prompt: 'v2' } },
  plan: PLAN,
};

/** Feed one input `dt` ms after the state's clock. */
export function feed(s: RolloutState, body: InputBody, dt = 1): Transition {
  return next(s, { ...body, at: new Date(Math.max(s.now, T0) + dt).toISOString() });
}

/** The write a transition asked for. */
export const writeOf = (t: Transition) => t.actions.find((a): a is Extract<Action, { kind: 'write' }> => a.kind === 'write');

/** Journal the write's intent, then its verification (as the executor would). */
export function verify(t: Transition): RolloutState {
  const w = writeOf(t);
  if (!w) throw new Error('no write to verify');
  const body: InputBody = w.rollback
    ? {
        type: 'rollback-requested',
        write: w.write,
        table: w.table,
        purpose: 'rollback',
        cause: w.rollback.cause,
        reason: w.reason,
        breachAt: w.rollback.breachAt,
      }
    : { type: 'weights-requested', write: w.write, table: w.table, purpose: w.purpose, reason: w.reason };
  const requested = feed(t.state, body).state;
  return feed(requested, { type: 'weights-verified', write: w.write, table: w.table, purpose: w.purpose }).state;
}

/** A state in each phase, reached by real transitions (paused: by a hold that stays undecided with onInconclusive pause). */
export function reach(kind: PhaseKind): RolloutState {
  const fresh = initialState();
  if (kind === 'new') return fresh;
  const started = feed(fresh, STARTED);
  const w = writeOf(started)!;
  const shifting = feed(started.state, {
    type: 'weights-requested',
    write: w.write,
    table: w.table,
    purpose: 'step',
    reason: 'step 1',
  }).state;
  if (kind === 'shifting') return shifting;
  const analysing = feed(shifting, { type: 'weights-verified', write: w.write, table: w.table, purpose: 'step' }).state;
  if (kind === 'analysing') return analysing;
  const holding = verify(feed(analysing, { type: 'analysis', step: 0, attempt: 1, status: 'pass', reasons: [] }));
  if (kind === 'holding') return holding;
  if (kind === 'rolling-back') {
    const t = feed(holding, { type: 'breach', cause: 'error', reason: 'test' });
    const rw = writeOf(t)!;
    return feed(t.state, {
      type: 'rollback-requested',
      write: rw.write,
      table: rw.table,
      purpose: 'rollback',
      cause: 'error',
      reason: 'test',
      breachAt: rw.rollback!.breachAt,
    }).state;
  }
  if (kind === 'done') return verify(feed(holding, { type: 'breach', cause: 'error', reason: 'test' }));
  if (kind === 'paused') {
    const pausing: RolloutState = { ...holding, plan: { ...PLAN, live: { ...PLAN.live!, onInconclusive: 'pause' } } };
    const end = feed(pausing, { type: 'tick' }, 2000).state;
    return feed(
      end,
      {
        type: 'live',
        step: 1,
        n: 1,
        final: true,
        status: 'inconclusive',
        breach: false,
        reasons: ['too few requests'],
        window: null,
        checks: [],
      },
      1,
    ).state;
  }
  const ended = feed(holding, { type: 'tick' }, 1100).state;
  const awaiting = feed(ended, {
    type: 'live',
    step: 1,
    n: 1,
    final: true,
    status: 'pass',
    breach: false,
    reasons: [],
    window: null,
    checks: [],
  }).state;
  if (kind === 'awaiting-approval') return awaiting;
  const keeping = verify(feed(awaiting, { type: 'approved', step: 1, by: 'alice' }));
  if (kind === 'keeping') return keeping;
  const deactivating = verify(feed(keeping, { type: 'tick' }, 6000));
  if (kind === 'deactivating') return deactivating;
  throw new Error(`unknown phase ${String(kind)}`);
}

/** One sample of every input event, fitted to `s` (matching step, attempt and write where it has them). */
export function inputsFor(s: RolloutState): Record<string, { body: InputBody; dt: number }> {
  const p = s.phase;
  const step = 'step' in p ? p.step : Math.max(0, s.step);
  const attempt = p.kind === 'analysing' ? p.attempt : 1;
  const w = s.pending ?? { write: s.writes, table: s.lastVerified ?? [], purpose: 'step' as const };
  const live = (status: 'pass' | 'fail' | 'inconclusive', final: boolean) => ({
    body: {
      type: 'live' as const,
      step,
      n: s.liveN + 1,
      final,
      status,
      breach: status === 'fail',
      reasons: [status],
      window: null,
      checks: [],
    },
    dt: 1,
  });
  const fp = { revision: GREEN, images: ['img:2'], version: { prompt: 'v3' } };
  return {
    started: { body: STARTED, dt: 1 },
    resumed: { body: { type: 'resumed', owner: 'me', actual: s.lastVerified ?? [] }, dt: 1 },
    verified: { body: { type: 'weights-verified', write: w.write, table: w.table, purpose: w.purpose }, dt: 1 },
    'write-failed': {
      body: {
        type: 'weights-failed',
        write: w.write,
        table: w.table,
        purpose: w.purpose,
        code: 'RG_TRAFFIC_API',
        message: '503',
        lastKnown: null,
      },
      dt: 1,
    },
    'analysis-pass': { body: { type: 'analysis', step, attempt, status: 'pass', reasons: [] }, dt: 1 },
    'analysis-fail': { body: { type: 'analysis', step, attempt, status: 'fail', reasons: ['worse'] }, dt: 1 },
    'analysis-inconclusive': { body: { type: 'analysis', step, attempt, status: 'inconclusive', reasons: ['few'] }, dt: 1 },
    'live-pass-final': live('pass', true),
    'live-inconclusive-final': live('inconclusive', true),
    'live-fail': live('fail', false),
    'green-changed': { body: { type: 'green-changed', from: STARTED.type === 'started' ? STARTED.fingerprint : fp, to: fp }, dt: 1 },
    breach: { body: { type: 'breach', cause: 'error', reason: 'green unhealthy' }, dt: 1 },
    approved: { body: { type: 'approved', step, by: 'alice' }, dt: 1 },
    interrupted: { body: { type: 'interrupted', signal: 'SIGINT' }, dt: 1 },
    deactivated: { body: { type: 'deactivated', revision: BLUE }, dt: 1 },
    'deactivate-failed': { body: { type: 'deactivate-failed', revision: BLUE, message: '409' }, dt: 1 },
    'tick-late': { body: { type: 'tick' }, dt: 3_600_000 },
    polled: { body: { type: 'polled' }, dt: 1 },
  };
}
