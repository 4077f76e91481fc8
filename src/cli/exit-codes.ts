// One documented exit code per outcome (k6's errext/exitcodes). Never reuse a number.
// The tables below are the only definition of what each code means per command: `--help` renders
// them (exitCodesHelp) and the tables of docs/exit-codes.md are generated from them (`npm run docs`,
// checked by test/cli/exit-codes.test.ts).
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
  /** A rollout exited at an approval gate (`rollout --detach`): traffic stays at the step, the state is saved. */
  AwaitingApproval: 5,
  /** Interrupted (SIGINT / SIGTERM); a partial report marked incomplete was written. */
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface ExitCodeDoc {
  code: ExitCode;
  outcome: string;
  meaning: string;
}

/** compare, merge, report (a verdict): the codes every CI gate reads. */
export const COMPARE_EXIT_CODES: readonly ExitCodeDoc[] = [
  { code: ExitCode.Pass, outcome: 'pass', meaning: 'every voting check passed: green may advance' },
  { code: ExitCode.Fail, outcome: 'fail', meaning: 'green is worse than a threshold allows, or a critical case failed' },
  {
    code: ExitCode.Inconclusive,
    outcome: 'inconclusive',
    meaning: 'not enough data to decide (too few cases, missing metrics, an incomplete run, no voting checks) — never a pass',
  },
  {
    code: ExitCode.RunError,
    outcome: 'run error',
    meaning:
      'a target unreachable or never ready, a baseline unusable (blue failed beyond scoring.baselineMaxErrorRate; this outranks any fail), an environment rate limit, an internal error',
  },
  {
    code: ExitCode.InvalidConfig,
    outcome: 'invalid',
    meaning:
      'bad suite, golden set, threshold, report file or command-line usage, or a report directory (`--out`, `report.dir`) that cannot be written; nothing was sent',
  },
  { code: ExitCode.Interrupted, outcome: 'interrupted', meaning: 'Ctrl-C / SIGTERM; a partial report marked incomplete was written' },
];

/** rollout (and its --resume): the outcome of moving traffic. */
export const ROLLOUT_EXIT_CODES: readonly ExitCodeDoc[] = [
  {
    code: ExitCode.Pass,
    outcome: 'promoted / cut over',
    meaning:
      'green serves 100%; blue was kept warm for `keepPrevious`, then deactivated — or, with `--detach`, blue stays warm and the state is saved: `--resume` after `keepPrevious` deactivates it',
  },
  { code: ExitCode.Fail, outcome: 'rolled back (fail)', meaning: 'an analysis failed; 100% is back on blue, verified' },
  {
    code: ExitCode.Inconclusive,
    outcome: 'paused / not decided',
    meaning:
      'an inconclusive analysis with `onInconclusive: pause` (traffic stays, `--resume` continues), or rolled back for an inconclusive analysis or a missing approval',
  },
  {
    code: ExitCode.RunError,
    outcome: 'error',
    meaning:
      'rolled back for an error (router failure, read-back mismatch, green Unhealthy, lock lost), a failed pre-flight (nothing moved), a held lock, or a **failed rollback** (the message names the last known table)',
  },
  { code: ExitCode.InvalidConfig, outcome: 'invalid', meaning: 'bad suite or `rollout:` section, or usage; nothing moved' },
  {
    code: ExitCode.AwaitingApproval,
    outcome: 'awaiting approval',
    meaning:
      'with `--detach`: a step waits for its approval; traffic stays at the step, the state is saved in `rollout.state`; `revgate rollout <suite> --resume --approve` (or `rollout approve`, then `--resume`) continues',
  },
  {
    code: ExitCode.Interrupted,
    outcome: 'interrupted',
    meaning:
      'Ctrl-C / SIGTERM: traffic was rolled back to blue (verified) first; after the cutover, blue stays warm and `--resume` finishes',
  },
];

/** The other commands: what each of their codes means. */
export const COMMAND_EXIT_CODES = {
  validate: [
    { code: ExitCode.Pass, outcome: 'valid', meaning: 'the suite, its golden sets and thresholds are valid' },
    { code: ExitCode.InvalidConfig, outcome: 'invalid', meaning: 'every problem is listed with file, line, YAML path and a hint' },
  ],
  report: [
    { code: ExitCode.Pass, outcome: 'pass', meaning: "the report's verdict (1 fail, 2 inconclusive, 3 error likewise)" },
    {
      code: ExitCode.InvalidConfig,
      outcome: 'invalid',
      meaning: 'no run named, a directory that holds no run, a file that is not a revgate report, or the output cannot be written',
    },
  ],
  open: [
    { code: ExitCode.Pass, outcome: 'opened', meaning: 'the path of report.html was printed (and handed to the opener, unless `--print`)' },
    {
      code: ExitCode.InvalidConfig,
      outcome: 'no run',
      meaning:
        'no run under the report directory, a path that is not a run, its report.json or report.html, an invalid report, or a report.html that cannot be written',
    },
  ],
  merge: [
    { code: ExitCode.Pass, outcome: 'pass', meaning: "the merged verdict's code (1 fail, 2 inconclusive, 3 error likewise)" },
    { code: ExitCode.InvalidConfig, outcome: 'invalid', meaning: 'the reports do not belong together (suite, config hash, shards)' },
  ],
  diff: [
    { code: ExitCode.Pass, outcome: 'written', meaning: 'the diff was written (a report, not a gate)' },
    { code: ExitCode.InvalidConfig, outcome: 'invalid', meaning: 'bad input: not a report, unknown schema version, bad flags' },
  ],
  record: [
    { code: ExitCode.Pass, outcome: 'recorded', meaning: 'the new golden file was written (failed cases keep their reference)' },
    {
      code: ExitCode.RunError,
      outcome: 'run error',
      meaning: 'the revision is unreachable or never ready, or the output cannot be written',
    },
    { code: ExitCode.InvalidConfig, outcome: 'invalid', meaning: 'bad suite or usage' },
  ],
  calibrate: [
    { code: ExitCode.Pass, outcome: 'calibrated', meaning: 'the A/A run ended and calibration.yaml was written (whatever its verdict)' },
    { code: ExitCode.RunError, outcome: 'run error', meaning: 'blue is unreachable or never ready, or the A/A run could not measure' },
    { code: ExitCode.InvalidConfig, outcome: 'invalid', meaning: 'bad suite or usage; nothing was sent' },
  ],
  init: [
    { code: ExitCode.Pass, outcome: 'written', meaning: 'the starter suite and golden set were written; stderr says what was detected' },
    {
      code: ExitCode.RunError,
      outcome: 'unreachable',
      meaning: '`--url` could not be reached, or answered in no known shape (the message names the URL and the error); nothing was written',
    },
    {
      code: ExitCode.InvalidConfig,
      outcome: 'invalid',
      meaning: 'a file exists (`--force` overwrites it), a credential in `--url`, or bad usage; nothing was sent or written',
    },
  ],
  rollback: [
    { code: ExitCode.Pass, outcome: 'rolled back', meaning: '100% on the previous revision, read back and verified' },
    { code: ExitCode.RunError, outcome: 'error', meaning: 'the backend refused or the read-back differs' },
    { code: ExitCode.InvalidConfig, outcome: 'invalid', meaning: 'bad suite, no rollout section, or usage' },
  ],
} satisfies Record<string, readonly ExitCodeDoc[]>;

