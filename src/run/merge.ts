// `revgate merge` as a list of named steps: load the shard reports, check they belong together,
// feed every case again into one RunCollector, gate the merged data with the configuration the
// reports carry, and write one report. Statistics are computed on the merged cases (a Wilcoxon
// test over 3 × 40 cases is one test over 120 pairs), never averaged across shards.
import { JsonlSink } from '../replay/jsonl-sink.js';
import { readJsonlTolerant } from '../files/jsonl.js';
import type { CheckResult } from '../model/verdict.js';
import { loadReport } from '../report/load.js';
import type { ErrorSample, Report, ReportSummary, RunInfo } from '../model/report.js';
import { rendererFor } from '../report/renderers.js';
import { DEFAULT_REPORT_FORMATS } from '../report/schema.js';
import { writeRenderings } from './outputs.js';
import type { CaseRecord } from '../model/metrics.js';
import { VERSION } from '../model/version.js';
import { RunCollector } from './collect.js';
import { gateRun, type RunProgress } from './gate-run.js';
import { storedConfigOf } from './report-config.js';
import { createRunDir, newRunId } from '../files/run-dir.js';
import { planShards, type ShardPlan, type ShardReport } from './shard-plan.js';
import { writeReportJson } from './write-report.js';

export interface MergeOptions {
  /** The merged run writes `<outDir>/<run-id>/`. */
  outDir: string;
  /** Formats besides report.json (md, junit, …). @default DEFAULT_REPORT_FORMATS: json, md, junit, html */
  formats?: readonly string[];
  runId?: string;
}

export interface MergeResult {
  summary: ReportSummary;
  /** Files written, by format (json, cases, md, junit). */
  files: Record<string, string>;
  /** Shards of 1..n that were not given: the merged run is incomplete and never passes. */
  missing: number[];
}

/** Merge the report.json files of the shards of one run into one report and one verdict. */
export async function merge(files: readonly string[], options: MergeOptions): Promise<MergeResult> {
  const formats = options.formats ?? DEFAULT_REPORT_FORMATS;
  for (const f of formats) if (f !== 'json') rendererFor(f);
  const shards = await loadShards(files);
  const plan = planShards(shards);
  const base = shards[0]!;
  const config = storedConfigOf(base.report, base.file);

  const runId = options.runId ?? newRunId(`${base.report.suite.name}-merged`);
  const paths = await createRunDir(options.outDir, runId);
  const collector = new RunCollector(config.k, [...config.settings.thresholdSpecs, ...config.settings.statSpecs], config.topCases);
  await feedCases(shards, collector, paths.cases);

  const progress = mergedProgress(shards, plan);
  const gated = gateRun(collector, config.settings, progress, [...missingShards(plan, progress), ...setupChecks(shards, plan.total)]);
  const summaryBase = base.report;
  const summary: ReportSummary = {
    ...summaryBase,
    tool: { name: 'revgate', version: VERSION },
    run: mergedRun(shards, plan, progress, paths.id, paths.dir),
    ...gated,
    errors: mergeErrors(shards.map((s) => s.report.errors)),
  };
  const written: Record<string, string> = { cases: paths.cases, json: paths.report };
  await writeReportJson(paths.report, summary, paths.cases);
  // Formats that show cases (html) stream them back from the merged cases.jsonl, as compare does.
  const renderings = await writeRenderings({ summary, cases: () => readJsonlTolerant<CaseRecord>(paths.cases) }, paths.dir, formats);
  return { summary, files: { ...written, ...renderings }, missing: plan.missing };
}

/**
 * Load every report (each is checked by loadReport), ordered by shard index, keeping only its
 * summary: the cases of all shards together would hold the whole run in memory (2.5 GB at 200k
 * cases); feedCases reads them again one shard at a time.
 */
async function loadShards(files: readonly string[]): Promise<ShardReport[]> {
  const shards: ShardReport[] = [];
  for (const file of files) shards.push({ file, report: summaryOf(await loadReport(file)) });
  return shards.sort((a, b) => (a.report.run.shard?.index ?? 0) - (b.report.run.shard?.index ?? 0));
}

function summaryOf(report: Report): ReportSummary {
  const { cases: _cases, ...summary } = report;
  return summary;
}

