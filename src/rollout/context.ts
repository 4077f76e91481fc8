// What the engine's phases share: the dependencies, the resolved revisions, and the control-flow
// signals (Breach → rollback, Restart → back to step 1, Pause → stop with traffic where it is).
import type { ResolvedRollout } from '../config/rollout.js';
import type { TrafficRouter } from '../traffic/types.js';
import type { StepAnalysis } from './analysis.js';
import type { ApprovalSource } from './approvals.js';
import type { Journal } from './journal.js';
import type { RolloutState } from './state.js';
import type { Cause, Fingerprint, Table } from './types.js';

export interface EngineDeps {
  router: TrafficRouter;
  journal: Journal;
  plan: ResolvedRollout;
  /** Golden replay at each step that asks for one. */
  analysis: StepAnalysis;
  /** Live metrics during holds (plan.live): run every live interval while green carries 1-99% (src/rollout/live.ts). */
  live?: StepAnalysis;
  approvals: ApprovalSource;
  /** The rollout's run directory (journal, analysis reports). */
  runDir: string;
  /** Lock owner, e.g. host:pid. */
  owner: string;
  suite: string;
  signal: AbortSignal;
  log: (line: string) => void;
  /** The journal replayed, when resuming. */
  resume?: RolloutState;
  breakLock?: boolean;
  /** Called once the lock is held (the CLI writes the state pointer then). */
  onLocked?: () => Promise<void>;
  /** How often health, fingerprint and approvals are polled during waits. @default 250 */
  pollMs?: number;
  /** Waits (holds, keepPrevious, polls); --dry-run passes one that returns at once. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Rollback attempts before giving up loudly. @default 3 */
  rollbackAttempts?: number;
}

export interface RunContext {
  deps: EngineDeps;
  /** Aborted on Ctrl-C (deps.signal) or when the lock is lost. */
  signal: AbortSignal;
  blue: string;
  green: string;
  /** The table before the rollout (other entries and labels are kept). */
  base: Table;
  /** Replay URLs (base URL + urlPath) and the base URLs (readiness, /version). */
  urls: { blue: string; green: string };
  baseUrls: { blue: string; green: string };
  fingerprint: Fingerprint | null;
  lastVerified: Table | null;
  /** Steps whose analysis / approval was journaled before a crash (--resume does not repeat them). */
  carried: { analysed: number[]; approved: number[]; hold?: { step: number; until: string } };
}

/** A breach: traffic goes back to blue at once. */
export class Breach extends Error {
  constructor(readonly why: Cause, readonly reason: string, readonly seenAt = Date.now()) {
    super(reason);
  }
}

/** Green changed under us: back to 0% and analyse again from the first step. */
export class Restart extends Error {}

/** An inconclusive analysis with onInconclusive: pause. */
export class Pause extends Error {
  constructor(readonly step: number, readonly reason: string) {
    super(reason);
  }
}
