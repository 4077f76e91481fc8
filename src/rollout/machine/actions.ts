// What the machine asks the executor to do. Every action's result comes back as an input event;
// the executor never decides anything itself.
import type { Cause, NoteBody, Table, WritePurpose } from '../types.js';
import type { RolloutState } from './state.js';

export type Action =
  /** Write the whole table through the serialized writer, then read it back until it verifies (→ weights-verified | weights-failed). */
  | { kind: 'write'; write: number; table: Table; purpose: WritePurpose; reason: string; rollback?: { cause: Cause; breachAt: string } }
  /** Golden replay of green against blue (→ analysis). */
  | { kind: 'analyse'; step: number; attempt: number; mode: 'full' | 'sample'; sample?: number }
  /** One live window (→ live); `final` judges the whole hold since `since`. */
  | { kind: 'live'; step: number; n: number; weight: number; since: number; final: boolean }
  /** One look at green (health, fingerprint, traffic) and, when awaiting one, the approval (→ polled | green-changed | breach | approved). */
  | { kind: 'poll'; approvalStep: number | null }
  /** Deliver a tick at this time (replaces any earlier wake-up). */
  | { kind: 'wake'; at: number }
  | { kind: 'deactivate'; revision: string }
  /** Abort analyses, live queries and polls in flight (never a write). */
  | { kind: 'cancel-work' };

export interface Transition {
  state: RolloutState;
  actions: Action[];
  notes: NoteBody[];
}
