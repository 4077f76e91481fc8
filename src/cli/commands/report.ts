// `revgate report --from <report.json | run dir>`: re-render without replaying traffic; a run
// directory without report.json (a crashed run) is rebuilt from its cases.jsonl first.
import { existsSync, statSync } from 'node:fs';
import { isRunDir, rebuildRun } from '../../run/rebuild.js';
import { dirname, join, resolve } from 'node:path';
import { publishToGitHub } from '../../ci/github.js';
import { UsageError } from '../../model/errors.js';
import { renderConsole } from '../../report/console.js';
import { loadReport } from '../../report/load.js';
import { inputFromReport, RENDERERS } from '../../report/renderers.js';
import { writeRenderings } from '../../run/outputs.js';
import { exitForVerdict } from '../exit-codes.js';
import type { ReportFlags } from '../flags.js';
import type { CliIO } from '../io.js';
import { makeDirs } from '../../files/run-dir.js';

export async function runReport(flags: ReportFlags, io: CliIO): Promise<number> {
  let from = resolve(io.cwd, flags.from);
  const formats = flags.format;
  const unknown = formats.filter((f) => f !== 'console' && !(f in RENDERERS));
  if (unknown.length)
    throw new UsageError(
      `unknown format ${unknown.map((f) => `"${f}"`).join(', ')}`,
      `choose from ${[...Object.keys(RENDERERS), 'console'].join(', ')}`,
    );
  if (existsSync(from) && statSync(from).isDirectory()) {
    // A run directory: its report.json, or — after a crash left none — every format rebuilt from cases.jsonl.
    if (!existsSync(join(from, 'report.json'))) {
      if (!isRunDir(from))
        throw new UsageError(
          `${from} is not a run directory (no report.json, no run.json + cases.jsonl)`,
          'pass a report.json or a run directory under report.dir',
        );
      const rebuilt = await rebuildRun(from);
      io.stderr(
        `revgate: ${from} had no report.json (the run did not end): rebuilt ${Object.keys(rebuilt.files)
          .filter((f) => f !== 'results' && f !== 'cases')
          .join(', ')} from cases.jsonl (${rebuilt.summary.run.casesDone} of ${rebuilt.summary.run.casesPlanned} cases)\n`,
      );
    }
    from = join(from, 'report.json');
  }
  const report = await loadReport(from);
  const outDir = flags.out === undefined ? dirname(from) : resolve(io.cwd, flags.out);
  await makeDirs(outDir);
  if (formats.includes('console')) io.stdout(renderConsole(report, { color: io.color }));
  const written = await writeRenderings(
    inputFromReport(report),
    outDir,
    formats.filter((f) => f !== 'console'),
  );
  for (const file of Object.values(written)) io.stdout(`wrote ${file}\n`);
  await publishToGitHub(report, io);
  return exitForVerdict(report.verdict.status);
}
