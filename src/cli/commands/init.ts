// `revgate init`: write a starter suite and golden set (src/run/init.ts) and say what was detected.
import { initSuite } from '../../run/init.js';
import { ExitCode } from '../exit-codes.js';
import type { InitFlags } from '../flags.js';
import type { CliIO } from '../io.js';

export async function runInit(flags: InitFlags, io: CliIO): Promise<number> {
  const { url, kind, dir, name, force } = flags;
  const result = await initSuite({ url, kind, dir, name, force, cwd: io.cwd, signal: io.signal });
  // One line on what the files are built on, then where they are: stderr, so stdout stays quiet.
  io.stderr(`revgate: ${result.detected}\n`);
  io.stderr(`revgate: wrote ${result.suiteFile} and ${result.goldenFile}\n`);
  io.stderr(`revgate: next: revgate validate ${result.suiteFile}\n`);
  return ExitCode.Pass;
}
