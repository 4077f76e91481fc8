// `revgate merge <run...>`: combine the shard reports of one run into one report and one
// verdict, gated on the merged cases; exit by that verdict.
import { resolve } from 'node:path';
import { resolveRunArg } from '../../run/locate-run.js';
import { publishToGitHub } from '../../ci/github.js';
import { renderConsole } from '../../report/console.js';
import { DEFAULT_REPORT_FORMATS } from '../../report/schema.js';
import { merge } from '../../run/merge.js';
import { exitForVerdict } from '../exit-codes.js';
import type { MergeFlags } from '../flags.js';
import type { CliIO } from '../io.js';

export async function runMerge(runs: string[], flags: MergeFlags, io: CliIO): Promise<number> {
  const formats = flags.format ?? DEFAULT_REPORT_FORMATS;
  const outDir = resolve(io.cwd, flags.out);
  const result = await merge(
    // Each shard named like any run: its directory, report.json or report.html.
    runs.map((run) => resolveRunArg(io.cwd, run).json),
    { outDir, formats },
  );
  const { merged } = result.summary.run;
  if (merged)
    io.stderr(
      `revgate: merged shard${merged.shards.length === 1 ? '' : 's'} ${merged.shards.join(', ')} of ${merged.total}: ${result.summary.run.casesDone} cases\n`,
    );
  if (result.missing.length > 0) {
    io.stderr(
      `revgate: warning: shard${result.missing.length === 1 ? '' : 's'} ${result.missing.join(', ')} missing: the merged run is incomplete and cannot pass\n`,
    );
  }
  io.stdout(renderConsole(result.summary, { color: io.color }));
  await publishToGitHub(result.summary, io);
  return exitForVerdict(result.summary.verdict.status);
}
