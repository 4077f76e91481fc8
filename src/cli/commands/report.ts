// `revgate report <run>` (or `--from <run>`): re-render a run's reports without replaying traffic.
// The run is a directory, its report.json or its report.html; a run directory without report.json
// (a crashed run) is rebuilt from its cases.jsonl first.
import { dirname, resolve } from 'node:path';
import { publishToGitHub } from '../../ci/github.js';
import { UsageError } from '../../model/errors.js';
import { renderConsole } from '../../report/console.js';
import { inputFromReport, RENDERERS } from '../../report/renderers.js';
import { resolveRunArg } from '../../run/locate-run.js';
import { writeRenderings } from '../../run/outputs.js';
import { exitForVerdict } from '../exit-codes.js';
import type { ReportFlags } from '../flags.js';
import type { CliIO } from '../io.js';
import { loadRunReport, runArgOf } from '../run-arg.js';
import { makeDirs } from '../../files/run-dir.js';

export async function runReport(run: string | undefined, flags: ReportFlags, io: CliIO): Promise<number> {
  const ref = resolveRunArg(io.cwd, runArgOf(run, flags.from));
  const formats = flags.format;
  const unknown = formats.filter((f) => f !== 'console' && !(f in RENDERERS));
  if (unknown.length)
    throw new UsageError(
      `unknown format ${unknown.map((f) => `"${f}"`).join(', ')}`,
      `choose from ${[...Object.keys(RENDERERS), 'console'].join(', ')}`,
    );
  const report = await loadRunReport(ref, io);
  const outDir = flags.out === undefined ? dirname(ref.json) : resolve(io.cwd, flags.out);
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