/** The "Exit codes:" block of a command's --help. */
export function exitCodesHelp(table: readonly ExitCodeDoc[]): string {
  const width = Math.max(...table.map((r) => r.outcome.length));
  const indent = 2 + 5 + width + 2;
  const plain = (s: string) => s.replace(/\*\*|`/g, '');
  const row = (r: ExitCodeDoc) =>
    `  ${String(r.code).padEnd(4)} ${r.outcome.padEnd(width)}  ${wrap(plain(r.meaning), 100 - indent).join(`\n${' '.repeat(indent)}`)}`;
  return `\nExit codes:\n${table.map(row).join('\n')}`;
}

/** Greedy word wrap to `width` columns. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** The exit-code tables of docs/exit-codes.md, by the name of their generated block. */
export const EXIT_CODE_DOCS: Record<string, readonly ExitCodeDoc[]> = {
  compare: COMPARE_EXIT_CODES,
  rollout: ROLLOUT_EXIT_CODES,
  ...COMMAND_EXIT_CODES,
};

/** The same table as Markdown (docs/exit-codes.md's). */
export function exitCodesMarkdown(table: readonly ExitCodeDoc[]): string {
  return ['| code | outcome | meaning |', '| --- | --- | --- |', ...table.map((r) => `| ${r.code} | ${r.outcome} | ${r.meaning} |`)].join(
    '\n',
  );
}

/** The exit code of a finished run: its verdict, or 130 when it was interrupted. */
export function exitForVerdict(status: 'pass' | 'fail' | 'inconclusive' | 'error', interrupted: string | null = null): ExitCode {
  if (interrupted === 'SIGINT' || interrupted === 'SIGTERM') return ExitCode.Interrupted;
  return { pass: ExitCode.Pass, fail: ExitCode.Fail, inconclusive: ExitCode.Inconclusive, error: ExitCode.RunError }[status];
}

/** The exit code of a rollout: promoted 0; rolled back for a fail 1; paused, or rolled back for an
 *  inconclusive analysis or a missing approval 2; an error (rolled back for one, or a failed
 *  rollback) 3; interrupted (after the rollback) 130. */
export function exitForRollout(o: {
  kind: 'promoted' | 'cut-over' | 'rolled-back' | 'paused' | 'awaiting-approval' | 'error' | 'interrupted';
  cause?: string;
}): ExitCode {
  if (o.kind === 'promoted' || o.kind === 'cut-over') return ExitCode.Pass;
  if (o.kind === 'awaiting-approval') return ExitCode.AwaitingApproval;
  if (o.kind === 'paused') return ExitCode.Inconclusive;
  if (o.kind === 'interrupted' || o.cause === 'interrupted') return ExitCode.Interrupted;
  if (o.kind === 'rolled-back' && o.cause === 'fail') return ExitCode.Fail;
  if (o.kind === 'rolled-back' && (o.cause === 'inconclusive' || o.cause === 'approval-timeout')) return ExitCode.Inconclusive;
  return ExitCode.RunError;
}

/** Fill every `<!-- exit-codes:NAME -->…<!-- /exit-codes -->` block of a Markdown text from the tables above. */
export function renderExitCodeBlocks(markdown: string): string {
  return markdown.replace(
    /(<!-- exit-codes:([a-z]+) -->\n)[\s\S]*?(<!-- \/exit-codes -->)/g,
    (_all, open: string, name: string, close: string) => {
      if (name === 'commands') {
        const rows = Object.entries(COMMAND_EXIT_CODES).flatMap(([command, table]) =>
          table.map((r) => `| \`${command}\` | ${r.code} | ${r.outcome} | ${r.meaning} |`),
        );
        return `${open}${rows.join('\n')}\n${close}`;
      }
      const table = EXIT_CODE_DOCS[name];
      if (table === undefined) throw new Error(`unknown exit-code table "${name}" in the Markdown`);
      return `${open}${exitCodesMarkdown(table)}\n${close}`;
    },
  );
}
