// The command-line program: commands, flags, help with examples. Command bodies are imported
// lazily so `revgate --version` and `--help` load nothing heavy.
import { Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../model/errors.js';
import { VERSION } from '../model/version.js';
import { ExitCode } from './exit-codes.js';
import type { CliIO } from './io.js';

function int(name: string, min: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}`);
    return n;
  };
}

const EXIT_CODES_HELP = `
Exit codes:
  0    pass          the gate passed: green may advance
  1    fail          green is worse than the thresholds allow
  2    inconclusive  not enough data to decide (never a pass)
  3    run error     a target unreachable or not ready, or an internal error
  4    invalid       bad config, golden set, threshold or usage; nothing was sent
  130  interrupted   Ctrl-C / SIGTERM; a partial report marked incomplete was written`;

const ROLLOUT_EXIT_HELP = `
Exit codes:
  0    promoted      green serves 100% (blue kept warm, then deactivated)
  1    rolled back   an analysis failed: 100% back on blue, verified
  2    paused        an inconclusive analysis (onInconclusive: pause), or rolled back for an
                     inconclusive analysis or a missing approval; never a promotion
  3    error         rolled back for an error (router, read-back mismatch, unhealthy green), a
                     failed pre-flight (nothing moved), a held lock, or a FAILED rollback
  4    invalid       bad suite or rollout section, or usage; nothing was moved
  130  interrupted   Ctrl-C / SIGTERM: rolled back to blue (verified) first`;

/** Build the program; `setExit` receives the exit code of the command that ran. */
export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('revgate')
    .description(
      'Replay golden prompt sets against the blue (serving) and green (new) revision of an LLM service, score drift, retrieval and latency, and gate the release: pass, fail or inconclusive.',
    )
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  $ revgate compare suites/pharmabot.yaml
  $ revgate compare suites/pharmabot.yaml --blue http://127.0.0.1:8081/v1 --green http://127.0.0.1:8082/v1
  $ revgate validate suites/pharmabot.yaml
  $ revgate report --from reports/<run>/report.json --format md,junit
  $ revgate metrics
  $ revgate rollout suites/pharmabot-rollout.yaml --dry-run
  $ revgate status suites/pharmabot-rollout.yaml
  $ revgate merge shards/*/report.json --out merged
  $ revgate diff reports/<last-week>/report.json reports/<today>/report.json
  $ revgate record suites/pharmabot.yaml --revision blue
${EXIT_CODES_HELP}
  (rollout, rollback and status have their own exit codes: see \`revgate rollout --help\`)`,
    );

  program
    .command('compare')
    .description('replay a suite against blue and green, score, gate and write reports')
    .argument('<suite>', 'suite YAML file (see suites/)')
    .option('--blue <url>', 'blue (serving) revision URL; overrides blue.url')
    .option('--green <url>', 'green (new) revision URL; overrides green.url')
    .option('-c, --concurrency <n>', 'requests in flight (blue + green)', int('--concurrency', 1))
    .option('-r, --repeats <n>', 'attempts per case and revision', int('--repeats', 1))
    .option('--timeout <duration>', 'per-request timeout, e.g. 30s')
    .option('--retries <n>', 'retries of 429 / 5xx / timeouts / resets', int('--retries', 0))
    .option('--warmup <n>', 'warm-up requests per revision (excluded from statistics)', int('--warmup', 0))
    .option('--deadline <duration>', 'whole-run deadline, e.g. 20m')
    .option('--ready-timeout <duration>', 'wait this long for /health/ready (0 skips)')
    .option('--seed <n>', 'seed for the blue/green call order', int('--seed', 0))
    .option('-o, --out <dir>', 'report directory (a run writes <dir>/<run-id>/)')
    .option('-f, --format <list>', 'report formats: json,md,junit,html', (v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .addOption(new Option('--progress <mode>', 'progress display').choices(['auto', 'bar', 'lines', 'none']).default('auto'))
    .option('--shard <k/n>', 'replay only shard k of n (cases assigned by a hash of their id); combine the shards with `revgate merge`')
    .addHelpText(
      'after',
      `
The verdict is worst-of: pass < inconclusive < error < fail. Only pass exits 0.

Examples:
  $ revgate compare suites/pharmabot.yaml
  $ revgate compare suites/pharmabot.yaml --green https://app--v2.example.io/v1 --repeats 3 -c 16
  $ PHARMABOT_KEY=… revgate compare suites/azure-openai.yaml --format md --out ci-reports
  $ revgate compare suites/pharmabot.yaml --shard 2/4 --out shards
${EXIT_CODES_HELP}`,
    )
    .action(async (suite: string, flags: Record<string, unknown>) => {
      const { runCompare } = await import('./commands/compare.js');
      setExit(await runCompare(suite, flags, io));
    });

  program
    .command('validate')
    .description('check a suite, its golden sets and thresholds without sending any request')
    .argument('<suite>', 'suite YAML file')
    .option('--blue <url>', 'blue URL (as compare would use it)')
    .option('--green <url>', 'green URL (as compare would use it)')
    .addHelpText(
      'after',
      `
Every problem is listed at once with file, line, YAML path and a hint. Editors can
autocomplete suites with schemas/suite.schema.json (add "# yaml-language-server: $schema=../schemas/suite.schema.json").

Examples:
  $ revgate validate suites/pharmabot.yaml
  $ revgate validate suites/pharmabot.yaml --blue http://127.0.0.1:8081/v1 --green http://127.0.0.1:8082/v1

Exit codes: 0 valid, 4 invalid.`,
    )
    .action(async (suite: string, flags: Record<string, unknown>) => {
      const { runValidate } = await import('./commands/validate.js');
      setExit(await runValidate(suite, flags, io));
    });

  program
    .command('report')
    .description(
      "re-render a run's reports from its report.json, without replaying traffic; a run directory whose run never ended is rebuilt from its cases.jsonl",
    )
    .requiredOption('--from <report.json|run dir>', 'the report.json of a run, or its directory')
    .option(
      '-f, --format <list>',
      'formats to write: md,junit (or "console" to print the summary)',
      (v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ['md', 'junit'],
    )
    .option('-o, --out <dir>', 'where to write (default: next to report.json)')
    .addHelpText(
      'after',
      `
Examples:
  $ revgate report --from reports/20261126-231502-pharmabot-3fa2/report.json --format md,junit
  $ revgate report --from report.json --format console
  $ revgate report --from reports/20261126-231502-pharmabot-3fa2 --format md,junit,html   # after a crash: rebuilt from cases.jsonl

Exits with the report's verdict code (0 pass, 1 fail, 2 inconclusive, 3 error), 4 if the file is not a report.`,
    )
    .action(async (flags: Record<string, unknown>) => {
      const { runReport } = await import('./commands/report.js');
      setExit(await runReport(flags, io));
    });

  program
    .command('merge')
    .description('merge the reports of `compare --shard k/n` runs into one report and one verdict, gated on the merged cases')
    .argument('<report.json...>', 'the report.json of each shard')
    .option('-o, --out <dir>', 'report directory (the merged run writes <dir>/<run-id>/)', 'reports')
    .option('-f, --format <list>', 'report formats, e.g. json,md,junit,html', (v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .addHelpText(
      'after',
      `
The shards must come from one run (same suite and config hash, shard k/n each once). Every case
is fed again into the same accumulators and every threshold and statistical test is evaluated on
the merged data. A merge with a missing shard is incomplete: never pass.

Examples:
  $ revgate merge shards/*/report.json --out merged
  $ revgate merge shard-1/report.json shard-2/report.json shard-3/report.json --format md

Exits with the merged verdict's code (0 pass, 1 fail, 2 inconclusive, 3 error), 4 if the reports do not belong together.`,
    )
    .action(async (files: string[], flags: Record<string, unknown>) => {
      const { runMerge } = await import('./commands/merge.js');
      setExit(await runMerge(files, flags, io));
    });

  program
    .command('diff')
    .description('compare one revision of run B with one of run A (e.g. model v2 vs v1): metrics, tags, changed cases, tokens and cost')
    .argument('<a>', 'report.json of run A (the baseline, e.g. last release)')
    .argument('<b>', 'report.json of run B (the candidate, e.g. this release)')
    .addOption(new Option('--a-side <revision>', 'revision of run A to compare').choices(['green', 'blue']).default('green'))
    .addOption(new Option('--b-side <revision>', 'revision of run B to compare').choices(['green', 'blue']).default('green'))
    .option('--price-in <usd>', 'USD per 1M input tokens (both runs)')
    .option('--price-out <usd>', 'USD per 1M output tokens (both runs)')
    .option('--price-in-a <usd>', 'USD per 1M input tokens, run A (overrides --price-in)')
    .option('--price-out-a <usd>', 'USD per 1M output tokens, run A (overrides --price-out)')
    .option('--price-in-b <usd>', 'USD per 1M input tokens, run B (overrides --price-in)')
    .option('--price-out-b <usd>', 'USD per 1M output tokens, run B (overrides --price-out)')
    .option('--top <n>', 'biggest per-case score changes shown per score', int('--top', 0))
    .option('-f, --format <list>', 'md,html,json (default: md to stdout; all three with --out)', (v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .option('-o, --out <dir>', 'write diff.md, diff.html and/or diff.json into this directory')
    .addHelpText(
      'after',
      `
Compares green of B with green of A by default: every metric present in both (A, B, delta,
relative change, better/worse), metrics per tag, cases whose status changed (matched by id;
new and removed cases too), the biggest per-case changes of ref ROUGE-L, RAG recall and
numbers consistency with both answers, and tokens per 1,000 requests (cost when priced).
Runs of different suites are diffed with a warning.

Examples:
  $ revgate diff reports/v1-run/report.json reports/v2-run/report.json
  $ revgate diff last-week/report.json today/report.json --price-in 2.5 --price-out 10
  $ revgate diff a/report.json b/report.json --price-in-a 0.15 --price-out-a 0.6 --price-in-b 2.5 --price-out-b 10
  $ revgate diff run/report.json run/report.json --a-side blue --b-side green --format md,html,json --out diff

Exit codes: 0 the diff was written (a report, not a gate), 4 bad input (not a report, unknown schema version, bad flags).`,
    )
    .action(async (a: string, b: string, flags: Record<string, unknown>) => {
      const { runDiff } = await import('./commands/diff.js');
      setExit(await runDiff(a, b, flags, io));
    });

  program
    .command('record')
    .description('replay one revision over a suite and write its answers as new golden references (a new file, for review)')
    .argument('<suite>', 'suite YAML file')
    .addOption(new Option('--revision <revision>', 'revision to record').choices(['blue', 'green']).default('blue'))
    .option('--url <url>', 'URL of the recorded revision; overrides its url in the suite')
    .option('-o, --out <file>', 'output golden file (default: <golden>.recorded.yaml next to the source; one golden file only)')
    .option('-r, --repeats <n>', 'attempts per case; the most central answer (ROUGE-L medoid) becomes the reference', int('--repeats', 1))
    .option('-c, --concurrency <n>', 'requests in flight', int('--concurrency', 1))
    .option('--timeout <duration>', 'per-request timeout, e.g. 30s')
    .option('--retries <n>', 'retries of 429 / 5xx / timeouts / resets', int('--retries', 0))
    .option('--warmup <n>', 'warm-up requests (not recorded)', int('--warmup', 0))
    .option('--ready-timeout <duration>', 'wait this long for /health/ready (0 skips)')
    .option('--update-docs', 'also set expected_docs from the retrieved documents (retrieved is not relevant: review them)')
    .addHelpText(
      'after',
      `
Every case field is kept; only \`reference\` (and, with --update-docs, \`expected_docs\`) is replaced.
The source golden file is never overwritten. Cases whose recording failed keep their old
reference and are listed on stderr. Review the new file before committing it.

Examples:
  $ revgate record suites/pharmabot.yaml
  $ revgate record suites/pharmabot.yaml --revision green --url http://127.0.0.1:8082/v1 --repeats 3
  $ revgate record suites/pharmabot.yaml --out golden/pharmabot.v2.yaml --update-docs

Exit codes: 0 recorded, 3 the revision is unreachable or never ready, 4 bad suite or usage.`,
    )
    .action(async (suite: string, flags: Record<string, unknown>) => {
      const { runRecord } = await import('./commands/record.js');
      setExit(await runRecord(suite, flags, io));
    });

  program
    .command('metrics')
    .description('list the metrics thresholds can use, with units and scopes')
    .option('-k <k>', 'the RAG cut-off (scoring.k)', int('-k', 1), 5)
    .addHelpText(
      'after',
      `
Threshold grammar:  [scope.]metric op value
  scope  green (default) | blue | delta (green - blue) | ratio (green / blue) | pair
  op     < <= > >= == !=
  value  0.4 | 1% | 800ms | 1.2s
Examples:  "ratio.latency.p95 <= 1.2"  "delta.rag.recall@5 >= -0.02"  "ref.rougeL.mean >= 0.4"  "error_rate <= 1%"`,
    )
    .action(async (flags: { k: number }) => {
      const { runMetrics } = await import('./commands/metrics.js');
      setExit(runMetrics(flags.k, io));
    });

  program
    .command('schema')
    .description('print the JSON Schema of suite or golden files (for editors)')
    .argument('[kind]', 'suite | golden', 'suite')
    .action(async (kind: string) => {
      if (kind !== 'suite' && kind !== 'golden')
        throw new UsageError(`unknown schema "${kind}"`, 'use `revgate schema suite` or `revgate schema golden`');
      const { jsonSchemaFor } = await import('../config/json-schema.js');
      io.stdout(`${JSON.stringify(jsonSchemaFor(kind), null, 2)}\n`);
      setExit(ExitCode.Pass);
    });

  const rollout = program
    .command('rollout')
    .description('roll green out step by step (shift traffic, analyse, hold, approve), rolling back at once on any breach')
    .argument('<suite>', 'suite YAML file with a rollout: section')
    .option('--dry-run', 'run the plan on a virtual clock: reads run, every write is printed, nothing moves')
    .option('--resume', "continue the app's interrupted or paused rollout from its last verified state")
    .option('--break-lock', 'take over a STALE lock (an expired one; a live lock is never broken)')
    .option('--blue <revision>', 'the serving revision (default: rollout.blue, "auto")')
    .option('--green <revision>', 'the new revision (default: rollout.green, "latest")')
    .option('--token <token>', 'azure-container-apps: an ARM bearer token instead of DefaultAzureCredential')
    .addHelpText(
      'after',
      `
Each step: set the whole traffic table, read it back and verify it; golden replay of green
against blue (only pass advances); hold while watching green's health and fingerprint (every
rollout.pollInterval) and, with rollout.live, judging live user traffic (revgate's own requests
excluded); wait for an approval when asked. Every write to the app goes through one serialized
writer that waits for an operation in flight and retries 409/429/5xx (rollout.writeTimeout;
rollbacks: rollout.rollbackTimeout). Every event is fsynced to reports/<run>/journal.jsonl;
--resume folds it and continues.

Ctrl-C: the first rolls back (waiting for a write in flight) and exits 130 with 100% blue
verified; after the cutover it stops with blue warm (--resume finishes). A second Ctrl-C quits at
once and tells you to check \`revgate status\` / run \`revgate rollback\`.

Examples:
  $ revgate rollout suites/pharmabot-rollout.yaml --dry-run
  $ revgate rollout suites/pharmabot-rollout.yaml --green pharmabot--v2
  $ revgate rollout suites/pharmabot-rollout.yaml --resume --break-lock
  $ revgate rollout approve --app pharmabot --step 3
${ROLLOUT_EXIT_HELP}`,
    )
    .action(async (suite: string, flags: Record<string, unknown>) => {
      const { runRolloutCommand } = await import('./commands/rollout.js');
      setExit(await runRolloutCommand(suite, flags, io));
    });

  rollout
    .command('approve')
    .description('approve the step an active rollout is waiting at (recorded durably next to its journal)')
    .option('--app <app>', 'the app (needed when several rollouts are active)')
    .option('--step <n>', 'the step to approve, 1-based (default: the step waiting now)', int('--step', 1))
    .option('--by <name>', 'who approves (default: $USER)')
    .option('--state-dir <dir>', 'the rollout state directory', '.revgate')
    .addHelpText(
      'after',
      `
Examples:
  $ revgate rollout approve
  $ revgate rollout approve --app pharmabot --step 3 --by alice`,
    )
    .action(async (flags: Record<string, unknown>) => {
      const { runApprove } = await import('./commands/rollout-approve.js');
      setExit(await runApprove(flags, io));
    });

  program
    .command('rollback')
    .description('emergency: put 100% of traffic back on blue (the previous revision from the journal, or --to), verified')
    .argument('<suite>', 'suite YAML file with a rollout: section')
    .option('--to <revision>', 'the revision to send 100% to')
    .option('--token <token>', 'azure-container-apps: an ARM bearer token instead of DefaultAzureCredential')
    .addHelpText(
      'after',
      `
Examples:
  $ revgate rollback suites/pharmabot-rollout.yaml
  $ revgate rollback suites/pharmabot-rollout.yaml --to pharmabot--v1

Exit codes: 0 rolled back (verified), 3 the backend refused or the read-back differs, 4 invalid.`,
    )
    .action(async (suite: string, flags: Record<string, unknown>) => {
      const { runRollback } = await import('./commands/rollback.js');
      setExit(await runRollback(suite, flags, io));
    });

  program
    .command('status')
    .description('show revisions, health, traffic weights, the lock and the active rollout with its step')
    .argument('<suite>', 'suite YAML file with a rollout: section')
    .option('--token <token>', 'azure-container-apps: an ARM bearer token instead of DefaultAzureCredential')
    .addHelpText(
      'after',
      `
Examples:
  $ revgate status suites/pharmabot-rollout.yaml`,
    )
    .action(async (suite: string, flags: Record<string, unknown>) => {
      const { runStatus } = await import('./commands/rollout-status.js');
      setExit(await runStatus(suite, flags, io));
    });

  return program;
}
