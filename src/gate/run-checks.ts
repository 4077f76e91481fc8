// Run-level conditions that override the thresholds: an incomplete run, a revision that never
// answered, an environment quota. They are preconditions, never evidence for a pass.
import type { MetricsSet } from '../model/metrics.js';
import { formatRate } from './format.js';
import type { CheckResult, Status } from '../model/verdict.js';

/** Above this share of attempts still answered 429 after retries, the environment, not green, is at fault. */
export const RATE_LIMIT_SHARE = 0.2;

export interface RunCheckInput {
  complete: boolean;
  /** What stopped an incomplete run: 'SIGINT', 'SIGTERM', 'deadline', or null. */
  interrupted: string | null;
  casesDone: number;
  casesPlanned: number;
  metrics: MetricsSet;
  /** scoring.minCases: a complete run that scored fewer cases is inconclusive. */
  minCases: number;
}

/** The run-level problems, one voting check each; [] when the run itself is sound. */
export function runChecks(input: RunCheckInput): CheckResult[] {
  const checks: CheckResult[] = [];
  const progress = `${input.casesDone}/${input.casesPlanned} cases`;
  if (!input.complete) {
    const cause =
      input.interrupted === null
        ? 'stopped'
        : input.interrupted === 'deadline'
          ? 'stopped by the deadline (sampling.deadline)'
          : `interrupted by ${input.interrupted}`;
    checks.push(runCheck('run.complete', 'inconclusive', `run incomplete: ${cause} after ${progress}; an incomplete run is never pass`));
  } else if (input.casesDone < input.minCases) {
    const reason = `run scored ${input.casesDone} case${input.casesDone === 1 ? '' : 's'}, need ≥ ${input.minCases} (scoring.minCases)`;
    checks.push(runCheck('run.cases', 'inconclusive', reason, input.casesDone, input.casesDone));
  }
  // With nothing scored there is no answer to miss: the checks above already explain the run.
  if (input.casesDone > 0) {
    for (const side of ['blue', 'green'] as const) {
      const cases = input.metrics[side]['cases'];
      if (cases?.value === 0) {
        const who = side === 'blue' ? 'blue (baseline)' : 'green';
        checks.push(
          runCheck(`run.${side}.answers`, 'error', `${who} produced no successful answer (0 of ${input.casesDone} cases)`, cases.value),
        );
      }
    }
  }
  for (const side of ['blue', 'green'] as const) {
    const share = input.metrics[side]['errors.429'];
    if (share?.value != null && share.value > RATE_LIMIT_SHARE) {
      const reason =
        `environment rate limit: ${formatRate(share.value)} of ${side} attempts still got 429 after retries ` +
        `(> ${formatRate(RATE_LIMIT_SHARE)}), not a green failure; lower sampling.concurrency or raise the quota`;
      checks.push(runCheck(`run.${side}.rate_limit`, 'error', reason, share.value, share.n));
    }
  }
  return checks;
}

function runCheck(id: string, status: Status, reason: string, value: number | null = null, n = 0): CheckResult {
  return { id, name: id, kind: 'run', expr: id, advisory: false, value, n, status, reason };
}
