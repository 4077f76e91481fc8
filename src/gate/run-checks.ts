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
  /** scoring.baselineMaxErrorRate: above this share of failed blue attempts, blue is no baseline. @default 0.2 */
  baselineMaxErrorRate?: number;
}

/** Default of scoring.baselineMaxErrorRate. */
export const BASELINE_MAX_ERROR_RATE = 0.2;

const CLASSES = ['timeout', 'connection', '5xx', '4xx', 'extraction', 'response_too_large'] as const;

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
        const who = side === 'blue' ? 'baseline unusable: blue' : 'green';
        const check = runCheck(
          `run.${side}.answers`,
          'error',
          `${who} produced no successful answer (0 of ${input.casesDone} cases)`,
          cases.value,
        );
        checks.push(side === 'blue' ? { ...check, reason: `${check.reason}${setupHint(input.metrics)}`, precondition: true } : check);
      }
    }
    const baseline = baselineCheck(input);
    if (baseline && input.metrics.blue['cases']?.value !== 0) checks.push(baseline);
  }
  for (const side of ['blue', 'green'] as const) {
    const share = input.metrics[side]['errors.429'];
    if (share?.value != null && share.value > RATE_LIMIT_SHARE) {
      const reason =
        `environment rate limit: ${formatRate(share.value)} of ${side} attempts still got 429 after retries ` +
        `(> ${formatRate(RATE_LIMIT_SHARE)}), not a green failure; lower sampling.concurrency or raise the quota`;
      checks.push({ ...runCheck(`run.${side}.rate_limit`, 'error', reason, share.value, share.n), precondition: true });
    }
  }
  return checks;
}

// Blue failing beyond the limit is a broken setup (wrong URL, a timeout too short, a key), not a
// green regression: green measured against it says nothing, so the verdict is error.
function baselineCheck(input: RunCheckInput): CheckResult | null {
  const limit = input.baselineMaxErrorRate ?? BASELINE_MAX_ERROR_RATE;
  const rate = input.metrics.blue['error_rate'];
  if (rate?.value == null || rate.value <= limit) return null;
  const reason =
    `baseline unusable: blue failed ${formatRate(rate.value)} of its attempts (> ${formatRate(limit)}, scoring.baselineMaxErrorRate)` +
    `${setupHint(input.metrics)}; green cannot be compared with it`;
  return { ...runCheck('run.blue.baseline', 'error', reason, rate.value, rate.n), precondition: true };
}

// Which error classes blue met, and what that usually means about the setup.
function setupHint(metrics: MetricsSet): string {
  const seen = CLASSES.map((c) => [c, metrics.blue[`errors.${c}`]?.value ?? 0] as const)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1]);
  if (seen.length === 0) return '';
  const list = seen.map(([c, v]) => `${c} ${formatRate(v)}`).join(', ');
  const hint =
    seen[0]![0] === 'timeout'
      ? ' — is sampling.timeout (--timeout) long enough?'
      : seen[0]![0] === 'connection'
        ? ' — is the blue URL right?'
        : '';
  return ` (${list})${hint}`;
}

function runCheck(id: string, status: Status, reason: string, value: number | null = null, n = 0): CheckResult {
  return { id, name: id, kind: 'run', expr: id, advisory: false, value, n, status, reason };
}
