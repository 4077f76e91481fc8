// `revgate open [run]`: the HTML report of a run — the one named, or the newest under the report
// directory — rendered from its report.json when the run did not write one, printed, and opened
// with the platform's opener unless --print.
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { OutputDirError, UsageError } from '../../model/errors.js';
import { inputFromReport } from '../../report/renderers.js';
import { isRun, newestRun, resolveRunArg, RUN_ARG_HINT, type RunRef } from '../../run/locate-run.js';
import { writeRenderings } from '../../run/outputs.js';
import { ExitCode } from '../exit-codes.js';
import type { OpenFlags } from '../flags.js';
import type { CliIO } from '../io.js';
import { loadRunReport } from '../run-arg.js';

export async function runOpen(run: string | undefined, flags: OpenFlags, io: CliIO): Promise<number> {
  const ref = run === undefined ? await newest(resolve(io.cwd, flags.out), io) : named(run, io);
  const page = await htmlOf(ref, io);
  io.stdout(`${page}\n`);
  // Without an opener (tests, library use) the printed path is the whole result.
  if (!flags.print) io.openFile?.(page);
  return ExitCode.Pass;
}

async function newest(reportsDir: string, io: CliIO): Promise<RunRef> {
  const ref = await newestRun(reportsDir);
  if (ref === null)
    throw new UsageError(
      `no run found in ${relative(io.cwd, reportsDir) || '.'}`,
      'run `revgate compare <suite>` first, name a run (`revgate open reports/<run-id>`), or search another report directory with --out <dir>',
    );
  return ref;
}

function named(run: string, io: CliIO): RunRef {
  const ref = resolveRunArg(io.cwd, run);
  const exists = ref.given === 'dir' ? isRun(ref.dir) : existsSync(ref.path) || existsSync(ref.json);
  if (!exists) throw new UsageError(`no run at ${run}`, RUN_ARG_HINT);
  return ref;
}

/** The run's report.html: the page named, the one the run wrote, or one rendered now from its report.json. */
async function htmlOf(ref: RunRef, io: CliIO): Promise<string> {
  if (ref.given === 'html' && existsSync(ref.path)) return ref.path;
  const page = join(ref.dir, 'report.html');
  if (existsSync(page)) return page;
  const report = await loadRunReport(ref, io);
  // A rebuilt run may have written its page already (html is a default format).
  if (existsSync(page)) return page;
  try {
    await writeRenderings(inputFromReport(report), ref.dir, ['html']);
  } catch (e) {
    throw new OutputDirError(ref.dir, e, {
      outcome: 'report.html could not be rendered there',
      hint: 'render it elsewhere: `revgate report <run> --format html --out <dir>`, then `revgate open <dir>/report.html`',
    });
  }
  io.stderr(`revgate: ${ref.dir} had no report.html: rendered it from ${ref.json}\n`);
  return page;
}
