// Writing a run's reports: report.json streamed from cases.jsonl, then every other format rendered
// from the same summary — each file written atomically (temp file, fsync, rename), redacted.
import { readHtmlSource, renderHtmlPage } from '../report/html/index.js';
import type { ReportSummary } from '../model/report.js';
import { rendererFor } from '../report/renderers.js';
import { writeAtomic } from '../files/atomic-write.js';
import { writeReportJson } from './write-report.js';

export interface RunPaths {
  dir: string;
  results: string;
  cases: string;
  report: string;
}

/** Write report.json and `formats`; returns the files by format. */
export async function writeOutputs(
  summary: ReportSummary,
  paths: RunPaths,
  formats: readonly string[],
  redact: (s: string) => string = (s) => s,
): Promise<Record<string, string>> {
  const files: Record<string, string> = { results: paths.results, cases: paths.cases };
  await writeReportJson(paths.report, summary, paths.cases);
  files.json = paths.report;
  for (const format of formats) {
    if (format === 'json') continue;
    const r = rendererFor(format);
    const file = `${paths.dir}/${r.file}`;
    // report.html shows cases: they are streamed back from cases.jsonl, keeping at most
    // HTML_CASE_LIMIT of them (the most regressed) in memory, never the whole run.
    await writeAtomic(file, redact(r.needsCases ? renderHtmlPage(await readHtmlSource(summary, paths.cases)) : r.render(summary)));
    files[format] = file;
  }
  return files;
}
