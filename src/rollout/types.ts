// The rollout's vocabulary: journal events (the durable record of every decision), outcomes and
// the fingerprint of green. The journal is the source of truth; state.ts folds it into a state.
import type { CheckResult } from '../gate/types.js';
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

/** Journal events, without the envelope (v, seq, at, runId) the journal adds. */
export type RolloutEventBody =
  | { type: 'started'; app: string; target: string; backend: string; suite: string; blue: string; green: string; steps: number; weights: number[]; owner: string }
  | { type: 'resumed'; owner: string; fromStep: number; actual: Table }
  | { type: 'preflight'; checks: string[]; table: Table; urls: { blue: string; green: string } }
  | { type: 'fingerprint'; fingerprint: Fingerprint }
  | { type: 'fingerprint-changed'; from: Fingerprint; to: Fingerprint }
  | { type: 'restart'; reason: string }
  | { type: 'step-started'; step: number; weight: number }
  | { type: 'weights-requested'; table: Table; reason: string }
  | { type: 'weights-verified'; table: Table }
  | { type: 'weights-mismatch'; expected: Table; actual: Table }
  | { type: 'analysis'; step: number; status: AnalysisStatus; reasons: string[]; reportDir?: string }
  | { type: 'hold'; step: number; until: string }
  | { type: 'live'; step: number; n: number; status: AnalysisStatus; breach: boolean; final: boolean; reasons: string[]; window: { from: string; to: string } | null; file?: string; checks: CheckResult[] }
  | { type: 'approval-awaited'; step: number; deadline: string }
  | { type: 'approved'; step: number; by: string }
  | { type: 'step-passed'; step: number }
  | { type: 'rollback-requested'; cause: Cause; reason: string; table: Table; breachAt: string }
  | { type: 'rolled-back'; table: Table }
  | { type: 'rollback-failed'; message: string; lastKnown: Table | null }
  | { type: 'promoted'; table: Table }
  | { type: 'keep-previous'; revision: string; until: string }
  | { type: 'deactivated'; revision: string }
  | { type: 'paused'; step: number; reason: string }
  | { type: 'error'; code: string; message: string }
  | { type: 'finished'; outcome: Outcome['kind']; cause?: Cause; reason: string };

export type RolloutEvent = RolloutEventBody & { v: 1; seq: number; at: string; runId: string };

/** How a rollout run ended (this process's run; --resume may continue a paused or interrupted one). */
export type Outcome =
  | { kind: 'promoted'; reason: string }
  | { kind: 'rolled-back'; cause: Cause; reason: string }
  | { kind: 'paused'; reason: string }
  | { kind: 'error'; reason: string; lastKnown?: Table | null }
  | { kind: 'interrupted'; reason: string };
