// Do these reports belong together as the shards of one run? Same suite and config hash, the same
// shard count, each shard once. Shards that were not given are listed (the merge is then
// incomplete); anything else that does not fit is a usage error (exit 4). Pure: no I/O.
import { ReportInvalidError, UsageError } from '../model/errors.js';
import type { ReportSummary } from '../model/report.js';
import { selectionText } from '../report/selection.js';

export interface ShardReport<R extends ReportSummary = ReportSummary> {
  /** The report file, for messages. */
  file: string;
  report: R;
}

export interface ShardPlan {
  /** n of `--shard k/n`. */
  total: number;
  /** Shard indexes given, ascending. */
  present: number[];
  /** Shard indexes of 1..n not given. */
  missing: number[];
}

const HINT =
  'merge the report.json of every `revgate compare --shard k/n` job of one run: same suite file, golden sets, thresholds, URLs and flags';

/** Check that the reports are distinct shards of one run and list the missing shards. */
export function planShards(reports: readonly ShardReport[]): ShardPlan {
  const first = reports[0];
  if (!first) throw new UsageError('no report to merge', HINT);
  const byIndex = new Map<number, string>();
  let total = 0;
  for (const { file, report } of reports) {
    const { shard, merged } = report.run;
    if (merged) throw new UsageError(`${file} is already a merged report`, HINT);
    if (!shard) throw new UsageError(`${file} is not a shard report (its run had no --shard)`, HINT);
    if (
      !Number.isInteger(shard.total) ||
      shard.total < 1 ||
      !Number.isInteger(shard.index) ||
      shard.index < 1 ||
      shard.index > shard.total
    ) {
      throw new ReportInvalidError(
        file,
        `field \`run.shard\` should be {index, total} with 1 ≤ index ≤ total, got ${JSON.stringify(shard)}`,
      );
    }
    if (report.suite.name !== first.report.suite.name) {
      throw new UsageError(`${file} is from suite "${report.suite.name}", ${first.file} from suite "${first.report.suite.name}"`, HINT);
    }
    if (report.suite.configHash !== first.report.suite.configHash) {
      throw new UsageError(
        `${file} and ${first.file} were run with different configurations (config hash ${short(report.suite.configHash)} ≠ ${short(first.report.suite.configHash)})`,
        HINT,
      );
    }
    // The config hash leaves the selection out: shards that selected differently would merge silently.
    if (JSON.stringify(report.run.selection ?? null) !== JSON.stringify(first.report.run.selection ?? null))
      throw new UsageError(
        `${file} and ${first.file} selected different cases (--filter / --tag / --limit): ${selectionOf(report)} ≠ ${selectionOf(first.report)}`,
        HINT,
      );
    if (total !== 0 && shard.total !== total)
      throw new UsageError(
        `${file} is shard ${shard.index}/${shard.total}, ${first.file} is shard ${first.report.run.shard?.index}/${total}`,
        HINT,
      );
    total = shard.total;
    const seen = byIndex.get(shard.index);
    if (seen !== undefined) throw new UsageError(`shard ${shard.index}/${total} given twice: ${seen} and ${file}`, HINT);
    byIndex.set(shard.index, file);
  }
  const present = [...byIndex.keys()].sort((a, b) => a - b);
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  return { total, present, missing };
}

function selectionOf(report: ReportSummary): string {
  return report.run.selection ? selectionText(report.run.selection) : 'every case';
}

function short(hash: string): string {
  return hash.replace(/^sha256:/, '').slice(0, 12);
}
