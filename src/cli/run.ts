// Run the CLI with injected IO and return the exit code (tests call this in-process).
import { CommanderError } from 'commander';
import { ExitCode } from './exit-codes.js';
import { describeError } from './format-error.js';
import type { CliIO } from './io.js';
import { buildProgram } from './program.js';

/** Parse `argv` (without node and script), run the command, return its exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
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
