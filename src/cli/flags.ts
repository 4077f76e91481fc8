// Every command's arguments, flags and help, typed end to end: @commander-js/extra-typings infers
// each command's options from its definition, and the command bodies (src/cli/commands/) take
// those types (`CompareFlags`, …). Light on purpose: --help and --version load only this file.
import { Command, Option } from '@commander-js/extra-typings';
import { COMMAND_EXIT_CODES, COMPARE_EXIT_CODES, exitCodesHelp } from './exit-codes.js';
import { int, type FlagsOf } from './flag-parsers.js';

// The rollout commands (rollout, rollout approve, rollback, status) live in flags-rollout.ts.
export * from './flags-rollout.js';

export const EXIT_CODES_HELP = exitCodesHelp(COMPARE_EXIT_CODES);

/** A comma-separated list flag, e.g. `--format md,junit`. */
const list = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A repeatable flag, e.g. `--tag a --tag b` → ['a', 'b'] (commander's collect pattern). */
const collect = (v: string, previous: string[] | undefined): string[] => [...(previous ?? []), v];

// Case selection (src/config/select.ts), the same words on compare, record and diff.
const FILTER_HELP = 'only the cases whose id matches this JavaScript regular expression';
const TAG_HELP = 'only the cases carrying this tag (repeatable: a case must carry every tag given)';
const LIMIT_HELP = 'at most n cases: a sample stratified by first tag, proportional, seeded';

export const compareCommand = () =>
  new Command('compare')
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
    .option(
      '--budget <n>',
      'adaptive sampling: attempts per revision in all (sampling.maxAttempts); undecided checks get more repeats of the noisiest cases until they decide',
      int('--budget', 1),
    )
    .option('-o, --out <dir>', 'report directory (a run writes <dir>/<run-id>/)')
    .option('-f, --format <list>', 'report formats (default: report.formats, json,md,junit,html)', list)
    .addOption(new Option('--progress <mode>', 'progress display').choices(['auto', 'bar', 'lines', 'none']).default('auto'))
    .option('--shard <k/n>', 'replay only shard k of n (cases assigned by a hash of their id); combine the shards with `revgate merge`')
    .option('--baseline <run>', 'a previous run whose noise says, before replaying, which test margins this suite is too small to detect')
    .option('--filter <regex>', FILTER_HELP)
    .option('--tag <tag>', TAG_HELP, collect)
    .option('--limit <n>', `${LIMIT_HELP} by --seed (default: sampling.seed, else 1)`, int('--limit', 1))
    .addHelpText(
      'after',
      `
The verdict is worst-of: pass < inconclusive < error < fail. Only pass exits 0.

--filter, then --tag, then --limit choose the cases (before --shard splits them); the report
records the selection (run.selection) and the summary says "selected N of M cases (…)".

Examples:
  $ revgate compare suites/pharmabot.yaml
  $ revgate compare suites/pharmabot.yaml --green https://app--v2.example.io/v1 --repeats 3 -c 16
  $ PHARMABOT_KEY=… revgate compare suites/azure-openai.yaml --format md --out ci-reports
  $ revgate compare suites/pharmabot.yaml --shard 2/4 --out shards
  $ revgate compare suites/pharmabot.yaml --filter '^cdc-' --tag prevention
  $ revgate compare suites/pharmabot.yaml --limit 50 --seed 7          # a quick smoke run, every tag represented
${EXIT_CODES_HELP}`,
    );

export const validateCommand = () =>
  new Command('validate')
    .description('check a suite, its golden sets and thresholds without sending any request')
    .argument('<suite>', 'suite YAML file')
    .option('--blue <url>', 'blue URL (as compare would use it)')
    .option('--green <url>', 'green URL (as compare would use it)')
    .option(
      '--baseline <run>',
      "a previous run (directory or report.json) whose noise estimates what each test can detect at this suite's size",
    )
    .addHelpText(
      'after',
      `
Every problem is listed at once with file, line, YAML path and a hint. Editors can
autocomplete suites with schemas/suite.schema.json (add "# yaml-language-server: $schema=../schemas/suite.schema.json").

Examples:
  $ revgate validate suites/pharmabot.yaml
  $ revgate validate suites/pharmabot.yaml --blue http://127.0.0.1:8081/v1 --green http://127.0.0.1:8082/v1
${exitCodesHelp(COMMAND_EXIT_CODES.validate)}`,
    );

export const reportCommand = () =>
  new Command('report')
    .description(
      "re-render a run's reports from its report.json, without replaying traffic; a run directory whose run never ended is rebuilt from its cases.jsonl",
    )
    .argument('[run]', 'the run: its directory, its report.json or its report.html')
    .option('--from <run>', 'the run, as the argument (the older spelling, still accepted)')
    .option('-f, --format <list>', 'formats to write: md,junit,html (or "console" to print the summary)', list, ['md', 'junit'])
    .option('-o, --out <dir>', 'where to write (default: next to report.json)')
    .addHelpText(
      'after',
      `
Examples:
  $ revgate report reports/20261126-231502-pharmabot-3fa2 --format md,junit
  $ revgate report reports/20261126-231502-pharmabot-3fa2/report.json --format console
  $ revgate report reports/20261126-231502-pharmabot-3fa2 --format md,junit,html   # after a crash: rebuilt from cases.jsonl
  $ revgate report --from report.json --format console
${exitCodesHelp(COMMAND_EXIT_CODES.report)}`,
    );

export const openCommand = () =>
  new Command('open')
    .description("open a run's HTML report in the browser (rendered from its report.json when the run wrote none)")
    .argument('[run]', 'the run: its directory, its report.json or its report.html (default: the newest run under --out)')
    .option('-o, --out <dir>', 'report directory searched for the newest run', 'reports')
    .option('--print', 'only print the path of report.html; open nothing')
    .addHelpText(
      'after',
      `
The path of report.html is printed on stdout, then opened with xdg-open (Linux), open (macOS) or
start (Windows); a machine without a desktop just gets the path. The newest run is the greatest run
id (run ids begin with the UTC time the run started).

Examples:
  $ revgate open
  $ revgate open reports/20261126-231502-pharmabot-3fa2
  $ revgate open --out ci-reports --print
${exitCodesHelp(COMMAND_EXIT_CODES.open)}`,
    );

export const mergeCommand = () =>
  new Command('merge')
    .description('merge the reports of `compare --shard k/n` runs into one report and one verdict, gated on the merged cases')
    .argument('<run...>', "each shard's run: its directory or its report.json")
    .option('-o, --out <dir>', 'report directory (the merged run writes <dir>/<run-id>/)', 'reports')
    .option('-f, --format <list>', 'report formats (default: json,md,junit,html)', list)
    .addHelpText(
      'after',
      `
The shards must come from one run (same suite and config hash, shard k/n each once). Every case
is fed again into the same accumulators and every threshold and statistical test is evaluated on
the merged data. A merge with a missing shard is incomplete: never pass.

Examples:
  $ revgate merge shards/*/report.json --out merged
  $ revgate merge shard-1/report.json shard-2/report.json shard-3/report.json --format md
${exitCodesHelp(COMMAND_EXIT_CODES.merge)}`,
    );

export const diffCommand = () =>
  new Command('diff')
    .description('compare one revision of run B with one of run A (e.g. model v2 vs v1): metrics, tags, changed cases, tokens and cost')
    .argument('<a>', 'run A, the baseline (e.g. last release): its directory or its report.json')
    .argument('<b>', 'run B, the candidate (e.g. this release): its directory or its report.json')
    .addOption(new Option('--a-side <revision>', 'revision of run A to compare').choices(['green', 'blue']).default('green'))
    .addOption(new Option('--b-side <revision>', 'revision of run B to compare').choices(['green', 'blue']).default('green'))
    .option('--price-in <usd>', 'USD per 1M input tokens (both runs)')
    .option('--price-out <usd>', 'USD per 1M output tokens (both runs)')
    .option('--price-in-a <usd>', 'USD per 1M input tokens, run A (overrides --price-in)')
    .option('--price-out-a <usd>', 'USD per 1M output tokens, run A (overrides --price-out)')
    .option('--price-in-b <usd>', 'USD per 1M input tokens, run B (overrides --price-in)')
    .option('--price-out-b <usd>', 'USD per 1M output tokens, run B (overrides --price-out)')
    .option('--top <n>', 'biggest per-case score changes shown per score', int('--top', 0))
    .option('-f, --format <list>', 'md,html,json (default: md to stdout; all three with --out)', list)
    .option('-o, --out <dir>', 'write diff.md, diff.html and/or diff.json into this directory')
    .option('--filter <regex>', `compare ${FILTER_HELP}`)
    .option('--tag <tag>', `compare ${TAG_HELP}`, collect)
    .option('--limit <n>', `compare ${LIMIT_HELP} by --seed`, int('--limit', 1))
    .option('--seed <n>', "seed of the --limit sample (default: run B's sampling.seed, else 1)", int('--seed', 0))
    .addHelpText(
      'after',
      `
Compares green of B with green of A by default: every metric present in both (A, B, delta,
relative change, better/worse), metrics per tag, cases whose status changed (matched by id;
new and removed cases too), the biggest per-case changes of ref ROUGE-L, RAG recall and
numbers consistency with both answers, and tokens per 1,000 requests (cost when priced).
Runs of different suites are diffed with a warning.

--filter, --tag and --limit restrict both runs to the same case ids (chosen among the cases of
either run, tags as recorded in the reports); every metric, tag table and case list is then
recomputed from those cases, and the diff says what was selected.

Examples:
  $ revgate diff reports/v1-run reports/v2-run
  $ revgate diff last-week/report.json today/report.json --price-in 2.5 --price-out 10
  $ revgate diff a/report.json b/report.json --price-in-a 0.15 --price-out-a 0.6 --price-in-b 2.5 --price-out-b 10
  $ revgate diff run/report.json run/report.json --a-side blue --b-side green --format md,html,json --out diff
  $ revgate diff a/report.json b/report.json --filter '^cdc-' --tag treatment
${exitCodesHelp(COMMAND_EXIT_CODES.diff)}`,
    );

export const recordCommand = () =>
  new Command('record')
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
    .option('--filter <regex>', FILTER_HELP)
    .option('--tag <tag>', TAG_HELP, collect)
    .option('--limit <n>', `${LIMIT_HELP} by sampling.seed (else 1)`, int('--limit', 1))
    .addHelpText(
      'after',
      `
Every case field is kept; only \`reference\` (and, with --update-docs, \`expected_docs\`) is replaced.
The source golden file is never overwritten. Cases whose recording failed keep their old
reference and are listed on stderr. Review the new file before committing it. With --filter,
--tag or --limit only the selected cases are recorded; every other case keeps its reference.

Examples:
  $ revgate record suites/pharmabot.yaml
  $ revgate record suites/pharmabot.yaml --revision green --url http://127.0.0.1:8082/v1 --repeats 3
  $ revgate record suites/pharmabot.yaml --out golden/pharmabot.v2.yaml --update-docs
  $ revgate record suites/pharmabot.yaml --tag dose --url http://127.0.0.1:8081/v1
${exitCodesHelp(COMMAND_EXIT_CODES.record)}`,
    );

export const metricsCommand = () =>
  new Command('metrics')
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
    );

