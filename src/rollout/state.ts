// The rollout state, pure: a reducer that folds journal events into where the rollout stands.
// `--resume` replays the journal through it and continues from the last *verified* table.
import type { Cause, Fingerprint, Outcome, RolloutEvent, Table } from './types.js';

export type Phase =
  | 'new' // nothing decided yet
  | 'ready' // pre-flight passed
  | 'shifting' // a table was requested and not yet verified
  | 'analysing'
  | 'holding'
  | 'awaiting-approval'
  | 'promoted' // 100% on green, blue kept warm
  | 'paused'
  | 'rolling-back'
  | 'done'; // finished: see `outcome`

export interface RolloutState {
  runId: string;
  app: string;
  target: string;
  suite: string;
  blue: string;
  green: string;
  weights: number[];
  phase: Phase;
  /** The step in progress (-1 before the first). */
  step: number;
  /** The first step not yet passed since the last (re)start. */
  nextStep: number;
  /** The last table read back and verified: the only table --resume trusts. */
  lastVerified: Table | null;
  /** A table requested and not (yet) verified. */
  pending: Table | null;
  fingerprint: Fingerprint | null;
  /** Steps whose analysis passed since the last (re)start. */
  analysed: number[];
  approved: number[];
  awaiting: { step: number; deadline: string } | null;
  /** The hold in progress: --resume holds until the same time (the clock ran while it was down). */
  hold: { step: number; until: string } | null;
  keepUntil: string | null;
  deactivated: boolean;
  restarts: number;
  rollback: { cause: Cause; reason: string } | null;
  outcome: Outcome | null;
  updatedAt: string | null;
}

export function initialState(): RolloutState {
  return { runId: '', app: '', target: '', suite: '', blue: '', green: '', weights: [], phase: 'new', step: -1, nextStep: 0, lastVerified: null, pending: null, fingerprint: null, analysed: [], approved: [], awaiting: null, hold: null, keepUntil: null, deactivated: false, restarts: 0, rollback: null, outcome: null, updatedAt: null };
}

/** Apply one journal event. */
export function reduce(s: RolloutState, e: RolloutEvent): RolloutState {
  const n: RolloutState = { ...s, updatedAt: e.at };
  switch (e.type) {
    case 'started':
      return { ...initialState(), runId: e.runId, app: e.app, target: e.target, suite: e.suite, blue: e.blue, green: e.green, weights: e.weights, updatedAt: e.at };
    case 'resumed':
      return { ...n, outcome: null, awaiting: null };
    case 'preflight':
      return { ...n, phase: 'ready', lastVerified: s.lastVerified ?? e.table };
    case 'fingerprint':
      return { ...n, fingerprint: e.fingerprint };
    case 'fingerprint-changed':
      return { ...n, fingerprint: e.to };
    case 'restart':
      return { ...n, nextStep: 0, step: -1, analysed: [], approved: [], awaiting: null, hold: null, restarts: s.restarts + 1 };
    case 'step-started':
      return { ...n, step: e.step, phase: 'shifting', analysed: s.analysed.filter((x) => x !== e.step) };
    case 'weights-requested':
      return { ...n, pending: e.table, phase: s.phase === 'rolling-back' ? 'rolling-back' : 'shifting' };
    case 'weights-verified':
      return { ...n, lastVerified: e.table, pending: null, phase: s.phase === 'rolling-back' || s.phase === 'promoted' ? s.phase : 'analysing' };
    case 'weights-mismatch':
      return { ...n, pending: null };
    case 'analysis':
      return { ...n, analysed: e.status === 'pass' ? [...s.analysed.filter((x) => x !== e.step), e.step] : s.analysed };
    case 'live':
      return n;
    case 'hold':
      return { ...n, phase: 'holding', hold: { step: e.step, until: e.until } };
    case 'approval-awaited':
      return { ...n, phase: 'awaiting-approval', awaiting: { step: e.step, deadline: e.deadline } };
    case 'approved':
      return { ...n, approved: [...s.approved.filter((x) => x !== e.step), e.step], awaiting: null };
    case 'step-passed':
      return { ...n, nextStep: e.step + 1, phase: 'ready', hold: null };
    case 'rollback-requested':
      return { ...n, phase: 'rolling-back', pending: e.table, rollback: { cause: e.cause, reason: e.reason } };
    case 'rolled-back':
      return { ...n, lastVerified: e.table, pending: null };
    case 'rollback-failed':
      return { ...n, outcome: { kind: 'error', reason: e.message, lastKnown: e.lastKnown } };
    case 'promoted':
      return { ...n, phase: 'promoted', lastVerified: e.table, nextStep: s.weights.length };
    case 'keep-previous':
      return { ...n, keepUntil: e.until };
    case 'deactivated':
      return { ...n, deactivated: true };
    case 'paused':
      return { ...n, phase: 'paused', step: e.step };
    case 'error':
      return n;
    case 'finished':
      return { ...n, phase: e.outcome === 'paused' ? 'paused' : e.outcome === 'interrupted' && s.phase === 'promoted' ? 'promoted' : 'done', outcome: outcomeOf(e) };
  }
}

function outcomeOf(e: Extract<RolloutEvent, { type: 'finished' }>): Outcome {
  if (e.outcome === 'rolled-back') return { kind: 'rolled-back', cause: e.cause ?? 'error', reason: e.reason };
  return { kind: e.outcome, reason: e.reason } as Outcome;
}

/** Fold a whole journal. */
export function replayJournal(events: readonly RolloutEvent[]): RolloutState {
  return events.reduce(reduce, initialState());
}

/** True when --resume can continue this state (not finished for good). */
export function resumable(s: RolloutState): boolean {
  return s.runId !== '' && s.phase !== 'done';
}
