// Finding a finished run from what a command was given. Every command that reads a run (report,
// open, diff, merge) takes the same three spellings — its directory, its report.json or its
// report.html — and `revgate open` with nothing named takes the newest run of a report directory.
// A run directory whose run never ended (no report.json) is rebuilt from its cases.jsonl.
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../model/errors.js';
import type { Report } from '../model/report.js';
import { loadReport } from '../report/load.js';
import { isRunDir, rebuildRun } from './rebuild.js';

/** Hint of every "which run?" usage error. */
export const RUN_ARG_HINT = 'name a run directory (reports/<run-id>), its report.json or its report.html';

export interface RunRef {
  /** The run's directory: where its renderings are (re)written. */
  dir: string;
  /** Its report.json — missing for a run that never ended (run.json and cases.jsonl remain). */
  json: string;
  /** What was named: the directory, a JSON report (any name), or an HTML page (stands for the report.json beside it). */
  given: 'dir' | 'json' | 'html';
  /** The path as resolved, for messages (and the page to open when an existing HTML file was named). */
  path: string;
}

/** The run `arg` names, resolved against `cwd`. Nothing is read yet: a missing file fails on load. */
export function resolveRunArg(cwd: string, arg: string): RunRef {
  const path = resolve(cwd, arg);
  if (existsSync(path) && statSync(path).isDirectory()) return { dir: path, json: join(path, 'report.json'), given: 'dir', path };
  const dir = dirname(path);
  if (/\.html?$/i.test(path)) return { dir, json: join(dir, 'report.json'), given: 'html', path };
  return { dir, json: path, given: 'json', path };
}

/** True when `dir` holds a run: a report (JSON or HTML), or the durable record of one that never ended. */
export function isRun(dir: string): boolean {
  return existsSync(join(dir, 'report.json')) || existsSync(join(dir, 'report.html')) || isRunDir(dir);
}

/**
 * The newest run directly under `reportsDir`, or null when there is none (or no such directory).
 * Run ids begin with the UTC time the run started (20261126-231502-pharmabot-3fa2; a clash adds
 * -2, -3), so the newest run is the greatest name — file times would change whenever an old run
 * is re-rendered.
 */
export async function newestRun(reportsDir: string): Promise<RunRef | null> {
  let names: string[];
  try {
    names = (await readdir(reportsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
  const newest = names
    .filter((name) => isRun(join(reportsDir, name)))
    .sort()
    .at(-1);
  return newest === undefined ? null : resolveRunArg(reportsDir, newest);
}

export interface LoadedRun {
  report: Report;
  /** Set when the run never ended and its report.json was rebuilt from cases.jsonl: the files written. */
  rebuilt: { formats: string[]; casesDone: number; casesPlanned: number } | null;
}

/** The run's report: its report.json, rebuilt first from cases.jsonl when the run never ended. */
export async function loadRun(ref: RunRef): Promise<LoadedRun> {
  let rebuilt: LoadedRun['rebuilt'] = null;
  // Only report.json is rebuilt (that is where the rebuild writes it), whichever way the run was named.
  if (!existsSync(ref.json) && basename(ref.json) === 'report.json') {
    if (isRunDir(ref.dir)) {
      const r = await rebuildRun(ref.dir);
      rebuilt = {
        formats: Object.keys(r.files).filter((f) => f !== 'results' && f !== 'cases'),
        casesDone: r.summary.run.casesDone,
        casesPlanned: r.summary.run.casesPlanned,
      };
    } else if (ref.given !== 'json') {
      throw new UsageError(`${ref.dir} is not a run directory (no report.json, no run.json + cases.jsonl)`, RUN_ARG_HINT);
    }
  }
  return { report: await loadReport(ref.json), rebuilt };
}