export const schemaCommand = () =>
  new Command('schema')
    .description('print the JSON Schema of suite or golden files (for editors)')
    .argument('[kind]', 'suite | golden', 'suite');

export const calibrateCommand = () =>
  new Command('calibrate')
    .description(
      'replay blue against itself (A/A): the noise floor of each statistical test and margins this suite can decide, as a suite fragment',
    )
    .argument('<suite>', 'suite YAML file')
    .option('--blue <url>', 'blue (serving) revision URL; overrides blue.url')
    .option('-c, --concurrency <n>', 'requests in flight', int('--concurrency', 1))
    .option('-r, --repeats <n>', 'attempts per case (at least 2: the noise band needs two answers of blue)', int('--repeats', 2))
    .option('--timeout <duration>', 'per-request timeout, e.g. 30s')
    .option('-o, --out <dir>', 'report directory (the A/A run writes <dir>/<run-id>/, calibration.yaml included)')
    .addHelpText(
      'after',
      `
Blue is called on both sides of a normal compare run (green := blue). From its cases revgate measures,
per statistical test, the noise at this suite's size and proposes the smallest margin it can decide
(the detectable effect at α and power), plus fixed limits from what blue does against itself:
no changed quantity, first-try errors, a latency SLO. The fragment is printed and written to
<run dir>/calibration.yaml: paste its thresholds into the suite.

Examples:
  $ revgate calibrate suites/pharmabot.yaml
  $ revgate calibrate suites/pharmabot.yaml --blue https://app--v1.example.io/v1 --repeats 3
${exitCodesHelp(COMMAND_EXIT_CODES.calibrate)}`,
    );

