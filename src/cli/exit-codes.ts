// One documented exit code per outcome (k6's errext/exitcodes). Never reuse a number.
export const ExitCode = {
  /** The gate passed: green may advance. */
  Pass: 0,
  /** The gate failed: green is worse than allowed. */
  Fail: 1,
  /** Not enough data to decide (too few samples, missing metrics, an incomplete run). */
  Inconclusive: 2,
  /** The run itself failed: a target unreachable or not ready, an internal error. (A run cut by
   *  sampling.deadline is incomplete, hence Inconclusive, as `exitForVerdict` and --help say.) */
  RunError: 3,
  /** Invalid config, golden set, threshold or command-line usage; nothing was sent. */
  InvalidConfig: 4,
  /** Interrupted (SIGINT / SIGTERM); a partial report marked incomplete was written. */
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code of a finished run: its verdict, or 130 when it was interrupted. */
export function exitForVerdict(status: 'pass' | 'fail' | 'inconclusive' | 'error', interrupted: string | null = null): ExitCode {
  if (interrupted === 'SIGINT' || interrupted === 'SIGTERM') return ExitCode.Interrupted;
  return { pass: ExitCode.Pass, fail: ExitCode.Fail, inconclusive: ExitCode.Inconclusive, error: ExitCode.RunError }[status];
}

/** The exit code of a rollout: promoted 0; rolled back for a fail 1; paused, or rolled back for an
 *  inconclusive analysis or a missing approval 2; an error (rolled back for one, or a failed
 *  rollback) 3; interrupted (after the rollback) 130. */
export function exitForRollout(o: { kind: 'promoted' | 'rolled-back' | 'paused' | 'error' | 'interrupted'; cause?: string }): ExitCode {
  if (o.kind === 'promoted') return ExitCode.Pass;
  if (o.kind === 'paused') return ExitCode.Inconclusive;
  if (o.kind === 'interrupted' || o.cause === 'interrupted') return ExitCode.Interrupted;
  if (o.kind === 'rolled-back' && o.cause === 'fail') return ExitCode.Fail;
  if (o.kind === 'rolled-back' && (o.cause === 'inconclusive' || o.cause === 'approval-timeout')) return ExitCode.Inconclusive;
  return ExitCode.RunError;
}
