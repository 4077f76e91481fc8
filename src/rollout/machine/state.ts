// The rollout state: a closed set of phases and the facts the machine keeps between events. Times
// are epoch ms taken from the events (never from a clock), so folding a journal is deterministic.
import type { Cause, Fingerprint, MachinePlan, Outcome, Table, WritePurpose } from '../types.js';

export type Phase =
  | { kind: 'new' }
  /** A table is being written (and read back); nothing else moves until it is verified or failed. */
  | { kind: 'shifting'; step: number; purpose: WritePurpose }
  /** Golden replay of green at this step; an inconclusive one is repeated at `retryAt` until `deadline`. */
  | { kind: 'analysing'; step: number; attempt: number; deadline: number; retryAt: number | null }
  /** Holding the step's weight; live analysis judges the hold from `since` (the weights' verification). */
  | { kind: 'holding'; step: number; until: number; maxUntil: number }
  | { kind: 'awaiting-approval'; step: number; deadline: number }
  /** Green serves 100%; blue stays active at 0% until `until`. */
  | { kind: 'keeping'; until: number }
  | { kind: 'deactivating' }
  | { kind: 'rolling-back'; cause: Cause; reason: string }
  /** Stopped with traffic where it is (onInconclusive: pause); --resume re-runs the step. */
  | { kind: 'paused'; step: number; reason: string }
  | { kind: 'done'; outcome: Outcome };

export type PhaseKind = Phase['kind'];
export const PHASE_KINDS: readonly PhaseKind[] = [
  'new',
  'shifting',
  'analysing',
  'holding',
  'awaiting-approval',
  'keeping',
  'deactivating',
  'rolling-back',
  'paused',
  'done',
];

/** Who the rollout is about; set by `started`. */
export interface RolloutInfo {
  app: string;
  target: string;
  backend: string;
  suite: string;
  blue: string;
  green: string;
  /** Replay URLs (base URL + urlPath) and the revisions' base URLs (readiness, /version). */
  urls: { blue: string; green: string };
  baseUrls: { blue: string; green: string };
}

/** In-process bookkeeping of work in flight; reset by `resumed` (a new process has none). */
export interface Volatile {
  polling: boolean;
  live: boolean;
  nextPoll: number;
  nextLive: number;
}

export interface RolloutState {
  info: RolloutInfo | null;
  plan: MachinePlan | null;
  /** The table before the rollout, with every label seen since: other entries and labels are kept in every write. */
  base: Table;
  fingerprint: Fingerprint | null;
  phase: Phase;
  /** The step in progress (-1 before the first). */
  step: number;
  /** When the current step's weights were verified: live windows never start earlier. */
  stepSince: number | null;
  /** The last table read back and verified: the only table --resume trusts. */
  lastVerified: Table | null;
  /** The write in flight (journaled as requested, not yet verified or failed). */
  pending: { write: number; table: Table; purpose: WritePurpose } | null;
  /** Id of the last write the machine asked for. */
  writes: number;
  restarts: number;
  /** Live windows judged in this step. */
  liveN: number;
  /** Set by Ctrl-C after the cutover: the run stops where it is, --resume continues. */
  stopped: string | null;
  /** This process exits at waits that outlast a CI job — an approval gate, the keep-warm period —
   *  instead of waiting (`--detach`; set by `started` / `resumed`, so each process chooses). */
  detach: boolean;
  /** Why this process exited at such a wait (the phase stays; --resume continues). */
  parked: string | null;
  /** Time of the last event folded. */
  now: number;
  vol: Volatile;
}

export function initialState(): RolloutState {
  return {
    info: null,
    plan: null,
    base: [],
    fingerprint: null,
    phase: { kind: 'new' },
    step: -1,
    stepSince: null,
    lastVerified: null,
    pending: null,
    writes: 0,
    restarts: 0,
    liveN: 0,
    stopped: null,
    detach: false,
    parked: null,
    now: 0,
    vol: idle(0),
  };
}

export function idle(now: number): Volatile {
  return { polling: false, live: false, nextPoll: now, nextLive: now };
}

/** True while this process should keep running the rollout (not finished, paused or stopped). */
export function running(s: RolloutState): boolean {
  return s.phase.kind !== 'done' && s.phase.kind !== 'paused' && s.stopped === null && s.parked === null;
}

/** True when --resume can continue this state (started and not finished for good). */
export function resumable(s: RolloutState): boolean {
  return s.info !== null && s.phase.kind !== 'done';
}

/** The run's outcome once it stopped running, else null. */
export function outcomeOf(s: RolloutState): Outcome | null {
  if (s.phase.kind === 'done') return s.phase.outcome;
  if (s.phase.kind === 'paused') return { kind: 'paused', reason: s.phase.reason };
  if (s.parked !== null && s.phase.kind === 'awaiting-approval') return { kind: 'awaiting-approval', step: s.phase.step, reason: s.parked };
  if (s.parked !== null && s.phase.kind === 'keeping') return { kind: 'cut-over', reason: s.parked };
  if (s.stopped !== null) return { kind: 'interrupted', reason: s.stopped };
  return null;
}
