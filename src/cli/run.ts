// Run the CLI with injected IO and return the exit code (tests call this in-process).
import { CommanderError } from 'commander';
import { ExitCode } from './exit-codes.js';
import { describeError } from './format-error.js';
import type { CliIO } from './io.js';
import { buildProgram } from './program.js';
import { createRedactor } from '../secrets/redact.js';

/** Values of `--flag value` and `--flag=value` in argv. */
function flagValues(argv: readonly string[], flag: string): string[] {
  return argv.flatMap((a, i) => (a === flag ? [argv[i + 1] ?? ''] : a.startsWith(`${flag}=`) ? [a.slice(flag.length + 1)] : []));
}

/** Parse `argv` (without node and script), run the command, return its exit code. */
export async function runCli(argv: string[], raw: CliIO): Promise<number> {
  // Every line the CLI prints goes through one redaction layer; tokens given on the command line or
  // in the environment are known from the start, a suite's secrets once it is loaded.
  const redact =
    raw.redact ?? createRedactor([raw.env.REVGATE_AZURE_TOKEN, raw.env.REVGATE_AZURE_MONITOR_TOKEN, ...flagValues(argv, '--token')]);
  const io: CliIO = { ...raw, redact, stdout: (s) => raw.stdout(redact(s)), stderr: (s) => raw.stderr(redact(s)) };
  let exitCode: number = ExitCode.Pass;
  const program = buildProgram(io, (c) => (exitCode = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; every usage problem is "invalid usage".
      return e.exitCode === 0 ? ExitCode.Pass : ExitCode.InvalidConfig;
    }
    const { text, exitCode: code } = describeError(e);
    io.stderr(text);
    return code;
  }
}
