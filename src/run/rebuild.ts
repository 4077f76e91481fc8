// Rebuild a run's reports from its durable record after a crash (kill -9, a lost machine): run.json
// (configuration and plan, written before any request), cases.jsonl (every scored case, appended as
// it finished) and results.jsonl (every attempt). The cases are fed to a RunCollector and gated
// with the configuration the run recorded, exactly as `revgate merge` does; the run is marked
// incomplete (it never ended), so the verdict is never a pass unless every planned case is there.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadReport } from '../report/load.js';
import { DEFAULT_REPORT_FORMATS } from '../report/schema.js';
import type { Report, ReportSummary } from '../model/report.js';
import type { AttemptRecord } from '../model/attempt.js';
import type { CaseRecord } from '../model/metrics.js';
import { RunCollector } from './collect.js';
import { ErrorTally } from './errors-tally.js';
import { gateRun } from './gate-run.js';
import { writeOutputs } from './outputs.js';
import { storedConfigOf } from './report-config.js';
import { readJsonlTolerant } from '../files/jsonl.js';

/** True when `dir` holds a run that can be rebuilt (run.json and cases.jsonl). */
export function isRunDir(dir: string): boolean {
  return existsSync(join(dir, 'run.json')) && existsSync(join(dir, 'cases.jsonl'));
}

/** Rebuild report.json and `formats` (default: the run's own) in `dir`. */
export async function rebuildRun(
  dir: string,
  formats?: readonly string[],
): Promise<{ summary: ReportSummary; files: Record<string, string> }> {
  const headFile = join(dir, 'run.json');
  const head: Report = await loadReport(headFile);
  const config = storedConfigOf(head, headFile);
  const collector = new RunCollector(config.k, [...config.settings.thresholdSpecs, ...config.settings.statSpecs], config.topCases);
  let casesDone = 0;
  for await (const record of readJsonlTolerant<CaseRecord>(join(dir, 'cases.jsonl'))) {
    collector.add(record);
    casesDone++;
  }
  const tally = new ErrorTally();
  for await (const a of readJsonlTolerant<AttemptRecord>(join(dir, 'results.jsonl'))) tally.add(a);
  const progress = { complete: false, interrupted: null, casesDone, casesPlanned: head.run.casesPlanned };
  const gated = gateRun(collector, config.settings, progress, []);
  const last = (await stat(join(dir, 'cases.jsonl'))).mtime;
  const { cases: _cases, ...base } = head;
  const summary: ReportSummary = {
    ...base,
    run: {
      ...head.run,
      complete: false,
      casesDone,
      finishedAt: last.toISOString(),
      durationMs: last.getTime() - Date.parse(head.run.startedAt),
      outputDir: dir,
    },
    ...gated,
    errors: tally.list(),
  };
  const paths = { dir, results: join(dir, 'results.jsonl'), cases: join(dir, 'cases.jsonl'), report: join(dir, 'report.json') };
  const wanted = formats ?? (head.config as { report?: { formats?: string[] } }).report?.formats ?? DEFAULT_REPORT_FORMATS;
  return { summary, files: await writeOutputs(summary, paths, wanted) };
}