// Cases are fed shard by shard, each shard in its golden order (a shard report does not record the
// cases' positions in the whole suite). Every metric, rank test and count is order-free; only a
// bootstrap interval resamples in case order, so it matches an unsharded run up to resampling noise.
// One shard's report is in memory at a time: read again (and checked again, in case it changed).
async function feedCases(shards: readonly ShardReport[], collector: RunCollector, casesFile: string): Promise<void> {
  const out = new JsonlSink<CaseRecord>(casesFile);
  try {
    for (const { file } of shards) {
      const { cases } = await loadReport(file);
      for (const record of cases) {
        collector.add(record);
        await out.write(record);
      }
    }
  } finally {
    await out.close();
  }
}

/** The merged run's progress: complete when every shard given ran to the end (missing shards are checked apart). */
function mergedProgress(shards: readonly ShardReport[], plan: ShardPlan): RunProgress {
  const runs = shards.map((s) => s.report.run);
  const casesDone = runs.reduce((n, r) => n + r.casesDone, 0);
  // With --filter / --tag / --limit, the whole is the selected set, not the suite.
  const golden = shards[0]!.report.run.selection?.selected ?? shards[0]!.report.suite.golden.reduce((n, g) => n + g.cases, 0);
  const planned = runs.reduce((n, r) => n + r.casesPlanned, 0);
  return {
    complete: runs.every((r) => r.complete),
    interrupted: runs.find((r) => r.interrupted !== null)?.interrupted ?? null,
    casesDone,
    // The whole suite when shards are missing (so "20/30 cases" shows what the merge lacks).
    casesPlanned: plan.missing.length > 0 && golden > planned ? golden : planned,
  };
}

function mergedRun(shards: readonly ShardReport[], plan: ShardPlan, progress: RunProgress, id: string, outputDir: string): RunInfo {
  const runs = shards.map((s) => s.report.run);
  const started = Math.min(...runs.map((r) => Date.parse(r.startedAt)));
  const finished = Math.max(...runs.map((r) => Date.parse(r.finishedAt ?? r.startedAt) || Date.parse(r.startedAt) + r.durationMs));
  return {
    id,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    // From the first shard's start to the last shard's end: the wall time of a parallel matrix.
    durationMs: finished - started,
    complete: progress.complete && plan.missing.length === 0,
    interrupted: progress.interrupted,
    casesDone: progress.casesDone,
    casesPlanned: progress.casesPlanned,
    warmup: runs[0]!.warmup,
    outputDir,
    ...(runs[0]!.selection ? { selection: runs[0]!.selection } : {}),
    merged: { total: plan.total, shards: plan.present, missing: plan.missing, runs: runs.map((r) => r.id) },
  };
}

/** A merge without every shard covers part of the suite: inconclusive, never pass. */
function missingShards(plan: ShardPlan, progress: RunProgress): CheckResult[] {
  if (plan.missing.length === 0) return [];
  const which = `shard${plan.missing.length === 1 ? '' : 's'} ${plan.missing.join(', ')} of ${plan.total}`;
  const reason = `merged run incomplete: ${which} missing, ${progress.casesDone}/${progress.casesPlanned} cases merged; a merge with missing shards is never pass`;
  return [
    {
      id: 'run.shards',
      name: 'run.shards',
      kind: 'run',
      expr: 'run.shards',
      advisory: false,
      value: plan.present.length,
      n: progress.casesDone,
      status: 'inconclusive',
      reason,
    },
  ];
}

/** A shard whose target was unreachable or never ready recorded it as a check; the merged run keeps it. */
function setupChecks(shards: readonly ShardReport[], total: number): CheckResult[] {
  return shards.flatMap(({ report }) => {
    const k = report.run.shard?.index ?? 0;
    return report.checks
      .filter((c) => c.kind === 'run' && c.id.startsWith('run:'))
      .map((c) => ({
        ...c,
        id: `${c.id}@shard-${k}`,
        name: `${c.name} (shard ${k}/${total})`,
        reason: `shard ${k}/${total}: ${c.reason}`,
      }));
  });
}

/** Error counts summed by revision and class (first example kept), green first, most frequent first. */
export function mergeErrors(lists: readonly ErrorSample[][]): ErrorSample[] {
  const byKey = new Map<string, ErrorSample>();
  for (const e of lists.flat()) {
    const key = `${e.revision}/${e.class}`;
    const seen = byKey.get(key);
    if (seen) seen.count += e.count;
    else byKey.set(key, { ...e });
  }
  return [...byKey.values()].sort((a, b) => (a.revision === b.revision ? b.count - a.count : a.revision === 'green' ? -1 : 1));
}
