// The rollout's vocabulary. The journal is an event log with two kinds of entries:
// - inputs: what happened outside the state machine (a write verified, an analysis result, a tick of
//   the clock, Ctrl-C, a resume). Only inputs are folded by `next` (src/rollout/machine/next.ts);
// - notes: what the machine decided (step started, hold, promoted, finished). They are derived from
//   the inputs, written for people and `revgate status`, and ignored by the fold.
// So a resumed run folds the same inputs with the same `next` as the run that wrote them.
import type { CheckResult } from '../model/verdict.js';
import type { TrafficWeight } from '../traffic/types.js';

export type Table = TrafficWeight[];

/** What makes green "the same release": name, images and the service's own /version answer. */
export interface Fingerprint {
  revision: string;
  images: string[];
  /** GET <green url>/version when the service exposes it (pharmabot: {model, prompt, index}), else null. */
  version: unknown;
}

/** Why traffic went back to blue (or why the rollout stopped). */
export type Cause = 'fail' | 'inconclusive' | 'error' | 'approval-timeout' | 'interrupted';

export type AnalysisStatus = 'pass' | 'fail' | 'inconclusive' | 'error';

/** Why a table is written: a step, pinning a latestRevision entry, a restart at 0%, dropping blue after the cutover, a rollback. */
export type WritePurpose = 'pin' | 'step' | 'restart' | 'finalize' | 'rollback';

/** One step of the plan, as journaled at the start (a resumed run follows the plan it started with). */
export interface PlanStep {
  weight: number;
  holdMs?: number;
  analysis: 'full' | 'sample' | 'none';
  sample?: number;
  approval: boolean;
}

/** What the state machine needs of the plan; journaled in `started`. */
export interface MachinePlan {
  steps: PlanStep[];
  keepPreviousMs: number;
  onInconclusive: 'rollback' | 'pause';
  /** An inconclusive golden replay is repeated this often until its hold would end. */
  analysisIntervalMs: number;
  approvalTimeoutMs: number;
  /** Green's health, fingerprint and approvals are polled this often during waits (one ARM read each). */
  pollMs: number;
  /** Live analysis during holds at 1-99%, when configured. */
  live: { intervalMs: number; onInconclusive: 'rollback' | 'pause'; maxExtensionMs: number | null } | null;
}

/** Requests revgate itself sent to a revision in a window (subtracted from live counts). */
export interface OwnCount {
  requests: number;
  errors5xx: number;
}

/** Events fed to the machine. */
export type InputBody =
  | {
      type: 'started';
      app: string;
      target: string;
      backend: string;
      suite: string;
      owner: string;
      blue: string;
      green: string;
      base: Table;
      pinned: boolean;
      urls: { blue: string; green: string };
      baseUrls: { blue: string; green: string };
      checks: string[];
      fingerprint: Fingerprint;
      plan: MachinePlan;
      /** This process exits at waits that outlast a CI job (`--detach`): an approval gate, the keep-warm period. */
      detach?: boolean;
    }
  | { type: 'resumed'; owner: string; actual: Table; detach?: boolean }
  | { type: 'weights-requested'; write: number; table: Table; purpose: WritePurpose; reason: string }
  | { type: 'rollback-requested'; write: number; table: Table; purpose: 'rollback'; cause: Cause; reason: string; breachAt: string }
  | { type: 'weights-verified'; write: number; table: Table; purpose: WritePurpose }
  | { type: 'weights-failed'; write: number; table: Table; purpose: WritePurpose; code: string; message: string; lastKnown: Table | null }
  | { type: 'analysis'; step: number; attempt: number; status: AnalysisStatus; reasons: string[]; reportDir?: string }
  | {
      type: 'live';
      step: number;
      n: number;
      final: boolean;
      status: AnalysisStatus;
      breach: boolean;
      reasons: string[];
      window: { from: string; to: string } | null;
      file?: string;
      checks: CheckResult[];
      own?: { blue: OwnCount; green: OwnCount };
    }
  | { type: 'green-changed'; from: Fingerprint; to: Fingerprint }
  | { type: 'breach'; cause: Cause; reason: string }
  | { type: 'approved'; step: number; by: string }
  | { type: 'interrupted'; signal: string }
  | { type: 'deactivated'; revision: string }
  | { type: 'deactivate-failed'; revision: string; message: string }
  /** The clock: something may be due (journaled only when it changed the durable state). */
  | { type: 'tick' }
  /** A poll found green healthy and unchanged; `approval: 'none'` when it read the approvals and found none
   *  (journaled only when it changed the durable state: an exit at an approval gate). */
  | { type: 'polled'; approval?: 'none' }
  /** A live window finished without a verdict worth journaling (never journaled; e.g. no window yet). */
  | { type: 'live-skipped'; step: number };

/** Decisions of the machine, journaled after the input that caused them; the fold ignores them. */
export type NoteBody =
  | { type: 'step-started'; step: number; weight: number }
  | { type: 'hold'; step: number; since: string; until: string; maxUntil: string }
  | { type: 'hold-extended'; step: number; until: string; reason: string }
  | { type: 'approval-awaited'; step: number; deadline: string }
  | { type: 'step-passed'; step: number }
  | { type: 'restart'; reason: string }
  | { type: 'rolled-back'; table: Table }
  | { type: 'rollback-failed'; message: string; lastKnown: Table | null }
  | { type: 'promoted'; table: Table }
  | { type: 'keep-previous'; revision: string; until: string }
  | { type: 'paused'; step: number; reason: string }
  | { type: 'finished'; outcome: Outcome['kind']; cause?: Cause; reason: string };

export type RolloutEventBody = InputBody | NoteBody;

export type RolloutEvent = RolloutEventBody & { v: 1; seq: number; at: string; runId: string };
export type InputEvent = InputBody & { at: string };

export const NOTE_TYPES: ReadonlySet<string> = new Set<NoteBody['type']>([
  'step-started',
  'hold',
  'hold-extended',
  'approval-awaited',
  'step-passed',
  'restart',
  'rolled-back',
  'rollback-failed',
  'promoted',
  'keep-previous',
  'paused',
  'finished',
]);

/** How a rollout run ended (this process's run; --resume may continue a paused or interrupted one). */
export type Outcome =
  | { kind: 'promoted'; reason: string }
  | { kind: 'rolled-back'; cause: Cause; reason: string }
  | { kind: 'paused'; reason: string }
  /** Exited at an approval gate (`--detach`): traffic stays, the state is saved; approve, then --resume. */
  | { kind: 'awaiting-approval'; step: number; reason: string }
  /** Exited after the cutover (`--detach`): green serves 100%, blue stays warm; --resume deactivates it after keepPrevious. */
  | { kind: 'cut-over'; reason: string }
  | { kind: 'error'; reason: string; lastKnown?: Table | null }
  | { kind: 'interrupted'; reason: string };
