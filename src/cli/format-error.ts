// The one place errors become messages, hints and exit codes.
import { ConfigError, RevgateError, type ConfigIssue } from '../model/errors.js';
import { ExitCode } from './exit-codes.js';

/** `suites/x.yaml:14 thresholds[2].check: unknown metric "latncy.p95"\n    hint: did you mean …` */
export function formatIssue(i: ConfigIssue): string {
  const where = `${i.file}${i.line === undefined ? '' : `:${i.line}`}${i.path ? ` ${i.path}` : ''}`;
  return `  ${where}: ${i.message}${i.hint ? `\n      hint: ${i.hint}` : ''}`;
}

const EXIT_BY_CODE: Record<RevgateError['code'], ExitCode> = {
  RG_CONFIG_INVALID: ExitCode.InvalidConfig,
  RG_CONFIG_NOT_FOUND: ExitCode.InvalidConfig,
  RG_USAGE: ExitCode.InvalidConfig,
  RG_REPORT_INVALID: ExitCode.InvalidConfig,
  RG_OUTPUT_DIR: ExitCode.InvalidConfig,
  RG_RECORD_WRITE: ExitCode.RunError,
  RG_TARGET_UNREACHABLE: ExitCode.RunError,
  RG_TARGET_NOT_READY: ExitCode.RunError,
  RG_RUN_DEADLINE: ExitCode.RunError,
  RG_INTERNAL: ExitCode.RunError,
  RG_TRAFFIC_API: ExitCode.RunError,
  RG_TRAFFIC_CONFLICT: ExitCode.RunError,
  RG_TRAFFIC_AUTH: ExitCode.RunError,
  RG_TRAFFIC_NOT_FOUND: ExitCode.RunError,
  RG_TRAFFIC_LOCKED: ExitCode.RunError,
  RG_TRAFFIC_VERIFY: ExitCode.RunError,
  RG_TRAFFIC_PREFLIGHT: ExitCode.RunError,
  RG_ROLLOUT_STATE: ExitCode.RunError,
  RG_MONITOR_QUERY: ExitCode.RunError,
  RG_MONITOR_AUTH: ExitCode.RunError,
  RG_TARGET_5XX: ExitCode.RunError,
  RG_TARGET_4XX: ExitCode.RunError,
  RG_TARGET_429: ExitCode.RunError,
  RG_TARGET_TIMEOUT: ExitCode.RunError,
  RG_TARGET_CONNECTION: ExitCode.RunError,
  RG_TARGET_EXTRACTION: ExitCode.RunError,
  RG_TARGET_RESPONSE_TOO_LARGE: ExitCode.RunError,
  RG_TEMPLATE: ExitCode.RunError,
  RG_EMBEDDINGS_FAILED: ExitCode.RunError,
  RG_JUDGE_FAILED: ExitCode.RunError,
  RG_JUDGE_REPLY: ExitCode.RunError,
};

/** Render any thrown value for stderr and pick its exit code. */
export function describeError(e: unknown): { text: string; exitCode: ExitCode } {
  if (e instanceof ConfigError) {
    return {
      text: `revgate: ${e.message} (nothing was sent):\n${e.issues.map(formatIssue).join('\n')}\n`,
      exitCode: ExitCode.InvalidConfig,
    };
  }
  if (e instanceof RevgateError) {
    return { text: `revgate: ${e.message} [${e.code}]${e.hint ? `\n  hint: ${e.hint}` : ''}\n`, exitCode: EXIT_BY_CODE[e.code] };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return {
    text: `revgate: internal error: ${err.stack ?? err.message}\n  please report this with the command you ran\n`,
    exitCode: ExitCode.RunError,
  };
}
