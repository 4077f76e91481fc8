// Writing a run's reports: report.json streamed from cases.jsonl, then every other format rendered
// from the same summary — each file written atomically (temp file, fsync, rename), redacted.
import { join } from 'node:path';
import { writeAtomic } from '../files/atomic-write.js';
import { readJsonlTolerant } from '../files/jsonl.js';
import type { CaseRecord } from '../model/metrics.js';
import type { ReportSummary } from '../model/report.js';
import { rendererFor, type RenderInput } from '../report/renderers.js';
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
  // Cases stream back from cases.jsonl, for the formats that show them (html).
  const input: RenderInput = { summary, cases: () => readJsonlTolerant<CaseRecord>(paths.cases) };
  return { ...files, ...(await writeRenderings(input, paths.dir, formats, redact)) };
}

/** Render `formats` (json excluded: it is the source) into `dir`, each file written atomically; returns the files by format. */
export async function writeRenderings(
  input: RenderInput,
  dir: string,
  formats: readonly string[],
  redact: (s: string) => string = (s) => s,
): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const format of formats) {
    if (format === 'json') continue;
    const r = rendererFor(format);
    const file = join(dir, r.file);
    await writeAtomic(file, redact(await r.render(input)));
    files[format] = file;
  }
  return files;
}
