// The command-line program: the commands of src/cli/flags.ts with their actions. Command bodies
// are imported lazily so `revgate --version` and `--help` load nothing heavy.
import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../model/errors.js';
import { VERSION } from '../model/version.js';
import { ExitCode } from './exit-codes.js';
import {
  EXIT_CODES_HELP,
  approveCommand,
  calibrateCommand,
  compareCommand,
  diffCommand,
  initCommand,
  mergeCommand,
  metricsCommand,
  openCommand,
  recordCommand,
  reportCommand,
  rollbackCommand,
  rolloutCommand,
  schemaCommand,
  statusCommand,
  validateCommand,
} from './flags.js';
import type { CliIO } from './io.js';

/** Build the program; `setExit` receives the exit code of the command that ran. */
export function buildProgram(io: CliIO, setExit: (code: number) => void) {
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
  $ revgate init --url http://127.0.0.1:8081/v1 --name my-bot
  $ revgate compare suites/pharmabot.yaml
  $ revgate compare suites/pharmabot.yaml --blue http://127.0.0.1:8081/v1 --green http://127.0.0.1:8082/v1
  $ revgate validate suites/pharmabot.yaml
  $ revgate report reports/<run> --format md,junit
  $ revgate open
  $ revgate metrics
  $ revgate rollout suites/pharmabot-rollout.yaml --dry-run
  $ revgate status suites/pharmabot-rollout.yaml
  $ revgate merge shards/*/report.json --out merged
  $ revgate diff reports/<last-week>/report.json reports/<today>/report.json
  $ revgate record suites/pharmabot.yaml --revision blue
${EXIT_CODES_HELP}
  (rollout, rollback and status have their own exit codes: see \`revgate rollout --help\`)`,
    );
  // addCommand() does not copy the parent's settings as .command() does: output, exitOverride, help-after-error.
  const attach = <C extends Command<unknown[], Record<string, unknown>, Record<string, unknown>>>(
    parent: Command<unknown[], Record<string, unknown>, Record<string, unknown>>,
    cmd: C,
  ): C => {
    cmd.copyInheritedSettings(parent);
    parent.addCommand(cmd);
    return cmd;
  };

  attach(program, compareCommand()).action(async (suite, flags) => {
    const { runCompare } = await import('./commands/compare.js');
    setExit(await runCompare(suite, flags, io));
  });
  attach(program, validateCommand()).action(async (suite, flags) => {
    const { runValidate } = await import('./commands/validate.js');
    setExit(await runValidate(suite, flags, io));
  });
  attach(program, reportCommand()).action(async (run, flags) => {
    const { runReport } = await import('./commands/report.js');
    setExit(await runReport(run, flags, io));
  });
  attach(program, openCommand()).action(async (run, flags) => {
    const { runOpen } = await import('./commands/open.js');
    setExit(await runOpen(run, flags, io));
  });
  attach(program, mergeCommand()).action(async (files, flags) => {
    const { runMerge } = await import('./commands/merge.js');
    setExit(await runMerge(files, flags, io));
  });
  attach(program, diffCommand()).action(async (a, b, flags) => {
    const { runDiff } = await import('./commands/diff.js');
    setExit(await runDiff(a, b, flags, io));
  });
  attach(program, recordCommand()).action(async (suite, flags) => {
    const { runRecord } = await import('./commands/record.js');
    setExit(await runRecord(suite, flags, io));
  });
  attach(program, calibrateCommand()).action(async (suite, flags) => {
    const { runCalibrate } = await import('./commands/calibrate.js');
    setExit(await runCalibrate(suite, flags, io));
  });
  attach(program, initCommand()).action(async (flags) => {
    const { runInit } = await import('./commands/init.js');
    setExit(await runInit(flags, io));
  });
  attach(program, metricsCommand()).action(async (flags) => {
    const { runMetrics } = await import('./commands/metrics.js');
    setExit(runMetrics(flags.k, io));
  });
  attach(program, schemaCommand()).action(async (kind) => {
    if (kind !== 'suite' && kind !== 'golden')
      throw new UsageError(`unknown schema "${kind}"`, 'use `revgate schema suite` or `revgate schema golden`');
    const { jsonSchemaFor } = await import('../config/json-schema.js');
    io.stdout(`${JSON.stringify(jsonSchemaFor(kind), null, 2)}\n`);
    setExit(ExitCode.Pass);
  });
  const rollout = attach(program, rolloutCommand()).action(async (suite, flags) => {
    const { runRolloutCommand } = await import('./commands/rollout.js');
    setExit(await runRolloutCommand(suite, flags, io));
  });
  attach(rollout, approveCommand()).action(async (flags) => {
    const { runApprove } = await import('./commands/rollout-approve.js');
    setExit(await runApprove(flags, io));
  });
  attach(program, rollbackCommand()).action(async (suite, flags) => {
    const { runRollback } = await import('./commands/rollback.js');
    setExit(await runRollback(suite, flags, io));
  });
  attach(program, statusCommand()).action(async (suite, flags) => {
    const { runStatus } = await import('./commands/rollout-status.js');
    setExit(await runStatus(suite, flags, io));
  });
  return program;
}
