// Each run writes to its own directory: <report.dir>/<run-id>/.
import { randomBytes } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** A sortable, unique run id: 20261126-231502-pharmabot-3fa2. */
export function newRunId(suiteName: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const slug =
    suiteName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'suite';
  return `${stamp}-${slug}-${randomBytes(3).toString('hex')}`;
}

/**
 * `mkdir -p`, one component at a time. Node's own `mkdir({recursive: true})` never returns for a
 * path under /proc (it loops on ENOENT from a parent that exists): here every failure surfaces at once.
 */
export async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    try {
      if ((await stat(d)).isDirectory()) break;
      throw Object.assign(new Error(`${d} is not a directory`), { code: 'ENOTDIR' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(d) === d) throw e;
      missing.unshift(d);
    }
  }
  for (const d of missing) {
    try {
      await mkdir(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/**
 * Create the run directory — exclusively: two runs started in the same second (or given the same id)
 * never share one; the second gets `<id>-2`, `-3`, … — and return its id and the paths of its files.
 */
export async function createRunDir(baseDir: string, runId: string) {
  await makeDirs(resolve(baseDir));
  let id = runId;
  for (let n = 2; ; n++) {
    try {
      await mkdir(resolve(baseDir, id));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      id = `${runId}-${n}`;
    }
  }
  const dir = resolve(baseDir, id);
  return {
    id,
    dir,
    results: join(dir, 'results.jsonl'),
    cases: join(dir, 'cases.jsonl'),
    report: join(dir, 'report.json'),
    /** The run's configuration and plan, written before any request (rebuilds after a crash). */
    head: join(dir, 'run.json'),
  };
}
