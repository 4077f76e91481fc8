// The command-line program: commands, flags, help with examples. Command bodies are imported
// lazily so `revgate --version` and `--help` load nothing heavy.
import { Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { VERSION } from '../version.js';
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

/** Build the program; `setExit` receives the exit code of the command that ran. */
export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('revgate')
    .description('Replay golden prompt sets against the blue (serving) and green (new) revision of an LLM service, score drift, retrieval and latency, and gate the release: pass, fail or inconclusive.')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .addHelpText('after', `
Examples:
  $ revgate compare suites/pharmabot.yaml
  $ revgate compare suites/pharmabot.yaml --blue http://127.0.0.1:8081/v1 --green http://127.0.0.1:8082/v1
  $ revgate validate suites/pharmabot.yaml
  $ revgate report --from reports/<run>/report.json --format md,junit
  $ revgate metrics
${EXIT_CODES_HELP}`);

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
    .option('-f, --format <list>', 'report formats: json,md,junit', (v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .addOption(new Option('--progress <mode>', 'progress display').choices(['auto', 'bar', 'lines', 'none']).default('auto'))
    .addHelpText('after', `
The verdict is worst-of: pass < inconclusive < error < fail. Only pass exits 0.

Examples:
  $ revgate compare suites/pharmabot.yaml
  $ revgate compare suites/pharmabot.yaml --green https://app--v2.example.io/v1 --repeats 3 -c 16
  $ PHARMABOT_KEY=… revgate compare suites/azure-openai.yaml --format md --out ci-reports
${EXIT_CODES_HELP}`)
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
    .addHelpText('after', `
Every problem is listed at once with file, line, YAML path and a hint. Editors can
autocomplete suites with schemas/suite.schema.json (add "# yaml-language-server: $schema=../schemas/suite.schema.json").

Examples:
  $ revgate validate suites/pharmabot.yaml
  $ revgate validate suites/pharmabot.yaml --blue http://127.0.0.1:8081/v1 --green http://127.0.0.1:8082/v1

Exit codes: 0 valid, 4 invalid.`)
    .action(async (suite: string, flags: Record<string, unknown>) => {
      const { runValidate } = await import('./commands/validate.js');
      setExit(await runValidate(suite, flags, io));
    });

  program
    .command('report')
    .description('re-render a run\'s reports from its report.json, without replaying traffic')
    .requiredOption('--from <report.json>', 'the report.json of a run')
    .option('-f, --format <list>', 'formats to write: md,junit (or "console" to print the summary)', (v) => v.split(',').map((s) => s.trim()).filter(Boolean), ['md', 'junit'])
    .option('-o, --out <dir>', 'where to write (default: next to report.json)')
    .addHelpText('after', `
Examples:
  $ revgate report --from reports/20261126-231502-pharmabot-3fa2/report.json --format md,junit
  $ revgate report --from report.json --format console

Exits with the report's verdict code (0 pass, 1 fail, 2 inconclusive, 3 error), 4 if the file is not a report.`)
    .action(async (flags: Record<string, unknown>) => {
      const { runReport } = await import('./commands/report.js');
      setExit(await runReport(flags, io));
    });

  program
    .command('metrics')
    .description('list the metrics thresholds can use, with units and scopes')
    .option('-k <k>', 'the RAG cut-off (scoring.k)', int('-k', 1), 5)
    .addHelpText('after', `
Threshold grammar:  [scope.]metric op value
  scope  green (default) | blue | delta (green - blue) | ratio (green / blue) | pair
  op     < <= > >= == !=
  value  0.4 | 1% | 800ms | 1.2s
Examples:  "ratio.latency.p95 <= 1.2"  "delta.rag.recall@5 >= -0.02"  "ref.rougeL.mean >= 0.4"  "error_rate <= 1%"`)
    .action(async (flags: { k: number }) => {
      const { runMetrics } = await import('./commands/metrics.js');
      setExit(runMetrics(flags.k, io));
    });

  program
    .command('schema')
    .description('print the JSON Schema of suite or golden files (for editors)')
    .argument('[kind]', 'suite | golden', 'suite')
    .action(async (kind: string) => {
      if (kind !== 'suite' && kind !== 'golden') throw new UsageError(`unknown schema "${kind}"`, 'use `revgate schema suite` or `revgate schema golden`');
      const { jsonSchemaFor } = await import('../config/json-schema.js');
      io.stdout(`${JSON.stringify(jsonSchemaFor(kind), null, 2)}\n`);
      setExit(ExitCode.Pass);
    });

  return program;
}
