// `revgate init`: write a starter suite and golden set (src/run/init.ts) and say what was detected.
import { isAbsolute, relative } from 'node:path';
import { initSuite } from '../../run/init.js';
import { ExitCode } from '../exit-codes.js';
import type { InitFlags } from '../flags.js';
import type { CliIO } from '../io.js';

export async function runInit(flags: InitFlags, io: CliIO): Promise<number> {
  const { url, kind, dir, name, force } = flags;
  const result = await initSuite({ url, kind, dir, name, force, cwd: io.cwd, signal: io.signal });
  // One line on what the files are built on, then where they are: stderr, so stdout stays quiet.
  io.stderr(`revgate: ${result.detected}\n`);
  const shown = (file: string) => {
    const rel = relative(io.cwd, file);
    return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
  };
  io.stderr(`revgate: wrote ${shown(result.suiteFile)} and ${shown(result.goldenFile)}\n`);
  io.stderr(`revgate: next: revgate validate ${shown(result.suiteFile)}\n`);
  return ExitCode.Pass;
}
