// Typed errors with stable codes. Only the CLI edge (src/cli/) turns them into
// messages, hints and exit codes; library code throws and never exits.
// Pattern after undici's lib/core/errors.js: one base class, a stable `code` per subclass.

export type RevgateErrorCode =
  | 'RG_CONFIG_INVALID'
  | 'RG_CONFIG_NOT_FOUND'
  | 'RG_USAGE'
  | 'RG_TARGET_UNREACHABLE'
  | 'RG_TARGET_NOT_READY'
  | 'RG_RUN_DEADLINE'
  | 'RG_REPORT_INVALID'
  | 'RG_OUTPUT_DIR'
  | 'RG_RECORD_WRITE'
  | 'RG_INTERNAL'
  | 'RG_TRAFFIC_API'
  | 'RG_TRAFFIC_CONFLICT'
  | 'RG_TRAFFIC_AUTH'
  | 'RG_TRAFFIC_NOT_FOUND'
  | 'RG_TRAFFIC_LOCKED'
  | 'RG_TRAFFIC_VERIFY'
  | 'RG_TRAFFIC_PREFLIGHT'
  | 'RG_ROLLOUT_STATE'
  | 'RG_MONITOR_QUERY'
  | 'RG_MONITOR_AUTH'
  // A call to a revision failed; one code per error class (src/targets/types.ts ERROR_CLASSES).
  | 'RG_TARGET_5XX'
  | 'RG_TARGET_4XX'
  | 'RG_TARGET_429'
  | 'RG_TARGET_TIMEOUT'
  | 'RG_TARGET_CONNECTION'
  | 'RG_TARGET_EXTRACTION'
  | 'RG_TARGET_RESPONSE_TOO_LARGE'
  // An http-json body template placeholder the case cannot fill.
  | 'RG_TEMPLATE'
  // An embeddings or judge call failed (a measurement error, never a green failure).
  | 'RG_EMBEDDINGS_FAILED'
  | 'RG_JUDGE_FAILED'
  // A judge reply without the JSON asked for.
  | 'RG_JUDGE_REPLY';

export class RevgateError extends Error {
  readonly code: RevgateErrorCode;
  readonly hint: string | undefined;

  constructor(code: RevgateErrorCode, message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options?.hint;
  }
}

/** One problem in a config or golden file, located by file and YAML path. */
export interface ConfigIssue {
  file: string;
  /** Dotted YAML path, e.g. `thresholds[2]` or `sampling.timeout`; empty for the document root. */
  path: string;
  /** 1-based line of the offending node when known. */
  line?: number;
  message: string;
  hint?: string;
}

/** Every problem found in the configuration, reported at once (never stop at the first). */
export class ConfigError extends RevgateError {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super('RG_CONFIG_INVALID', `${issues.length} problem${issues.length === 1 ? '' : 's'} in the configuration`);
    this.issues = issues;
  }
}

export class ConfigNotFoundError extends RevgateError {
  constructor(file: string) {
    super('RG_CONFIG_NOT_FOUND', `file not found: ${file}`, {
      hint: 'check the path: the suite path is relative to the current directory',
    });
  }
}

export class UsageError extends RevgateError {
  constructor(message: string, hint?: string) {
    super('RG_USAGE', message, hint === undefined ? undefined : { hint });
  }
}

export class TargetUnreachableError extends RevgateError {
  readonly revision: string;
  constructor(revision: string, url: string, detail: string) {
    super('RG_TARGET_UNREACHABLE', `${revision} (${url}) is unreachable: ${detail}`, {
      hint: 'is the revision running and the URL right? (`--blue` / `--green` override the suite)',
    });
    this.revision = revision;
  }
}

export class TargetNotReadyError extends RevgateError {
  readonly revision: string;
  constructor(revision: string, url: string, detail: string) {
    super('RG_TARGET_NOT_READY', `${revision} did not become ready at ${url}: ${detail}`, {
      hint: "raise sampling.readyTimeout (or --ready-timeout), or set target.readyPath to the service's readiness endpoint (`none` skips the check)",
    });
    this.revision = revision;
  }
}

export class ReportInvalidError extends RevgateError {
  constructor(file: string, detail: string) {
    super('RG_REPORT_INVALID', `${file} is not a revgate report: ${detail}`, {
      hint: 'pass the report.json written by `revgate compare`',
    });
  }
}

/** A traffic backend failed or refused: ARM errors, conflicts, auth, a lock held, a read-back mismatch. */
export class TrafficError extends RevgateError {
  readonly status: number | undefined;
  /** The platform's own error code (ARM `error.code`), when it gave one. */
  readonly platformCode: string | undefined;
  /** How long the platform asked to wait before retrying (Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(
    code: Extract<RevgateErrorCode, `RG_TRAFFIC_${string}`>,
    message: string,
    options?: { hint?: string; cause?: unknown; status?: number; platformCode?: string; retryAfterMs?: number },
  ) {
    super(code, message, options);
    this.status = options?.status;
    this.platformCode = options?.platformCode;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** The report directory (report.dir, --out) cannot be created or written: checked before any request. */
export class OutputDirError extends RevgateError {
  /** `outcome` and `hint` default to compare's case: checked before any request, so nothing was sent. */
  constructor(dir: string, cause: unknown, options: { outcome?: string; hint?: string } = {}) {
    const code = (cause as NodeJS.ErrnoException).code;
    super(
      'RG_OUTPUT_DIR',
      `the report directory ${dir} cannot be written (${code ?? (cause instanceof Error ? cause.message : String(cause))}); ${options.outcome ?? 'nothing was sent'}`,
      {
        hint: options.hint ?? 'point --out (or report.dir) at a directory you can write, e.g. --out reports',
        cause,
      },
    );
  }
}

/** sampling.deadline passed before the replay could start (readiness and warm-up count): the run is incomplete. */
export class RunDeadlineError extends RevgateError {
  constructor(deadlineMs: number, phase: string) {
    super('RG_RUN_DEADLINE', `the run deadline (sampling.deadline ${deadlineMs} ms) passed during ${phase}`, {
      hint: 'raise sampling.deadline (--deadline), or check why the targets are slow to get ready',
    });
  }
}

/** Recorded answers could not be written where asked; they were saved to `savedTo` instead (never lost). */
export class RecordWriteError extends RevgateError {
  constructor(file: string, savedTo: string, count: number, cause: unknown) {
    super(
      'RG_RECORD_WRITE',
      `writing ${file} failed (${(cause as NodeJS.ErrnoException).code ?? (cause instanceof Error ? cause.message : String(cause))}); the ${count} recorded answers are kept in ${savedTo}`,
      {
        hint: 'fix the output location, or build the golden file from the saved JSONL (one {id, answer, docs} per line)',
        cause,
      },
    );
  }
}

/** The rollout journal or its state cannot be used (corrupt, another app's, nothing to resume). */
export class RolloutStateError extends RevgateError {
  constructor(message: string, hint?: string) {
    super('RG_ROLLOUT_STATE', message, hint === undefined ? undefined : { hint });
  }
}

/** A live-metrics query failed (Azure Monitor, Log Analytics, the local proxy): an `error`, never a green failure. */
export class MonitorError extends RevgateError {
  readonly source: string;
  constructor(code: 'RG_MONITOR_QUERY' | 'RG_MONITOR_AUTH', source: string, message: string, options?: { hint?: string; cause?: unknown }) {
    super(code, `${source}: ${message}`, options);
    this.source = source;
  }
}
