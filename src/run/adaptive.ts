// Adaptive sampling: when statistical checks are still undecided after the planned attempts,
// replay more repeats of the cases that carry the most information, look again, and stop as soon
// as every check decides, a check fails, or the attempts budget (sampling.maxAttempts) is spent.
//
// Validity under repeated looks: look k tests at α_k = α·(f(t_k) − f(t_{k−1})) (src/stats/spending.ts,
// Lan-DeMets spending with the union bound), and its intervals at confidence 1 − (1 − c)·Δf/α, so
// the chance of any false alarm over all looks stays ≤ α however many rounds run. f spends 80% of
// α at the planned look (a run that decides at its planned size decides almost as without a
// budget) and the rest linearly over the rounds.
// Which cases get more repeats is decided from blue's disagreement with itself (the A/A noise of a
// case) — never from the green−blue difference — so the choice cannot steer an estimate towards a
// decision; the noisiest cases are where another repeat shrinks the variance of a case mean most
// (Neyman allocation: sample where the standard deviation is largest).
import { plannedFirstSpent } from '../stats/index.js';
import type { AdaptiveInfo } from '../model/report.js';
import type { CaseRecord } from '../model/metrics.js';
import type { CheckResult, StatisticsConfig } from '../model/verdict.js';

export interface AdaptivePlan {
  /** Attempts per revision allowed in all (sampling.maxAttempts). */
  budget: number;
  /** Attempts per revision of the plan: cases × repeats. */
  planned: number;
}

/** Adaptive sampling applies when the budget is larger than the plan. */
export function adaptivePlan(budget: number | undefined, cases: number, repeats: number): AdaptivePlan | null {
  const planned = cases * repeats;
  return budget !== undefined && budget > planned && cases > 0 ? { budget, planned } : null;
}

/** The α and interval confidence of a look at `attempts`, after a previous look at `previous` (0 before the first). */
export function lookLevels(
  plan: AdaptivePlan,
  previous: number,
  attempts: number,
  statistics: Pick<StatisticsConfig, 'alpha' | 'confidence'>,
): { alpha: number; confidence: number } {
  const tPlanned = plan.planned / plan.budget;
  const share = plannedFirstSpent(attempts / plan.budget, tPlanned, 1) - plannedFirstSpent(previous / plan.budget, tPlanned, 1);
  return { alpha: statistics.alpha * share, confidence: 1 - (1 - statistics.confidence) * share };
}

/** Voting statistical checks that have not decided (the ones more data can settle). */
export function undecided(checks: readonly CheckResult[]): CheckResult[] {
  return checks.filter((c) => !c.advisory && c.kind === 'statistical' && c.status === 'inconclusive');
}

/**
 * The next round: the noisier half of the cases by blue's self-disagreement (1 − its blue-vs-blue
 * ROUGE-L; a case without a noise band yet counts as fully noisy; ties in suite order), each given
 * enough repeats that the round adds about the planned attempts again — few, large rounds, since
 * every look spends α — and never more than `room` (attempts left per revision).
 */
export function nextRound(records: readonly CaseRecord[], plan: AdaptivePlan, room: number): { ids: string[]; repeats: number } {
  const noise = (r: CaseRecord) => 1 - (r.pair.noise?.rougeL ?? 0);
  const ranked = records.map((r, i) => ({ id: r.id, noise: noise(r), i })).sort((a, b) => b.noise - a.noise || a.i - b.i);
  const take = Math.min(room, Math.max(1, Math.ceil(records.length / 2)));
  const repeats = Math.max(1, Math.floor(Math.min(room, plan.planned) / take));
  return { ids: ranked.slice(0, take).map((r) => r.id), repeats };
}

/** Why the rounds end now, or null to take another round. */
export function stopReason(
  checks: readonly CheckResult[],
  plan: AdaptivePlan,
  used: number,
  aborted: boolean,
): AdaptiveInfo['stopped'] | null {
  if (aborted) return 'interrupted';
  if (checks.some((c) => !c.advisory && c.status === 'fail')) return 'fail';
  if (undecided(checks).length === 0) return 'decided';
  if (used >= plan.budget) return 'budget';
  return null;
}
