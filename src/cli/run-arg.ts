// The run a command reads, named the same way in every command (src/run/locate-run.ts): loaded,
// and when the run never ended, rebuilt from its cases.jsonl with a line on stderr saying so.
import { UsageError } from '../model/errors.js';
import type { Report } from '../model/report.js';
import { loadRun, RUN_ARG_HINT, type RunRef } from '../run/locate-run.js';
import type { CliIO } from './io.js';

/** Load the run's report, telling the user when it had to be rebuilt first. */
export async function loadRunReport(ref: RunRef, io: CliIO): Promise<Report> {
  const { report, rebuilt } = await loadRun(ref);
  if (rebuilt)
    io.stderr(
      `revgate: ${ref.dir} had no report.json (the run did not end): rebuilt ${rebuilt.formats.join(', ')} from cases.jsonl (${rebuilt.casesDone} of ${rebuilt.casesPlanned} cases)\n`,
    );
  return report;
}

/** `revgate report <run>` or the older `--from <run>`: one of them, or both naming the same run. */
export function runArgOf(positional: string | undefined, from: string | undefined): string {
  if (positional !== undefined && from !== undefined && positional !== from)
    throw new UsageError(`two runs named: ${positional} and --from ${from}`, 'name the run once: `revgate report <run>`');
  const run = positional ?? from;
  if (run === undefined) throw new UsageError('no run named', `${RUN_ARG_HINT}, e.g. \`revgate report reports/<run-id>\``);
  return run;
}
