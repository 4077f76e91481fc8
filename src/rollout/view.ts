// What `revgate status` and `rollout approve` read of a folded journal, in plain fields.
import { outcomeOf, type RolloutState } from './machine/state.js';
import type { Outcome, Table } from './types.js';

export interface RolloutView {
  blue: string;
  green: string;
  /** Weight on green per step. */
  weights: number[];
  phase: RolloutState['phase']['kind'];
  /** 0-based step in progress (-1 before the first). */
  step: number;
  awaiting: { step: number; deadline: string } | null;
  keepUntil: string | null;
  lastVerified: Table | null;
  outcome: Outcome | null;
}

/** The plain view of a state. */
export function viewOf(s: RolloutState): RolloutView {
  const p = s.phase;
  return {
    blue: s.info?.blue ?? '',
    green: s.info?.green ?? '',
    weights: s.plan?.steps.map((x) => x.weight) ?? [],
    phase: p.kind,
    step: s.step,
    awaiting: p.kind === 'awaiting-approval' ? { step: p.step, deadline: new Date(p.deadline).toISOString() } : null,
    keepUntil: p.kind === 'keeping' ? new Date(p.until).toISOString() : null,
    lastVerified: s.lastVerified,
    outcome: outcomeOf(s),
  };
}