export const initCommand = () =>
  new Command('init')
    .description(
      'write a starter suite and an example golden set (3 cases) that validate as written; with --url, probe the endpoint for its request shape',
    )
    .option('--url <endpoint>', 'a running revision: its OpenAI API base (…/v1) or its JSON endpoint; one request per shape tells which')
    .addOption(new Option('--kind <kind>', 'force the request shape (probe only that one)').choices(['openai-chat', 'http-json'] as const))
    .option('--dir <dir>', 'base directory: writes <dir>/suites/<name>.yaml and <dir>/golden/<name>.yaml', '.')
    .option('--name <name>', 'suite name (and file names)', 'my-service')
    .option('--force', 'overwrite existing files')
    .addHelpText(
      'after',
      `
Without --url the suite calls an openai-chat endpoint at placeholder URLs (http://127.0.0.1:8081/v1).
With --url, revgate POSTs a one-line question to <url>/chat/completions (openai-chat) and, if that
route is missing, to <url> itself as {"question": …} (http-json), with a 5 s timeout and no
credentials, following no redirect. What it detected is printed on stderr.

Examples:
  $ revgate init
  $ revgate init --url http://127.0.0.1:8081/v1 --name pharmabot
  $ revgate init --url http://127.0.0.1:8081/ask --kind http-json --dir gate
${exitCodesHelp(COMMAND_EXIT_CODES.init)}`,
    );

export type CompareFlags = FlagsOf<typeof compareCommand>;
export type ValidateFlags = FlagsOf<typeof validateCommand>;
export type ReportFlags = FlagsOf<typeof reportCommand>;
export type OpenFlags = FlagsOf<typeof openCommand>;
export type MergeFlags = FlagsOf<typeof mergeCommand>;
export type DiffFlags = FlagsOf<typeof diffCommand>;
export type RecordFlags = FlagsOf<typeof recordCommand>;
export type CalibrateFlags = FlagsOf<typeof calibrateCommand>;
export type InitFlags = FlagsOf<typeof initCommand>;
